"""No word lost, no false alarm – in real Chromium: two tabs, a phone, a renewed link, a reload."""

import re

import pytest

from reflections import services
from reflections.models import Answer, Worksheet
from tests.a11y import csp_violations

from .conftest import PHONE, Board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def join(page, link: str, name: str) -> None:
    page.goto(link)
    page.get_by_label("Dit navn").fill(name)
    page.get_by_role("button", name="Gå til arbejdsarket").click()


def open_first_section(page, board: Board, name: str) -> None:
    """Join the board as `name` and open its first section."""
    join(page, board.member_link, name)
    page.goto(board.sections()[0].get_absolute_url())


def status(page, question_pk: int, scope: str):
    return page.locator(f"#q{question_pk} .answer-{scope} [data-field-status]")


def saved(page, question_pk: int, scope: str) -> None:
    status(page, question_pk, scope).filter(has_text=re.compile(r"Gemt kl\. \d\d:\d\d")).wait_for()


def autosaves(page) -> list[str]:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/gem/" in r.url else None)
    return sent


def test_a_stale_tab_gets_the_merge_choice_for_the_own_answer(new_context, template):
    board = Board(template)
    question = board.questions()[0]
    laptop = new_context()
    tab1 = laptop.new_page()
    join(tab1, board.member_link, "Mads")
    section = board.sections()[0].get_absolute_url()
    tab1.goto(section)
    own = f"#id_own-{question.pk}-text"
    tab1.locator(own).fill("A")
    saved(tab1, question.pk, "own")

    tab2 = laptop.new_page()
    tab2.goto(section)
    assert tab2.locator(own).input_value() == "A"
    tab2.locator(own).fill("A + B")
    saved(tab2, question.pk, "own")

    tab1.locator(own).fill("A + C")
    conflict = tab1.locator(f"#q{question.pk} .answer-own .conflict")
    conflict.wait_for()
    assert "A + B" in conflict.inner_text() and "A + C" in conflict.inner_text()
    assert Answer.objects.get(question=question).text == "A + B"  # nothing overwritten
    conflict.get_by_role("button", name="Sæt teksterne sammen").click()
    saved(tab1, question.pk, "own")
    assert Answer.objects.get(question=question).text == "A + B\n\nA + C"
    assert not csp_violations(tab1)


def test_type_pause_and_click_elsewhere_sends_one_save(new_context, template):
    board = Board(template)
    question, indicator = board.questions()[:2]
    page = new_context().new_page()
    open_first_section(page, board, "Fie")
    sent = autosaves(page)
    page.locator(f"#id_own-{question.pk}-text").press_sequentially("Vi mødes ofte")
    saved(page, question.pk, "own")
    page.locator("h1").click()  # leaving the field fires "change" after the save
    page.locator(f"#q{indicator.pk} .answer-own").get_by_label("I nogen grad").check()
    saved(page, indicator.pk, "own")
    page.wait_for_timeout(1500)  # longer than the pause before a save
    assert len(sent) == 2, sent
    answer = Answer.objects.get(question=question)
    assert (answer.text, answer.version) == ("Vi mødes ofte", 1)


def test_unsaved_words_in_a_conflict_survive_a_reload(new_context, template):
    board = Board(template)
    question = board.questions()[0]
    chair = new_context().new_page()
    member = new_context(PHONE).new_page()
    join(chair, board.chair_link, "Fie")
    join(member, board.member_link, "Mads")
    section = board.sections()[0].get_absolute_url()
    chair.goto(section)
    member.goto(section)
    agreed = f"#id_agreed-{question.pk}-text"
    chair.locator(agreed).fill("Dialogmøder hver måned")
    saved(chair, question.pk, "agreed")
    member.locator(agreed).fill("Morgenkaffe for forældre")
    member.locator(f"#q{question.pk} .answer-agreed .conflict").wait_for()

    member.reload()
    # The words come back in the field, and the choice is offered again: nothing overwritten.
    assert member.locator(agreed).input_value() == "Morgenkaffe for forældre"
    conflict = member.locator(f"#q{question.pk} .answer-agreed .conflict")
    conflict.wait_for()
    assert Answer.objects.get(question=question, participant=None).text == (
        "Dialogmøder hver måned"
    )
    conflict.get_by_role("button", name="Sæt teksterne sammen").click()
    saved(member, question.pk, "agreed")
    member.reload()
    assert member.locator(agreed).input_value() == (
        "Dialogmøder hver måned\n\nMorgenkaffe for forældre"
    )
    assert member.locator(".conflict").count() == 0


