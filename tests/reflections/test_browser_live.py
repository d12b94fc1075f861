"""Three browsers on one section (a phone among them): answers appear without a reload, and an
unchanged section costs a 304."""

import re

import pytest

from reflections.models import Worksheet
from tests.a11y import assert_page_ok, watch

from .conftest import PHONE, Board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexts(new_context):
    def make(viewport=None):
        page = new_context(viewport).new_page()
        watch(page)
        return page

    return make


def join(page, link: str, name: str) -> None:
    page.goto(link)
    page.get_by_label("Dit navn").fill(name)
    page.get_by_role("button", name="Gå til arbejdsarket").click()


def saved(page, question_pk: int, scope: str) -> None:
    page.locator(f"#q{question_pk} .answer-{scope} [data-field-status]").filter(
        has_text=re.compile(r"Gemt kl\. \d\d:\d\d")
    ).wait_for()


def test_answers_and_the_agreed_answer_appear_while_the_page_is_open(contexts, template):
    board = Board(template)
    question = board.questions()[0]
    section = board.sections()[0].get_absolute_url()
    chair, laptop, phone = contexts(), contexts(), contexts(PHONE)
    join(chair, board.chair_link, "Fie")
    join(laptop, board.member_link, "Mads")
    join(phone, board.member_link, "Sara")
    statuses = []
    phone.on(
        "response",
        lambda r: statuses.append(r.status) if "/nyt/" in r.url else None,
    )
    for page in (chair, laptop, phone):
        page.goto(section)

    laptop.locator(f"#id_own-{question.pk}-text").fill("Vi mødes for sjældent")
    saved(laptop, question.pk, "own")
    others = phone.locator(f"#q{question.pk} .others")
    others.filter(has_text="Vi mødes for sjældent").wait_for()  # no reload
    assert "Mads" in others.inner_text()

    chair.locator(f"#id_agreed-{question.pk}-text").fill("Et fællesmøde hver måned")
    saved(chair, question.pk, "agreed")
    agreed = phone.locator(f"#id_agreed-{question.pk}-text")
    phone.wait_for_function(
        "id => document.getElementById(id).value === 'Et fællesmøde hver måned'",
        arg=f"id_agreed-{question.pk}-text",
    )
    assert (
        "Opdateret af Fie"
        in phone.locator(f"#q{question.pk} .answer-agreed [data-field-status]").inner_text()
    )
    # The phone writes on top of what it now shows: no conflict, the chair's words stay.
    agreed.press("End")
    agreed.press_sequentially(" – og et kaffemøde")
    saved(phone, question.pk, "agreed")
    assert phone.locator(".conflict").count() == 0
    # Nothing changed since: the next refresh is a 304 (waited for, not slept for).
    unchanged = lambda r: "/nyt/" in r.url and r.status == 304  # noqa: E731
    with phone.expect_response(unchanged, timeout=15_000):
        pass
    assert 304 in statuses, statuses
    assert_page_ok(phone, "section with live refresh")


def test_anonymous_answers_and_the_chairs_agreed_answer_refresh_too(contexts, template):
    board = Board(template)
    Worksheet.objects.update(anonymous=True, agreed_by="chairs")
    question = board.questions()[0]
    section = board.sections()[0].get_absolute_url()
    chair, phone, laptop = contexts(), contexts(PHONE), contexts()
    join(chair, board.chair_link, "Fie")
    join(phone, board.member_link, "Sara")
    join(laptop, board.member_link, "Mads")
    for page in (chair, phone, laptop):
        page.goto(section)
    assert phone.locator(f"#id_agreed-{question.pk}-text").count() == 0
    assert "Svarene er anonyme" in phone.locator("main").inner_text()
    laptop.locator(f"#id_own-{question.pk}-text").fill("Anonyme ord")
    saved(laptop, question.pk, "own")
    others = phone.locator(f"#q{question.pk} .others")
    others.filter(has_text="Anonyme ord").wait_for()
    assert "Mads" not in others.inner_text() and "Et medlem" in others.inner_text()
    chair.locator(f"#id_agreed-{question.pk}-text").fill("Formandens sammenfatning")
    saved(chair, question.pk, "agreed")
    phone.locator(f"#q{question.pk} .agreed-readonly").filter(
        has_text="Formandens sammenfatning"
    ).wait_for()
    assert_page_ok(phone, "section, chairs write the agreed answer")
