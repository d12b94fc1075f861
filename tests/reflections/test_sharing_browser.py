"""In Chromium: the municipality's ratings chart, and one board sharing its agreed answers with
another and withdrawing them – axe at 0, reflow at 320 px, by keyboard where it matters."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reflections import services
from tests.a11y import assert_page_ok, assert_reflows, watch
from tests.values.test_overview_ratings import board_rates
from tests.values.test_preview_browser import log_in
from values.models import Item, School

from .conftest import Board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGREED = "Vi inviterer nye forældre til kaffe den første uge"
HEADING = "Sådan har andre bestyrelser i kommunen formuleret det"


def school(framework, name: str, number: int) -> School:
    return School.objects.create(
        municipality=framework.publisher, name=name, institution_number=f"{200000 + number}"
    )


def test_the_overview_shows_the_boards_ratings_as_a_chart_and_a_table(
    page, live_server, superuser, framework
):
    indicator = Item.objects.filter(kind=Item.Kind.INDICATOR, theme__framework=framework).first()
    for n, rating in enumerate(["high", "high", "some", "none", "unknown"]):
        board_rates(school(framework, f"Skole {n}", n), indicator, rating)
    log_in(page, live_server, superuser)
    watch(page)
    page.goto(reverse("admin:values_school_overview"))
    expect(page.get_by_role("heading", name="Bestyrelsernes fælles vurderinger")).to_be_visible()
    expect(page.locator(".rating-bar rect.seg")).to_have_count(4)
    table = page.get_by_role("table", name=f"Vurderinger i tal: {indicator.theme}")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table.get_by_role("cell", name="5", exact=True)).to_be_visible()
    # CSP in the admin is tested without axe (tests/portal/test_security_admin_browser.py).
    assert_page_ok(page, "overview with ratings", csp=False)
    assert_reflows(page, "overview with ratings")


def open_as_chair(context, board: Board, name: str):
    page = context.new_page()
    watch(page)
    page.goto(board.chair_link)
    page.get_by_label("Dit navn").fill(name)
    page.get_by_role("button", name="Gå til arbejdsarket").click()
    return page


def test_a_board_shares_its_agreed_answers_and_withdraws_them(new_context, template, framework):
    sharing = Board(template)
    neighbour = Board(template, school="Bakkeskolen")
    for n, board in enumerate((sharing, neighbour)):
        board.worksheet.school = school(framework, board.worksheet.school_name, n)
        board.worksheet.save(update_fields=["school"])
    services.save_agreed_answer(
        sharing.worksheet, sharing.questions()[0], base_version=0, text=AGREED
    )
    chair = open_as_chair(new_context(), sharing, "Formand Fie")
    chair.goto(reverse("reflections:manage", args=[sharing.key]))
    chair.get_by_role("link", name="Del jeres fælles svar").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text(
        "Del med kommunens andre bestyrelser"
    )
    assert_page_ok(chair, "sharing, not shared")
    assert_reflows(chair, "sharing, not shared")
    chair.get_by_label("Vis skolens navn ved jeres svar").check()
    chair.get_by_role("button", name="Del jeres fælles svar").press("Enter")
    expect(chair.get_by_role("heading", name="Jeres fælles svar er delt")).to_be_visible()
    assert_page_ok(chair, "sharing, shared")

    other = open_as_chair(new_context(), neighbour, "Anden Anna")
    other.goto(reverse("reflections:section", args=[neighbour.key, neighbour.sections()[0].pk]))
    summary = other.get_by_text(HEADING)
    expect(summary).to_have_count(1)
    summary.focus()
    other.keyboard.press("Enter")
    expect(other.get_by_text(AGREED)).to_be_visible()
    expect(other.locator(".shared-school")).to_have_text("Skovvejens Skole")
    assert_page_ok(other, "section with shared answers")
    assert_reflows(other, "section with shared answers")

    chair.get_by_role("button", name="Stop delingen").click()
    expect(chair.get_by_role("heading", name="Del jeres fælles svar")).to_be_visible()
    other.reload()
    expect(other.get_by_text(HEADING)).to_have_count(0)
    expect(other.get_by_text(AGREED)).to_have_count(0)
