"""The brief for the parent representative at the skoleudviklingssamtale: the principles as
last approved, the latest agreed answers and the ratings year by year – never a name."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from reflections import services, yearly
from reflections.models import Answer, Participant, Worksheet
from reflections.principles import approval, drafting

from .conftest import AGREED_TEXT, approve

pytestmark = pytest.mark.django_db

MEMBER = "Mette Kirkegaard"
SAVED_BY = "Rasmus Olesen"


def brief_url(space) -> str:
    return reverse("reflections:brief", args=[space.key])


def pdf_url(space) -> str:
    return reverse("reflections:brief_pdf", args=[space.key])


def next_year(worksheet: Worksheet, rating: str) -> Worksheet:
    """The next school year of `worksheet`, its indicator rated `rating` by the board."""
    new = yearly.start_next_school_year(worksheet).worksheet
    indicator = new.questions.get(kind="rating")
    services.save_agreed_answer(new, indicator, base_version=0, text="", rating=rating)
    return new


def years(board, count: int) -> Worksheet:
    """`count` school years of the board's worksheet; the latest rated "high"."""
    worksheet = board.worksheet
    for _ in range(count - 1):
        worksheet = next_year(worksheet, "high")
    return worksheet


def pdf_text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_brief_shows_the_principles_latest_answers_and_ratings_year_by_year(
    space, board, principle, space_member
):
    approve(principle)
    drafting.add_line(principle.sections.first(), "En linje kun i udkastet.", "bullet")
    latest = years(board, 2)
    first_answer = next(
        q for q in latest.questions.all() if not q.is_rating and not q.is_next_steps
    )
    services.save_agreed_answer(latest, first_answer, base_version=0, text="Trivsel først.")
    page = space_member.get(brief_url(space)).content.decode()
    assert "Princip for skole-hjem-samarbejdet" in page and AGREED_TEXT in page
    assert "En linje kun i udkastet." not in page  # the approved version, not the draft
    assert "evalueres senest 10. marts 2028" in page
    assert "Trivsel først." in page
    table = page.split('class="table table--compact years-table"')[1].split("</table>")[0]
    assert latest.previous.school_year in table and latest.school_year in table
    assert "I nogen grad" in table and "I høj grad" in table and "højere end sidste år" in table


def test_the_brief_names_nobody(space, board, principle, space_chair):
    approve(principle)
    worksheet = board.worksheet
    participant = Participant.objects.create(worksheet=worksheet, display_name=MEMBER)
    indicator = worksheet.questions.get(kind="rating")
    Answer.objects.create(
        worksheet=worksheet, question=indicator, participant=participant, text="Mit eget svar"
    )
    Answer.objects.filter(question=indicator, participant__isnull=True).update(updated_by=SAVED_BY)
    page = space_chair.get(brief_url(space)).content.decode()
    pdf = pdf_text(space_chair.get(pdf_url(space)))
    for text in (page, pdf):
        assert MEMBER not in text and SAVED_BY not in text and "Mit eget svar" not in text
        assert "Formanden" not in text  # next steps name who does what: not in the brief
        assert AGREED_TEXT in text


def test_the_pdf_holds_the_principles_and_the_ratings_by_year(
    space, board, principle, space_member
):
    approve(principle)
    latest = years(board, 2)
    response = space_member.get(pdf_url(space))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Til skoleudviklingssamtalen" in text and "Princip for skole-hjem-samarbejdet" in text
    assert latest.school_year in text and "I høj grad" in text and "I nogen grad" in text


def test_an_overdue_principle_says_so_in_the_brief(space, principle, space_member):
    review_by = datetime.date(2020, 1, 1)
    approval.approve(principle, approved_on=datetime.date(2019, 1, 1), review_by=review_by)
    assert "skulle have været evalueret senest 1. januar 2020" in (
        space_member.get(brief_url(space)).content.decode()
    )


def test_the_space_page_links_to_the_brief(space, space_member):
    page = space_member.get(reverse("reflections:space", args=[space.key])).content.decode()
    assert brief_url(space) in page


def test_outsiders_and_other_boards_get_404(space, other_boards_chair):
    for client in (Client(), other_boards_chair):
        assert client.get(brief_url(space)).status_code == 404
        assert client.get(pdf_url(space)).status_code == 404


def test_the_brief_is_private(space, space_member):
    for url in (brief_url(space), pdf_url(space)):
        response = space_member.get(url)
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("count", [2, 3])
def test_the_brief_queries_do_not_grow_with_years_or_principles(
    space, board, space_member, django_assert_num_queries, count
):
    years(board, count)
    for n in range(count):
        principle = drafting.start_principle(
            space, title=f"Princip {n}", area="4", worksheet=board.worksheet
        )
        approve(principle)
        approve(principle, 20)
    # session, space, latest versions, worksheets, questions, agreed answers, rounds, footer
    with django_assert_num_queries(8):
        assert space_member.get(brief_url(space)).status_code == 200
    with django_assert_num_queries(7):
        assert space_member.get(pdf_url(space)).status_code == 200


def test_a_new_school_year_without_answers_keeps_the_ratings_of_the_years_before(
    space, board, space_member
):
    later = yearly.start_next_school_year(board.worksheet).worksheet
    page = space_member.get(brief_url(space)).content.decode()
    assert f"Ingen fælles svar i {later.school_year} endnu." in page
    table = page.split('class="table table--compact years-table"')[1].split("</table>")[0]
    assert board.worksheet.school_year in table and "I nogen grad" in table


def test_in_english_the_brief_and_evaluation_speak_english_and_the_content_stays_danish(
    space, principle, space_chair
):
    approve(principle)
    space_chair.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = space_chair.get(brief_url(space)).content.decode()
    assert "For the school development talk" in page and "to be reviewed by" in page
    evaluate = reverse("reflections:principle_evaluate", args=[space.key, principle.pk])
    assert "Create the evaluation" in space_chair.get(evaluate).content.decode()
    space_chair.post(evaluate)
    evaluation = Worksheet.objects.get(evaluates__principle=principle)
    assert evaluation.title == "Evaluering: Princip for skole-hjem-samarbejdet"
    assert space_chair.get(pdf_url(space)).status_code == 200
