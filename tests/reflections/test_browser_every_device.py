"""One person on every device, in real Chromium: a phone, a laptop and the chair's browser."""

import re

import pytest

from reflections.models import Answer, Participant
from tests.a11y import assert_error_summary, assert_page_ok, assert_reflows, watch

from .conftest import PHONE, Board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexts(new_context):
    def make(viewport=None):
        page = new_context(viewport).new_page()
        watch(page, allow_status=(400,))
        return page

    return make


def join(page, link: str, name: str) -> None:
    page.goto(link)
    page.get_by_label("Dit navn").fill(name)
    page.get_by_role("button", name="Gå til arbejdsarket").click()


def saved(page, question_pk: int) -> None:
    page.locator(f"#q{question_pk} .answer-own [data-field-status]").filter(
        has_text=re.compile(r"Gemt kl\. \d\d:\d\d")
    ).wait_for()


def test_a_member_answers_on_the_phone_and_goes_on_on_the_laptop(contexts, template):
    board = Board(template)
    question = board.questions()[0]
    section = board.sections()[0].get_absolute_url()
    chair, phone, laptop = contexts(), contexts(PHONE), contexts()
    join(chair, board.chair_link, "Fie")

    # On the phone: join, keep the personal link (shown once), answer.
    join(phone, board.member_link, "Mads")
    personal = phone.get_by_label(re.compile("Dit personlige link")).input_value()
    assert_page_ok(phone, "overview with a personal link")
    assert_reflows(phone, "overview with a personal link")
    phone.goto(section)
    phone.locator(f"#id_own-{question.pk}-text").fill("Skrevet i bussen")
    saved(phone, question.pk)

    # On the laptop someone first joined under another name by mistake, and answered.
    join(laptop, board.member_link, "Mads på computeren")
    laptop.goto(section)
    laptop.locator(f"#id_own-{question.pk}-text").fill("Skrevet ved skrivebordet")
    saved(laptop, question.pk)
    # Then the personal link: the laptop is Mads, with his own answer in his own field.
    laptop.goto(personal)
    assert "Du deltager som Mads" in laptop.locator(".who-am-i").inner_text()
    assert "Dine egne svar: 1 af 3." in laptop.locator(".progress-summary").inner_text()
    laptop.get_by_role("link", name=re.compile("Fortsæt hvor du slap")).click()
    laptop.wait_for_url(f"**{section}")
    own = laptop.locator(f"#id_own-{question.pk}-text")
    assert own.input_value() == "Skrevet i bussen"
    assert "Skrevet i bussen" not in laptop.locator(f"#q{question.pk} .others").inner_text()

    # The chair merges the stray name into Mads; a wrong choice gets the error summary first.
    chair.goto(f"/arbejdsark/ark/{board.key}/formand/")
    assert_page_ok(chair, "manage with participants")
    chair.get_by_label("Flyt svarene fra").select_option(label="Mads")
    chair.get_by_label("til", exact=True).select_option(label="Mads")
    chair.get_by_role("button", name="Læg navnene sammen").click()
    assert_error_summary(chair, ["id_merge-target"], js=True)
    chair.get_by_label("Flyt svarene fra").select_option(label="Mads på computeren")
    chair.get_by_label("til", exact=True).select_option(label="Mads")
    chair.get_by_role("button", name="Læg navnene sammen").click()
    assert "er lagt sammen med" in chair.locator("main").inner_text()
    assert sorted(Participant.objects.values_list("display_name", flat=True)) == ["Fie", "Mads"]

    # Mads sees both texts on the phone, and carries on writing on the laptop.
    phone.reload()
    merged = "Skrevet i bussen\n\nSkrevet ved skrivebordet"
    assert phone.locator(f"#id_own-{question.pk}-text").input_value() == merged
    laptop.reload()
    laptop.locator(f"#id_own-{question.pk}-text").fill(merged + "\n\nOg lidt mere")
    saved(laptop, question.pk)
    assert Answer.objects.get(participant__display_name="Mads").text.endswith("Og lidt mere")
    assert not phone.problems and not laptop.problems


def test_the_chair_hands_over_and_the_successor_takes_over(contexts, template):
    board = Board(template)
    chair, successor, phone = contexts(), contexts(), contexts(PHONE)
    join(chair, board.chair_link, "Fie")
    join(phone, board.member_link, "Mads")
    chair.goto(f"/arbejdsark/ark/{board.key}/formand/")
    chair.get_by_role("button", name="Lav et næstformandslink").click()
    cochair_link = chair.get_by_label(re.compile("Næstformandslink")).input_value()
    assert_page_ok(chair, "manage with a co-chair link")
    chair.get_by_role("button", name="Giv formandsrollen videre").click()
    new_chair_link = chair.get_by_label(
        re.compile("Formandslink til den nye formand")
    ).input_value()
    assert_page_ok(chair, "overview after handing over")
    assert chair.get_by_role("link", name="Formand: links og status").count() == 0

    join(successor, new_chair_link, "Søren")
    successor.get_by_role("link", name="Formand: links og status").click()
    assert successor.get_by_role("heading", level=1).inner_text() == "Links og status"
    # The co-chair link still works: the member on the phone, already known, becomes co-chair.
    phone.goto(cochair_link)
    assert "Du deltager som Mads" in phone.locator(".who-am-i").inner_text()
    assert phone.get_by_role("link", name="Formand: links og status").count() == 1
