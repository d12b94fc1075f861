"""Principles in the municipality's overview: approved and published per school and theme, with
dates; the per-theme figures only for 5 boards or more; never a principle's title or text."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections.models import PrincipleArea
from reflections.principles import approval, drafting
from tests.conftest import make_framework
from tests.values.test_schools import OVERVIEW, add_schools, board_works_on

SECRET_TITLE = "Vores hemmelige princip om forældremøder"
SECRET_LINE = "Forældremøderne holdes altid om tirsdagen."

pytestmark = pytest.mark.django_db

#: session, user, two for the editor's permissions, their municipalities, then the overview's
#: schools, themes, worksheets, principles and the boards' ratings
OVERVIEW_QUERIES = 10


@pytest.fixture
def ballerup():
    return make_framework()


def board_with_principle(school, question, *, publish: bool = False, day: int = 10):
    worksheet = board_works_on(school, question)
    space = worksheet.space
    space.school = school
    space.save(update_fields=["school"])
    principle = drafting.start_principle(
        space, title=SECRET_TITLE, area=PrincipleArea.SCHOOL_HOME, worksheet=worksheet
    )
    principle.sections.first().lines.create(text=SECRET_LINE, position=1)
    version = approval.approve(
        principle,
        approved_on=datetime.date(2027, 3, day),
        review_by=datetime.date(2028, 3, day),
    )
    if publish:
        approval.publish(principle, version)
    return principle


def test_the_overview_shows_approved_and_published_principles_with_their_dates(
    editor_client, ballerup
):
    schools = add_schools(ballerup.publisher, 3)
    question = ballerup.themes.order_by("position").first().questions.first()
    board_with_principle(schools[0], question, day=11)
    board_with_principle(schools[1], question, publish=True, day=12)
    board_works_on(schools[2], question, done=True)
    response = editor_client.get(reverse(OVERVIEW))
    rows = dict(response.context["overview"].rows)
    assert [rows[schools[0]][0].label, rows[schools[0]][1].label] == [
        "Princip godkendt",
        "Ikke begyndt",
    ]
    assert rows[schools[0]][0].date == datetime.date(2027, 3, 11)
    assert rows[schools[1]][0].label == "Princip offentliggjort"
    assert rows[schools[1]][0].date == datetime.date(2027, 3, 12)
    assert rows[schools[2]][0].label == "Færdig"
    page = response.content.decode()
    assert "Princip offentliggjort" in page and "12.03.2027" in page
    assert SECRET_TITLE not in page and SECRET_LINE not in page


def test_a_principle_of_a_space_without_the_school_does_not_count(editor_client, ballerup):
    (school,) = add_schools(ballerup.publisher, 1)
    question = ballerup.themes.first().questions.first()
    principle = board_with_principle(school, question)
    principle.space.school = None
    principle.space.save(update_fields=["school"])
    rows = dict(editor_client.get(reverse(OVERVIEW)).context["overview"].rows)
    assert "Princip" not in rows[school][0].label


def test_per_theme_figures_about_fewer_than_5_boards_are_not_shown(editor_client, ballerup):
    schools = add_schools(ballerup.publisher, 6)
    first = ballerup.themes.order_by("position").first()
    question = first.questions.first()
    for school in schools[:3]:
        board_with_principle(school, question)
    for school in schools[3:5]:
        board_with_principle(school, question, publish=True)
    response = editor_client.get(reverse(OVERVIEW))
    totals = {t: (a, p) for t, a, p in response.context["overview"].principle_totals}
    assert totals[first] == (5, None)  # 5 approved (2 of them published); 2 published
    page = response.content.decode()
    assert "Bestyrelser med principper for hvert tema" in page

    book = openpyxl.load_workbook(
        io.BytesIO(editor_client.get(reverse("admin:values_school_overview_xlsx")).content)
    )
    rows = list(book["Principper"].iter_rows(values_only=True))
    assert rows[1][2:] == (5, "< 5")
    everything = str([list(ws.iter_rows(values_only=True)) for ws in book.worksheets])
    assert "Princip offentliggjort" in everything
    assert SECRET_TITLE not in everything and SECRET_LINE not in everything


@pytest.mark.parametrize("schools", [2, 10])
def test_principles_keep_the_overview_at_a_fixed_number_of_queries(
    editor_client, ballerup, schools
):
    question = ballerup.themes.first().questions.first()
    for school in add_schools(ballerup.publisher, schools):
        board_with_principle(school, question, publish=school.pk % 2 == 0)
    editor_client.get(reverse(OVERVIEW))
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(reverse(OVERVIEW)).status_code == 200
    assert len(queries) == OVERVIEW_QUERIES, [q["sql"][:80] for q in queries]
