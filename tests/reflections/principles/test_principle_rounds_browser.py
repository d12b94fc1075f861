"""In Chromium: from the principle's workbench the chair asks the school's staff, a teacher
answers on a phone, and once five have answered the staff's ratings stand beside the line and in
the brief for the skoleudviklingssamtale – axe and reflow at 320 px on each changed page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reflections.models import PrincipleLine, Round, Worksheet
from tests.a11y import assert_page_ok, assert_reflows, watch

from ..conftest import PHONE
from ..round_data import respond
from .conftest import AGREED_TEXT, approve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_asks_staff_about_a_principle_and_sees_them_beside_the_lines(
    new_context, roles, board, principle
):
    approve(principle)
    chair = new_context().new_page()
    watch(chair)
    chair.goto(board.chair_link)  # the chair's link signs this browser in to the space
    chair.goto(principle.get_absolute_url())
    chair.get_by_role("button", name="Spørg personale, forældre eller elever").click()
    expect(chair.get_by_text("ét for hver linje i princippet")).to_be_visible()
    chair.get_by_label("Skolens personale").check()
    chair.get_by_role("button", name="Åbn runden").click()
    link = chair.get_by_label(re.compile("Svarlink")).input_value()

    evaluation = Worksheet.objects.get(evaluates__principle=principle)
    question = evaluation.questions.get(text=AGREED_TEXT)
    phone = new_context(PHONE).new_page()
    watch(phone)
    phone.goto(link)
    expect(phone.get_by_text(AGREED_TEXT)).to_be_visible()
    phone.locator(f'input[name="q{question.pk}"][value="high"]').check()
    phone.get_by_role("button", name="Send mit svar").click()
    phone.get_by_role("heading", name="Tak for dit svar").wait_for()
    respond(Round.objects.get(), {question: "high"}, times=4)  # four more teachers

    chair.goto(principle.get_absolute_url())
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    beside = chair.locator(f"#linje-{line.pk}")
    expect(beside).to_contain_text("Andre gruppers vurdering")
    expect(beside).to_contain_text("Skolens personale (5 svar): I høj grad 5")
    assert_page_ok(chair, "workbench with a staff round")
    assert_reflows(chair, "workbench with a staff round")

    chair.goto(reverse("reflections:brief", args=[roles.space.key]))
    table = chair.get_by_role("table", name=re.compile("Andre gruppers vurderinger"))
    expect(table).to_contain_text("Skolens personale (5 svar): I høj grad 5")
    assert_page_ok(chair, "brief with a staff round")
    assert_reflows(chair, "brief with a staff round")
