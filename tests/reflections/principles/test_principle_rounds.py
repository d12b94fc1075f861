"""From a principle, the chair asks another group: the round is opened on the principle's
evaluation, and each group's ratings stand beside the lines of the draft."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reflections import evaluation, rounds
from reflections.models import PrincipleLine, Round, Worksheet

from ..round_data import respond
from ..rounds_helpers import round_dates
from .conftest import AGREED_TEXT, approve

pytestmark = pytest.mark.django_db


def ask_url(principle) -> str:
    return reverse("reflections:principle_ask_others", args=[principle.space.key, principle.pk])


def beside(page: str, line: PrincipleLine) -> str:
    return page.split(f'id="linje-{line.pk}"')[1].split("principle-line-actions")[0]


def open_on_evaluation(principle, group: str = "parents", label: str = "") -> Round:
    worksheet = Worksheet.objects.get(evaluates__principle=principle)
    today = round_dates()
    created, _token = rounds.open_round(
        worksheet, group=group, label=label, starts_on=today["starts_on"], ends_on=today["ends_on"]
    )
    return created


def test_the_chair_opens_a_round_on_the_principles_evaluation(principle, space_chair):
    approve(principle)
    page = space_chair.get(principle.get_absolute_url()).content.decode()
    assert "Spørg personale, forældre eller elever" in page
    response = space_chair.post(ask_url(principle))
    evaluated = Worksheet.objects.get(evaluates__principle=principle)
    assert response["Location"] == reverse("reflections:rounds", args=[evaluated.key])
    rounds_page = space_chair.get(response["Location"]).content.decode()
    assert "ét for hver linje i princippet" in rounds_page
    form = {"group": "staff", "label": "", **round_dates()}
    assert space_chair.post(response["Location"], form).status_code == 302
    assert Round.objects.get().worksheet == evaluated
    # Respondents rate the principle's lines.
    questions = rounds.rating_questions(evaluated, plain=False)
    assert AGREED_TEXT in [q.text for q in questions]


def test_asking_again_uses_this_years_evaluation(principle, space_chair):
    approve(principle)
    first = space_chair.post(ask_url(principle))
    second = space_chair.post(ask_url(principle))
    assert first["Location"] == second["Location"]
    assert Worksheet.objects.filter(evaluates__principle=principle).count() == 1


def test_no_button_and_no_round_without_an_approved_version(principle, space_chair):
    page = space_chair.get(principle.get_absolute_url()).content.decode()
    assert "Spørg personale, forældre eller elever" not in page
    assert space_chair.post(ask_url(principle)).status_code == 404
    assert not Worksheet.objects.filter(evaluates__isnull=False).exists()


def test_members_outsiders_and_other_boards_get_404(principle, space_member, other_boards_chair):
    approve(principle)
    assert "Spørg personale" not in space_member.get(principle.get_absolute_url()).content.decode()
    for client in (space_member, other_boards_chair, Client()):
        assert client.post(ask_url(principle)).status_code == 404
        assert client.get(ask_url(principle)).status_code in (404, 405)
    assert not Worksheet.objects.filter(evaluates__isnull=False).exists()


def test_the_action_is_private(principle, space_chair):
    approve(principle)
    response = space_chair.post(ask_url(principle))
    assert "no-store" in response["Cache-Control"]


def test_groups_ratings_stand_beside_each_line_from_five_responses(principle, space_member):
    approve(principle)
    worksheet = evaluation.this_years_evaluation(principle, principle.versions.first())
    question = worksheet.questions.get(text=AGREED_TEXT)
    staff = open_on_evaluation(principle, "staff")
    parents = open_on_evaluation(principle, "parents", "5.B")
    respond(staff, {question: "high"}, times=5)
    respond(parents, {question: "little"}, times=4)
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    shown = beside(space_member.get(principle.get_absolute_url()).content.decode(), line)
    assert "Andre gruppers vurdering" in shown
    assert "Skolens personale (5 svar): I høj grad 5" in shown
    assert "5.B" not in shown  # four responses: not shown
    respond(parents, {question: "little"}, times=1)
    shown = beside(space_member.get(principle.get_absolute_url()).content.decode(), line)
    assert "Alle forældre: 5.B (5 svar): I mindre grad 5" in shown


@pytest.mark.parametrize("count", [1, 3])
def test_the_workbench_queries_do_not_grow_with_rounds(
    principle, space_chair, django_assert_num_queries, count
):
    approve(principle)
    space_chair.post(ask_url(principle))
    question = Worksheet.objects.get(evaluates__principle=principle).questions.first()
    for _ in range(count):
        respond(open_on_evaluation(principle), {question: "some"})
    # The workbench's pages plus the shown rounds and their ratings.
    with django_assert_num_queries(18):
        assert space_chair.get(principle.get_absolute_url()).status_code == 200
