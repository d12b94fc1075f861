"""Versions of content: who changed what and when, compare, revert, and safe deletion."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from values.models import Framework, Item, ReflectionQuestion, Theme


def change_theme(client, theme, **changes):
    data = {
        "framework": theme.framework_id,
        "number": theme.number,
        "title": theme.title,
        "slug": theme.slug,
        "status": theme.status,
        "position": theme.position,
        "counts_as_theme": "on" if theme.counts_as_theme else "",
        "lead": theme.lead,
        "body": theme.body,
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    data.update(changes)
    response = client.post(reverse("admin:values_theme_change", args=[theme.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def edited_theme(editor_client, framework):
    theme = framework.themes.first()
    change_theme(editor_client, theme, body="Første tekst om forældremøder.")
    change_theme(editor_client, theme, body="Anden tekst om forældremøder og tillid.")
    return theme


@pytest.mark.django_db
def test_every_admin_change_is_a_version_with_who_and_when(editor_client, edited_theme, editor):
    versions = Version.objects.get_for_object(edited_theme)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {editor}
    page = editor_client.get(reverse("admin:values_theme_history", args=[edited_theme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "redaktoer" in html and "Sammenlign valgte versioner" in html
    assert html.count("Ændrede Tekst.") == 2  # what changed, per version


@pytest.mark.django_db
def test_compare_shows_the_words_that_changed(editor_client, edited_theme):
    older, newer = reversed(list(Version.objects.get_for_object(edited_theme)))
    response = editor_client.get(
        reverse("admin:values_theme_compare", args=[edited_theme.pk]),
        {"a": older.pk, "b": newer.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<del><span class="visually-hidden">fjernet: </span>Første</del>' in html
    assert '<ins><span class="visually-hidden">tilføjet: </span>Anden</ins>' in html
    assert "tillid." in html


@pytest.mark.django_db
def test_revert_restores_the_old_text(editor_client, edited_theme):
    older = list(Version.objects.get_for_object(edited_theme))[-1]
    url = reverse("admin:values_theme_revision", args=[edited_theme.pk, older.pk])

    form_page = editor_client.get(url)
    assert "Første tekst om forældremøder." in form_page.content.decode()
    change_theme_url = url  # the revision form posts back to itself
    data = {
        "framework": edited_theme.framework_id,
        "number": edited_theme.number,
        "title": edited_theme.title,
        "slug": edited_theme.slug,
        "status": edited_theme.status,
        "position": edited_theme.position,
        "lead": edited_theme.lead,
        "body": older.field_dict["body"],
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    assert editor_client.post(change_theme_url, data).status_code == 302

    edited_theme.refresh_from_db()
    assert edited_theme.body == "Første tekst om forældremøder."
    assert Version.objects.get_for_object(edited_theme).count() == 3


@pytest.mark.django_db
def test_reverting_a_framework_leaves_the_themes_below_it_as_they_are(framework):
    theme = framework.themes.first()
    original_title = framework.title
    with reversion.create_revision():  # outside the admin: a shell or a script keeps history too
        framework.save()
    with reversion.create_revision():
        theme.title = "Et tema, der er rettet siden"
        theme.save()
        framework.title = "En ny titel"
        framework.save()

    Version.objects.get_for_object(framework).last().revision.revert()

    framework.refresh_from_db()
    theme.refresh_from_db()
    assert framework.title == original_title
    assert theme.title == "Et tema, der er rettet siden"


@pytest.mark.django_db
def test_an_import_is_one_version_with_the_importer_as_author(editor_client, framework, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from values.spreadsheets.formats import DanishCSV, export_bytes
    from values.spreadsheets.resources import RESOURCES

    data = export_bytes(RESOURCES[Theme], DanishCSV).decode("utf-8-sig")
    data = data.replace("Tekst til tema 1", "Importeret tekst til tema 1").encode("utf-8-sig")
    preview = editor_client.post(
        reverse("admin:values_theme_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("t.csv", data)},
    )
    editor_client.post(
        reverse("admin:values_theme_process_import"), preview.context["confirm_form"].initial
    )
    theme = Theme.objects.get(body__startswith="Importeret")
    version = Version.objects.get_for_object(theme).get()
    assert version.revision.user == editor
    assert "Importeret fra filen t.csv" in version.revision.get_comment()


@pytest.mark.django_db
def test_deleting_a_framework_lists_everything_that_goes_with_it(editor_client, framework):
    response = editor_client.get(reverse("admin:values_framework_delete", args=[framework.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for theme in framework.themes.all():
        assert theme.title in html
    for item in Item.objects.filter(theme__framework=framework):
        assert (item.title or item.text)[:40] in html
    for question in ReflectionQuestion.objects.filter(theme__framework=framework):
        assert question.text[:40] in html
    assert Framework.objects.filter(pk=framework.pk).exists()  # asking deletes nothing

    editor_client.post(
        reverse("admin:values_framework_delete", args=[framework.pk]), {"post": "yes"}
    )
    assert not Framework.objects.filter(pk=framework.pk).exists()
    assert not Theme.objects.filter(framework_id=framework.pk).exists()
