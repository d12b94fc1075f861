"""In Chromium: the chair evaluates an approved principle, the board answers the evaluation, the
workbench shows the answers beside the lines, and the brief for the skoleudviklingssamtale shows
the principle and the ratings year by year – axe and reflow at 320 px on each new page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reflections import services, yearly
from reflections.models import PrincipleLine, Worksheet
from tests.a11y import assert_page_ok, assert_reflows, watch

from .conftest import AGREED_TEXT, approve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVIDENCE = "Referaterne fra forældremøderne viser det."


def test_the_chair_evaluates_the_principle_and_the_brief_shows_it(
    new_context, roles, board, principle
):
    approve(principle)
    page = new_context().new_page()
    watch(page)
    page.goto(board.chair_link)  # the chair's link signs this browser in to the space
    page.goto(principle.get_absolute_url())
    page.get_by_role("link", name="Evaluér principperne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluér princippet")
    assert_page_ok(page, "evaluate principle")
    assert_reflows(page, "evaluate principle")
    page.get_by_role("button", name="Opret evalueringen").click()

    # The evaluation is a worksheet of the board's space: the chair answers it with the board.
    expect(page.get_by_text("Evalueringen er oprettet")).to_be_visible()
    page.get_by_label("Dit navn").fill("Fie")
    page.get_by_role("button", name="Gå til arbejdsarket").click()
    evaluation = Worksheet.objects.get(evaluates__principle=principle)
    page.get_by_role("link", name="Begynd med første afsnit").click()
    question = evaluation.questions.get(text=AGREED_TEXT)
    page.goto(question.section.get_absolute_url())
    box = page.locator(f"#q{question.pk}")
    expect(box).to_contain_text("Lever vi op til det?")
    box.locator(".answer-agreed").get_by_label("I nogen grad").check()
    page.locator(f"#id_agreed-{question.pk}-evidence").fill(EVIDENCE)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Gemt.", exact=True)).to_be_visible()

    # Back on the workbench: the agreed rating and evidence beside the line.
    page.goto(principle.get_absolute_url())
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    beside = page.locator(f"#linje-{line.pk} .principle-evaluated")
    expect(beside).to_contain_text("I nogen grad")
    expect(beside).to_contain_text(EVIDENCE)
    assert_page_ok(page, "workbench with evaluation")
    assert_reflows(page, "workbench with evaluation")

    # A later school year of the board's first worksheet, then the brief.
    later = yearly.start_next_school_year(board.worksheet).worksheet
    indicator = later.questions.get(kind="rating")
    services.save_agreed_answer(later, indicator, base_version=0, text="", rating="high")
    page.goto(roles.space.get_absolute_url())
    page.get_by_role("link", name="Til skoleudviklingssamtalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Til skoleudviklingssamtalen")
    expect(
        page.get_by_role("heading", name="Princip for skole-hjem-samarbejdet", exact=True)
    ).to_be_visible()
    caption = page.get_by_text(f"Fælles vurderinger skoleår for skoleår: {evaluation.title}")
    expect(caption).to_be_visible()
    expect(page.locator(".years-table").first).to_contain_text("I nogen grad")
    by_year = page.get_by_role("table", name="Fælles vurderinger skoleår for skoleår: Værdier")
    expect(by_year).to_contain_text(board.worksheet.school_year)
    expect(by_year).to_contain_text("højere end sidste år")
    expect(page.locator("body")).not_to_contain_text("Fie")
    assert later.school_year in page.locator("main").inner_text()
    assert_page_ok(page, "skoleudviklingssamtale brief")
    assert_reflows(page, "skoleudviklingssamtale brief")
    pdf = page.request.get(reverse("reflections:brief_pdf", args=[roles.space.key]))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
