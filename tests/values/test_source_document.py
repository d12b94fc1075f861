"""A framework's source document: a real PDF uploaded in the admin, refused when it is not a PDF
or too large, served as a download to whoever may see the framework, and never to others."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from tests.conftest import make_framework
from tests.values.test_import_exact import _management_forms
from tests.values.test_publisher_access import staff_editor
from values.models import Framework, Publisher, SourceDocument, Status


def real_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def framework_form(client, framework: Framework, **extra):
    url = reverse("admin:values_framework_change", args=[framework.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name in ("source_pdf", "remove_source_pdf"):
            continue
        data[name] = getattr(value, "pk", value)
    data.update(_management_forms(page))
    data.update(extra)
    return client.post(url, data)


@pytest.fixture
def framework(db):
    return make_framework(themes=1)


@pytest.mark.django_db
def test_an_uploaded_pdf_is_offered_as_a_download_on_the_framework_page(editor_client, framework):
    pdf = real_pdf()
    response = framework_form(
        editor_client,
        framework,
        source_pdf=SimpleUploadedFile("Værdigrundlag 2017.pdf", pdf, "application/pdf"),
    )
    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.source_file_name == "Værdigrundlag_2017.pdf"
    page = Client().get(framework.get_absolute_url()).content.decode()
    assert framework.source_document_url() in page
    download = Client().get(framework.source_document_url())
    assert download.status_code == 200
    assert download.content == pdf
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_file_that_is_not_a_pdf_is_refused_by_its_content(editor_client, framework):
    html_as_pdf = SimpleUploadedFile("ramme.pdf", b"<html><script>x()</script>", "application/pdf")
    response = framework_form(editor_client, framework, source_pdf=html_as_pdf)
    assert response.status_code == 200
    assert "Filen er ikke en PDF." in response.content.decode()
    assert not SourceDocument.objects.exists()


@pytest.mark.django_db
def test_a_pdf_above_the_limit_is_refused_with_its_size(editor_client, framework, monkeypatch):
    monkeypatch.setattr("values.admin.source_document.MAX_SOURCE_DOCUMENT_BYTES", 1024)
    big = real_pdf() + b"\n%" + b"x" * 2048
    response = framework_form(editor_client, framework, source_pdf=SimpleUploadedFile("s.pdf", big))
    assert "Et kildedokument må højst fylde" in response.content.decode()
    assert not SourceDocument.objects.exists()


@pytest.mark.django_db
def test_removing_the_document_deletes_it(editor_client, framework):
    framework_form(editor_client, framework, source_pdf=SimpleUploadedFile("a.pdf", real_pdf()))
    framework_form(editor_client, framework, remove_source_pdf="on")
    assert not SourceDocument.objects.exists()
    assert Client().get(framework.source_document_url()).status_code == 404


@pytest.mark.django_db
def test_a_draft_frameworks_document_is_not_public(editor_client, framework):
    framework_form(editor_client, framework, source_pdf=SimpleUploadedFile("a.pdf", real_pdf()))
    Framework.objects.filter(pk=framework.pk).update(status=Status.DRAFT)
    assert Client().get(framework.source_document_url()).status_code == 404


@pytest.mark.django_db
def test_an_editor_of_another_publisher_cannot_upload(client, framework):
    outsider: User = staff_editor("vejle")
    Publisher.objects.get_or_create(name="Vejle Kommune")[0].editors.add(outsider)
    client.force_login(outsider)
    url = reverse("admin:values_framework_change", args=[framework.pk])
    response = client.post(url, {"source_pdf": SimpleUploadedFile("a.pdf", real_pdf())})
    assert response.status_code == 404
    assert not SourceDocument.objects.exists()


@pytest.mark.django_db
def test_the_download_takes_two_queries(editor_client, framework, django_assert_num_queries):
    framework_form(editor_client, framework, source_pdf=SimpleUploadedFile("a.pdf", real_pdf()))
    public = Client()
    with django_assert_num_queries(2):
        assert public.get(framework.source_document_url()).status_code == 200