@pytest.mark.parametrize("event", ["renewed", "done"])
def test_a_member_typing_when_the_link_changes_is_told_why_and_keeps_the_text(
    new_context, template, event
):
    board = Board(template)
    question = board.questions()[0]
    page = new_context(PHONE).new_page()
    open_first_section(page, board, "Mads")
    own = page.locator(f"#id_own-{question.pk}-text")
    own.fill("Første tanke")
    saved(page, question.pk, "own")
    worksheet = Worksheet.objects.get()
    if event == "renewed":
        services.rotate_member_link(worksheet.space)
        expected = "fornyet"
    else:
        services.mark_done(worksheet, True)
        expected = "markeret som færdigt"
    own.fill("Første tanke og en anden")
    message = status(page, question.pk, "own").filter(has_text=expected)
    message.wait_for()
    assert "kopiér" in message.inner_text()
    assert own.input_value() == "Første tanke og en anden"
    assert Answer.objects.get(question=question).text == "Første tanke"


def test_a_save_whose_answer_was_lost_is_no_conflict_with_yourself(new_context, template):
    board = Board(template)
    question = board.questions()[0]
    page = new_context().new_page()
    open_first_section(page, board, "Mads")

    # The first save reaches the database, but the answer is lost on the way back (the server
    # failed after committing), so the page still holds the version it started from.
    lost: list[str] = []

    def lose_the_answer(route):
        if lost:
            route.continue_()
            return
        route.fetch()
        lost.append(route.request.url)
        route.fulfill(status=503, body="")

    page.route("**/gem/**", lose_the_answer)
    own = f"#id_own-{question.pk}-text"
    page.locator(own).fill("Vi mødes")
    status(page, question.pk, "own").filter(has_text="Prøver igen").wait_for()
    page.locator(own).fill("Vi mødes ofte")  # typed on before the retry

    saved(page, question.pk, "own")
    assert page.locator(".conflict").count() == 0
    answer = Answer.objects.get(question=question)
    assert (answer.text, answer.version) == ("Vi mødes ofte", 2)


def test_a_lost_save_is_recognised_after_a_second_failed_try(new_context, template):
    """The first save is stored but its answer lost; the retry, with more words, never reaches
    the server; the next try meets the first save's text. Still the member's own, not a
    conflict (the page once remembered only the last unconfirmed text)."""
    board = Board(template)
    question = board.questions()[0]
    page = new_context().new_page()
    open_first_section(page, board, "Mads")
    tries: list[str] = []

    def lose_the_answer_then_the_connection(route):
        tries.append(route.request.post_data_json["text"])
        if len(tries) == 1:
            route.fetch()  # stored
            route.fulfill(status=503, body="")
        elif len(tries) == 2:
            route.abort()  # the connection fails: never reaches the server
        else:
            route.continue_()

    page.route("**/gem/**", lose_the_answer_then_the_connection)
    own = f"#id_own-{question.pk}-text"
    page.locator(own).fill("Vi mødes")
    status(page, question.pk, "own").filter(has_text="Prøver igen").wait_for()
    page.locator(own).fill("Vi mødes ofte")
    status(page, question.pk, "own").filter(has_text="forbindelsen svigtede").wait_for()
    page.locator(own).fill("Vi mødes ofte i skolen")

    saved(page, question.pk, "own")
    assert tries[:2] == ["Vi mødes", "Vi mødes ofte"]
    assert page.locator(".conflict").count() == 0
    answer = Answer.objects.get(question=question)
    assert (answer.text, answer.version) == ("Vi mødes ofte i skolen", 2)
