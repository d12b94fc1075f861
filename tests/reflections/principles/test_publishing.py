"""The published principle: its public page, PDF and HTML to paste; taking it offline; deleting."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from pypdf import PdfReader

from reflections import deletion
from reflections.models import (
    LineComment,
    Participant,
    Principle,
    PrincipleLine,
    PrincipleSection,
    PrincipleVersion,
)
from reflections.principles import approval
from reflections.principles.published import embed_html

from .conftest import AGREED_TEXT, approve

pytestmark = pytest.mark.django_db


def public_url(principle) -> str:
    return reverse("principles:public", args=[principle.public_slug])


def test_the_public_page_shows_the_approved_principle_with_what_it_builds_on(client, published):
    response = client.get(public_url(published))
    assert response.status_code == 200
    page = response.content.decode()
    assert AGREED_TEXT in page
    assert "Skovvejens Skole" in page and "Skolebestyrelsen" in page
    assert "Drøftet og godkendt i skolebestyrelsen den 10. marts 2027" in page
    assert "Evalueres senest 10. marts 2028" in page
    assert "Bygger på:" in page and "Ballerup Kommune, Tema 1, indikator 1" in page


def test_the_public_page_is_not_indexed(client, published):
    response = client.get(public_url(published))
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_public_page_names_no_member_and_shows_no_comment(client, published, board):
    Participant.objects.create(worksheet=board.worksheet, display_name="Medlem Mads")
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    LineComment.objects.create(line=line, author_name="Formand Fie", text="Hemmelig kommentar")
    page = client.get(public_url(published)).content.decode()
    assert "Medlem Mads" not in page and "Formand Fie" not in page
    assert "Hemmelig kommentar" not in page


def test_the_public_page_shows_the_published_version_never_the_draft(client, published):
    PrincipleLine.objects.filter(text=AGREED_TEXT).update(text="Udkast efter godkendelsen")
    page = client.get(public_url(published)).content.decode()
    assert AGREED_TEXT in page
    assert "Udkast efter godkendelsen" not in page


def test_the_boards_text_is_escaped_on_the_public_page_and_in_the_html_to_paste(client, principle):
    section = principle.sections.first()
    PrincipleLine.objects.create(section=section, text="<script>alert(1)</script>", position=9)
    approval.publish(principle, approve(principle))
    page = client.get(public_url(principle)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    request = RequestFactory().get("/")
    pasted = embed_html(principle, principle.published_version, request)
    assert "<script>alert(1)" not in pasted and "&lt;script&gt;" in pasted
    assert "<style" not in pasted and "class=" not in pasted
    assert f"http://testserver{public_url(principle)}" in pasted


def test_the_pdf_is_a_pdf_of_the_published_version(client, published):
    response = client.get(reverse("principles:public_pdf", args=[published.public_slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["X-Robots-Tag"] == "noindex"


def test_taken_offline_the_address_answers_410_at_once(client, published):
    assert "max-age=0" in client.get(public_url(published))["Cache-Control"]
    approval.unpublish(published)
    assert client.get(public_url(published)).status_code == 410
    pdf = reverse("principles:public_pdf", args=[published.public_slug])
    assert client.get(pdf).status_code == 410


def test_publishing_again_keeps_the_address(client, published):
    slug = published.public_slug
    approval.unpublish(published)
    approval.publish(published, approve(published, 20))
    assert published.public_slug == slug
    assert client.get(public_url(published)).status_code == 200


def test_an_unknown_address_answers_404(client, db):
    assert client.get(reverse("principles:public", args=["ukendt"])).status_code == 404


def test_deleting_the_space_deletes_its_principles_and_their_public_address(
    client, published, space
):
    url = public_url(published)
    space.delete()
    assert client.get(url).status_code == 404
    for model in (Principle, PrincipleSection, PrincipleLine, PrincipleVersion, LineComment):
        assert not model.objects.exists()


def test_the_chair_deleting_the_space_takes_the_published_principle_with_it(
    client, published, space_chair
):
    url = public_url(published)
    response = space_chair.post(reverse("reflections:space_delete", args=[published.space.key]))
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    assert not Principle.objects.exists() and not PrincipleVersion.objects.exists()


def test_the_public_page_takes_two_queries(client, published, django_assert_num_queries):
    """The principle with its space and version, and the site's own list of frameworks."""
    url = public_url(published)
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


def test_the_page_of_a_principle_taken_offline_takes_two_queries(
    client, published, django_assert_num_queries
):
    approval.unpublish(published)
    url = public_url(published)
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 410


def test_the_pdf_takes_one_query(client, published, django_assert_num_queries):
    url = reverse("principles:public_pdf", args=[published.public_slug])
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_the_pdf_holds_the_principle_its_dates_and_what_it_builds_on(client, published):
    response = client.get(reverse("principles:public_pdf", args=[published.public_slug]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert AGREED_TEXT in text
    assert "Drøftet og godkendt i skolebestyrelsen den 10. marts 2027." in text
    assert "Bygger på: Ballerup Kommune, Tema 1, indikator 1" in text


def test_the_principle_stays_danish_on_the_english_public_page(client, published):
    client.cookies["django_language"] = "en"
    page = client.get(public_url(published)).content.decode()
    assert "Hent princippet som PDF" not in page  # the interface is English …
    assert "10. marts 2027" in page and "samarbejdet mellem skole og hjem" in page  # … the text not


def test_taken_offline_the_page_is_gone_at_once_even_with_the_page_cache_on(
    client, published, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    assert client.get(public_url(published)).status_code == 200
    approval.unpublish(published)
    response = Client().get(public_url(published))
    assert response.status_code == 410 and "X-Page-Cache" not in response
    cache.clear()


def test_deleting_the_worksheet_keeps_the_space_and_its_published_principle(
    client, published, board, space_chair
):
    deletion.delete_worksheet(board.worksheet)
    assert client.get(public_url(published)).status_code == 200
    page = space_chair.get(published.get_absolute_url()).content.decode()
    assert "eller arket er slettet" in page
    assert "Ballerup Kommune, Tema 1, indikator 1" in page  # the line still says what it cites


def test_the_chair_deletes_a_published_principle_after_a_warning_and_its_page_goes(
    client, published, space_chair, django_assert_num_queries
):
    address = reverse("reflections:principle_delete", args=[published.space.key, published.pk])
    with django_assert_num_queries(4):
        page = space_chair.get(address).content.decode()
    assert "den offentlige side forsvinder også" in page
    url = public_url(published)
    assert space_chair.post(address)["Location"] == published.space.get_absolute_url()
    assert client.get(url).status_code == 404
    for model in (Principle, PrincipleSection, PrincipleLine, PrincipleVersion):
        assert not model.objects.exists()
