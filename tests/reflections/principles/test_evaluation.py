"""Evaluér principperne: the chair makes a worksheet of the approved principle's lines; the
board's agreed ratings and evidence then stand beside the lines of the draft."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reflections import deletion, evaluation, services
from reflections.models import Answer, BoardSpace, PrincipleLine, QuestionKind, Worksheet
from reflections.principles import approval, drafting

from .conftest import AGREED_TEXT, approve

pytestmark = pytest.mark.django_db

EVIDENCE = "Forældremøderne i 3. klasse startede med trivsel; referaterne viser det."


def evaluate_url(principle) -> str:
    return reverse("reflections:principle_evaluate", args=[principle.space.key, principle.pk])


def workbench_url(principle) -> str:
    return reverse("reflections:principle", args=[principle.space.key, principle.pk])


def start(principle) -> Worksheet:
    return evaluation.start_evaluation(principle, principle.versions.first())


def test_the_chair_makes_a_worksheet_with_a_rated_question_per_line(principle, space_chair):
    version = approve(principle)
    response = space_chair.post(evaluate_url(principle))
    worksheet = Worksheet.objects.get(evaluates=version)
    assert response.status_code == 302 and response["Location"] == worksheet.get_absolute_url()
    assert worksheet.space_id == principle.space_id
    questions = list(worksheet.questions.order_by("position"))
    lines = [line for s in version.sections for line in s["lines"]]
    assert [q.text for q in questions] == [line["text"] for line in lines]
    assert {q.kind for q in questions} == {QuestionKind.RATING}
    assert {q.prompt for q in questions} == {"Lever vi op til det?"}
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    assert next(q for q in questions if q.text == AGREED_TEXT).principle_line == line
    # The board's links open it: a member answers it like any worksheet.
    page = space_chair.get(worksheet.get_absolute_url())
    assert page.status_code == 200


def test_the_workbench_shows_the_latest_evaluation_beside_each_line(principle, space_member):
    approve(principle)
    worksheet = start(principle)
    question = worksheet.questions.get(text=AGREED_TEXT)
    services.save_agreed_answer(
        worksheet, question, base_version=0, text="", rating="little", evidence=EVIDENCE
    )
    page = space_member.get(workbench_url(principle)).content.decode()
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    beside = page.split(f'id="linje-{line.pk}"')[1].split("</li>")[0]
    assert "Seneste evaluering" in beside and "I mindre grad" in beside and EVIDENCE in beside


def test_the_answers_follow_the_line_while_the_board_rewrites_it(principle, space_chair):
    approve(principle)
    worksheet = start(principle)
    question = worksheet.questions.get(text=AGREED_TEXT)
    services.save_agreed_answer(worksheet, question, base_version=0, text="", rating="high")
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    drafting_text = "Vi inviterer forældrene ind i august og taler om trivsel først."
    PrincipleLine.objects.filter(pk=line.pk).update(text=drafting_text)
    page = space_chair.get(workbench_url(principle)).content.decode()
    assert "I høj grad" in page.split(f'id="linje-{line.pk}"')[1].split("</li>")[0]


def test_a_new_evaluation_continues_the_last_and_replaces_it_beside_the_lines(
    principle, space_chair
):
    approve(principle)
    first = start(principle)
    services.save_agreed_answer(
        first, first.questions.get(text=AGREED_TEXT), base_version=0, text="", rating="none"
    )
    approve(principle, 20)  # the board revised the principle since
    second = start(principle)
    assert second.previous == first
    assert second.questions.get(text=AGREED_TEXT).previous.worksheet == first
    services.save_agreed_answer(
        second, second.questions.get(text=AGREED_TEXT), base_version=0, text="", rating="some"
    )
    page = space_chair.get(workbench_url(principle)).content.decode()
    assert "I nogen grad" in page and "Slet ikke" not in page


def test_a_second_click_opens_this_years_evaluation_instead_of_making_another(
    principle, space_chair
):
    approve(principle)
    first = space_chair.post(evaluate_url(principle))
    page = space_chair.get(evaluate_url(principle)).content.decode()
    assert "evaluerer allerede denne version" in page and "Opret evalueringen" not in page
    second = space_chair.post(evaluate_url(principle))
    assert second["Location"] == first["Location"]
    assert Worksheet.objects.filter(evaluates__principle=principle).count() == 1


def test_a_principle_without_an_approved_version_cannot_be_evaluated(principle, space_chair):
    page = space_chair.get(evaluate_url(principle))
    assert "ingen godkendt version" in page.content.decode()
    space_chair.post(evaluate_url(principle))
    assert not Worksheet.objects.filter(evaluates__isnull=False).exists()


def test_members_outsiders_and_other_boards_get_404(principle, space_member, other_boards_chair):
    approve(principle)
    for client in (space_member, other_boards_chair, Client()):
        assert client.get(evaluate_url(principle)).status_code == 404
        assert client.post(evaluate_url(principle)).status_code == 404
    assert not Worksheet.objects.filter(evaluates__isnull=False).exists()


def test_the_evaluations_result_leads_back_to_the_principle(
    principle, space_member, django_assert_num_queries
):
    approve(principle)
    worksheet = start(principle)
    with django_assert_num_queries(9):  # the result's, and one for the principle it evaluates
        result = space_member.get(reverse("reflections:result", args=[worksheet.key]))
    page = result.content.decode()
    assert f'href="{workbench_url(principle)}">Se evalueringen ved princippets linjer' in page
    assert "Byg et princip på de fælles svar" not in page


def test_the_evaluation_page_is_private(principle, space_chair):
    approve(principle)
    response = space_chair.get(evaluate_url(principle))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("evaluations", [2, 3])
def test_the_evaluation_page_and_workbench_queries_do_not_grow_with_evaluations(
    principle, space_chair, django_assert_num_queries, evaluations
):
    for day in range(evaluations):
        approve(principle, 10 + day)
        start(principle)
    with django_assert_num_queries(6):
        assert space_chair.get(evaluate_url(principle)).status_code == 200
    with django_assert_num_queries(17):
        assert space_chair.get(workbench_url(principle)).status_code == 200


# --- The review date ----------------------------------------------------------------------------


def approve_with_review(principle, review_by: datetime.date):
    return approval.approve(
        principle, approved_on=review_by - datetime.timedelta(days=365), review_by=review_by
    )


def test_the_space_and_workbench_say_when_the_review_date_has_passed(
    principle, space_chair, space_member
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    approve_with_review(principle, yesterday)
    space_url = reverse("reflections:space", args=[principle.space.key])
    page = space_chair.get(space_url).content.decode()
    assert "skulle have været evalueret senest" in page
    assert evaluate_url(principle) in page
    member_page = space_member.get(space_url).content.decode()
    assert "Bed formanden om at vælge “Evaluér principperne”" in member_page
    assert evaluate_url(principle) not in member_page
    workbench = space_chair.get(workbench_url(principle)).content.decode()
    assert "Princippet skulle have været evalueret senest" in workbench


def test_no_notice_before_the_review_date_nor_for_an_older_versions_date(principle, space_chair):
    today = timezone.localdate()
    approve_with_review(principle, today - datetime.timedelta(days=30))
    approve_with_review(principle, today)  # the latest version's date counts, and it is today
    space_url = reverse("reflections:space", args=[principle.space.key])
    assert "skulle have været evalueret" not in space_chair.get(space_url).content.decode()
    workbench = space_chair.get(workbench_url(principle)).content.decode()
    assert "skulle have været evalueret" not in workbench


def test_a_draft_never_approved_has_no_review_notice(space, space_chair):
    drafting.start_principle(space, title="Nyt princip", area="4", worksheet=None)
    space_url = reverse("reflections:space", args=[space.key])
    assert "skal evalueres" not in space_chair.get(space_url).content.decode()


def test_deleting_the_space_takes_the_evaluation_and_its_answers(principle, space_chair):
    approve(principle)
    worksheet = start(principle)
    question = worksheet.questions.get(text=AGREED_TEXT)
    services.save_agreed_answer(worksheet, question, base_version=0, text="", evidence=EVIDENCE)
    deletion.delete_spaces(BoardSpace.objects.filter(pk=principle.space_id))
    assert not Worksheet.objects.exists()
    assert not Answer.objects.filter(evidence=EVIDENCE).exists()
