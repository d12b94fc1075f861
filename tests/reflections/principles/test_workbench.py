"""The chair writes a principle: start, sections, lines with citations, comments, approval,
versions and publishing – with Danish errors that lose nothing, and the queries pinned."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from reflections import deletion
from reflections.models import LineComment, Principle, PrincipleLine, PrincipleVersion
from reflections.principles import drafting

from ..conftest import open_link
from .conftest import AGREED_TEXT, STEP_TEXT, approve

pytestmark = pytest.mark.django_db


def url(name: str, principle, *more) -> str:
    return reverse(f"reflections:{name}", args=[principle.space.key, principle.pk, *more])


def test_the_chair_starts_a_principle_from_a_worksheet(space, board, space_chair):
    start = reverse("reflections:principle_start", args=[space.key])
    page = space_chair.get(start).content.decode()
    assert "samarbejdet mellem skole og hjem" in page and board.worksheet.title in page
    response = space_chair.post(
        start, {"title": "Skole-hjem", "area": "4", "worksheet": str(board.worksheet.pk)}
    )
    principle = Principle.objects.get()
    assert response["Location"] == principle.get_absolute_url()
    page = space_chair.get(principle.get_absolute_url()).content.decode()
    assert AGREED_TEXT in page and STEP_TEXT in page
    assert "Ballerup Kommune, Tema 1, indikator 1" in page  # the item beside the editor


def test_starting_without_a_title_says_so_in_danish(space, space_chair):
    start = reverse("reflections:principle_start", args=[space.key])
    response = space_chair.post(start, {"title": "", "area": "4", "worksheet": ""})
    assert response.status_code == 400
    assert "Giv princippet en titel." in response.content.decode()
    assert 'class="alert alert-error error-summary"' in response.content.decode()


def test_a_line_with_an_error_keeps_what_was_written(principle, space_chair):
    section = principle.sections.first()
    text = "x" * 2001
    response = space_chair.post(
        url("principle_add_line", principle, section.pk),
        {f"l{section.pk}-text": text, f"l{section.pk}-kind": "bullet"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Højst 2000 tegn." in page and text in page


def test_the_chair_adds_and_renames_a_section_and_adds_a_line(principle, space_chair):
    space_chair.post(url("principle_add_section", principle), {"new-title": "Elevernes ansvar"})
    section = principle.sections.get(title="Elevernes ansvar")
    space_chair.post(
        url("principle_section", principle, section.pk),
        {"action": "rename", f"s{section.pk}-title": "Elevernes del"},
    )
    space_chair.post(
        url("principle_add_line", principle, section.pk),
        {f"l{section.pk}-text": "Eleverne hjælper hinanden.", f"l{section.pk}-kind": "bullet"},
    )
    section.refresh_from_db()
    assert section.title == "Elevernes del"
    assert [line.text for line in section.lines.all()] == ["Eleverne hjælper hinanden."]


def test_saving_a_line_cites_an_item_and_a_stale_save_shows_both_texts(
    principle, board, space_chair
):
    line = PrincipleLine.objects.get(text=STEP_TEXT)
    item = board.questions()[1].source_item
    data = {"text": "Vi holder forældremøde i august.", "kind": "bullet", "version": "1"}
    response = space_chair.post(
        url("principle_line", principle, line.pk), {**data, "items": [item.pk]}
    )
    assert response.status_code == 302
    assert list(PrincipleLine.objects.get(pk=line.pk).items.all()) == [item]
    stale = {**data, "text": "Min egen tekst", "items": [item.pk]}
    response = space_chair.post(url("principle_line", principle, line.pk), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Vi holder forældremøde i august." in page and "Min egen tekst" in page
    assert re.search(rf'name="items" value="{item.pk}" id="[^"]+" checked', page)
    assert PrincipleLine.objects.get(pk=line.pk).text == "Vi holder forældremøde i august."


def test_a_member_comments_on_a_line_and_the_chair_resolves_it(
    principle, space_member, space_chair
):
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    response = space_member.post(
        url("principle_comment", principle, line.pk),
        {"author_name": "Medlem Mads", "text": "Skal trivsel stå først?"},
    )
    assert response.status_code == 302
    comment = LineComment.objects.get()
    assert "1 åben kommentar" in space_chair.get(principle.get_absolute_url()).content.decode()
    space_chair.post(url("principle_resolve", principle, comment.pk))
    comment.refresh_from_db()
    assert comment.resolved_at is not None


def test_the_comment_form_knows_the_name_a_member_answered_the_worksheet_under(principle, board):
    member = Client()
    open_link(member, board.member_link, "Medlem Mads")
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    page = member.get(url("principle_line", principle, line.pk)).content.decode()
    assert 'value="Medlem Mads"' in page


def test_approving_with_a_review_date_before_approval_is_refused_in_danish(principle, space_chair):
    response = space_chair.post(
        url("principle_approve", principle),
        {"approve-approved_on": "10.3.2027", "approve-review_by": "1.3.2027"},
    )
    assert response.status_code == 400
    assert "Evalueringen skal ligge efter godkendelsen." in response.content.decode()
    assert not PrincipleVersion.objects.exists()


def test_the_chair_approves_compares_and_publishes(principle, space_chair, client):
    space_chair.post(
        url("principle_approve", principle),
        {"approve-approved_on": "10.3.2027", "approve-review_by": "10.3.2028"},
    )
    PrincipleLine.objects.filter(text=STEP_TEXT).update(text="Et nyt skridt")
    space_chair.post(
        url("principle_approve", principle),
        {"approve-approved_on": "1.4.2027", "approve-review_by": "1.4.2028"},
    )
    page = space_chair.get(url("principle_versions", principle)).content.decode()
    assert f'<del><span class="diff-mark">Fjernet:</span> <span lang="da">{STEP_TEXT}' in page
    assert '<ins><span class="diff-mark">Tilføjet:</span> <span lang="da">Et nyt skridt' in page
    space_chair.post(url("principle_publish", principle), {"action": "publish", "version": "2"})
    principle.refresh_from_db()
    assert principle.published_version.number == 2
    page = space_chair.get(url("principle_versions", principle)).content.decode()
    assert principle.public_url() in page and "&lt;article lang=&quot;da&quot;&gt;" in page
    assert client.get(principle.public_url()).status_code == 200
    space_chair.post(url("principle_publish", principle), {"action": "unpublish"})
    assert client.get(principle.public_url()).status_code == 410


def test_a_nonsense_version_to_publish_is_404(principle, space_chair):
    approve(principle)
    response = space_chair.post(url("principle_publish", principle), {"version": "abc"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name, more, queries",
    [("principle", (), 17), ("principle_versions", (), 5)],
)
def test_the_principle_pages_queries_are_pinned(
    principle, space_chair, django_assert_num_queries, name, more, queries
):
    approve(principle)
    approve(principle, 20)
    address = url(name, principle, *more)
    with django_assert_num_queries(queries):
        assert space_chair.get(address).status_code == 200


def test_the_line_page_and_start_page_queries_are_pinned(
    principle, space_chair, django_assert_num_queries
):
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    with django_assert_num_queries(12):
        assert space_chair.get(url("principle_line", principle, line.pk)).status_code == 200
    start = reverse("reflections:principle_start", args=[principle.space.key])
    with django_assert_num_queries(5):
        assert space_chair.get(start).status_code == 200


def test_an_empty_draft_cannot_be_approved(space, space_chair):
    empty = drafting.start_principle(space, title="Tomt", area="4")
    response = space_chair.post(
        url("principle_approve", empty),
        {"approve-approved_on": "10.3.2027", "approve-review_by": "10.3.2028"},
    )
    assert response.status_code == 400
    assert "Skriv mindst én linje i udkastet, før I godkender det." in response.content.decode()
    assert not PrincipleVersion.objects.exists()


def test_the_workbench_shows_what_each_line_builds_on(principle, space_chair):
    page = space_chair.get(principle.get_absolute_url()).content.decode()
    assert "Bygger på: Ballerup Kommune, Tema 1, indikator 1; Bestyrelsens drøftelse af" in page


def test_the_optional_students_section_is_one_click_away_until_the_board_has_it(
    principle, space_chair
):
    add = url("principle_add_section", principle)
    assert (
        "Tilføj afsnittet “Elevernes ansvar”"
        in space_chair.get(url("principle", principle)).content.decode()
    )
    space_chair.post(add, {"new-title": "Elevernes ansvar"})
    assert principle.sections.last().title == "Elevernes ansvar"
    page = space_chair.get(url("principle", principle)).content.decode()
    assert "Tilføj afsnittet “Elevernes ansvar”" not in page


def test_saving_a_line_keeps_a_citation_the_worksheet_no_longer_offers(
    principle, board, space_chair
):
    line = PrincipleLine.objects.get(text="Det ser vi ofte.")
    item = line.items.get()
    deletion.delete_worksheet(board.worksheet)  # the item is no longer beside the editor
    page = space_chair.get(url("principle_line", principle, line.pk)).content.decode()
    assert "Ballerup Kommune, Tema 1, indikator 1" in page
    data = {"text": "Ny tekst", "kind": "bullet", "version": "1", "items": [item.pk]}
    assert space_chair.post(url("principle_line", principle, line.pk), data).status_code == 302
    assert list(PrincipleLine.objects.get(pk=line.pk).items.all()) == [item]
