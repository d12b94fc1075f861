"""Perspectives in real Chromium: the chair opens a parents' round and a staff round, parents and
staff answer on their phones, and the board sees them beside its own ratings. axe is clean on
every new page, and each reflows at 320 px."""

import re

import pytest

from reflections.models import Answer, Participant, RoundResponse
from tests.a11y import assert_error_summary, assert_page_ok, assert_reflows, watch

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESPONDENTS = 5


def open_round(chair, board, group: str) -> str:
    """The chair opens a round from the worksheet's chair pages; returns the link shown once."""
    chair.goto(board.worksheet.get_absolute_url())
    chair.get_by_role("link", name="Perspektiver").first.click()
    chair.get_by_label(group).check()
    chair.get_by_role("button", name="Åbn runden").click()
    link = chair.get_by_label(re.compile("Svarlink")).input_value()
    assert chair.get_by_role("img", name=re.compile("QR-kode til svarlinket")).is_visible()
    return link


def answer_on_a_phone(new_context, link: str, rating: str, comment: str, check=False) -> None:
    phone = new_context(PHONE).new_page()
    watch(phone, allow_status=(400,))
    phone.goto(link)
    if check:  # the first respondent: the page, then a send with nothing chosen
        assert_page_ok(phone, "round answer")
        assert_reflows(phone, "round answer")
        phone.get_by_role("button", name="Send mit svar").click()
        assert_error_summary(phone, [phone.locator("input[type=radio]").first.get_attribute("id")])
    phone.get_by_label(rating).check()
    phone.get_by_label("Kommentar").fill(comment)
    phone.get_by_role("button", name="Send mit svar").click()
    phone.get_by_role("heading", name="Tak for dit svar").wait_for()
    if check:
        assert_page_ok(phone, "round thanks")
    phone.context.close()


def test_a_board_hears_parents_and_staff_beside_its_own_ratings(new_context, board):
    question = board.worksheet.questions.get(kind="rating")
    fie = Participant.objects.create(worksheet=board.worksheet, display_name="Fie")
    Answer.objects.create(
        worksheet=board.worksheet, question=question, participant=fie, rating="little"
    )
    chair = new_context().new_page()
    watch(chair)
    chair.goto(board.chair_link)
    chair.get_by_label("Dit navn").fill("Formand Fie")
    chair.get_by_role("button", name="Gå til arbejdsarket").click()

    parents_link = open_round(chair, board, "Alle forældre")
    assert_page_ok(chair, "rounds")
    assert_reflows(chair, "rounds")
    staff_link = open_round(chair, board, "Skolens personale")

    for n in range(RESPONDENTS):
        answer_on_a_phone(new_context, parents_link, "I høj grad", f"Forælder {n}", check=n == 0)
        answer_on_a_phone(new_context, staff_link, "I nogen grad", f"Lærer {n}")
    assert RoundResponse.objects.count() == 2 * RESPONDENTS

    chair.goto(board.worksheet.get_absolute_url())
    chair.get_by_role("link", name="Resultat").first.click()
    section = chair.locator(".result-perspectives")
    table = section.get_by_role("table", name="Gruppernes vurderinger i tal")
    assert table.get_by_role("row", name=re.compile(r"Bestyrelsen 0 0 1 0 0")).count() == 1
    assert table.get_by_role("row", name=re.compile(r"Alle forældre 5 0 0 0 0")).count() == 1
    assert table.get_by_role("row", name=re.compile(r"Skolens personale 0 5 0 0 0")).count() == 1
    assert section.get_by_text("Forælder 3").is_visible()
    assert section.get_by_text("Lærer 1").is_visible()
    assert section.get_by_role("img", name="Gruppernes vurderinger ved siden af bestyrelsens")
    assert_page_ok(chair, "result with perspectives")
    assert_reflows(chair, "result with perspectives")

    # The chair closes the parents' round; its link then says so, in plain Danish.
    chair.get_by_role("link", name="Perspektiver").first.click()
    chair.get_by_role("button", name="Luk runden – Alle forældre").click()
    chair.get_by_text("Runden er lukket.").wait_for()
    late = new_context(PHONE).new_page()
    watch(late, allow_status=(410,))
    late.goto(parents_link)
    late.get_by_role("heading", name="Runden er slut").wait_for()
    assert_page_ok(late, "round ended")
    assert_reflows(late, "round ended")
