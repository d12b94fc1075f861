"""The yearly cycle in Chromium: the chair starts the next school year, the board answers again
beside last year's agreed answers and sees the change on the result page – axe, reflow at 320 px."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from reflections.models import Worksheet
from tests.a11y import assert_page_ok, assert_reflows, watch

from .conftest import Board, autosave, open_link
from .test_yearly import in_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def last_year(template) -> Board:
    """A board that agreed last year: an open answer, and "I nogen grad" on the indicator."""
    board = Board(template)
    in_space(board)
    client = Client()
    open_link(client, board.chair_link, "Fie")
    question, indicator, _steps = board.questions()
    autosave(client, board, question, scope="agreed", text="Kaffe om fredagen", version=0)
    autosave(client, board, indicator, scope="agreed", rating="some", version=0)
    return board


def test_the_chair_starts_the_next_school_year_and_sees_the_change(new_context, last_year):
    page = new_context().new_page()
    watch(page)
    page.goto(last_year.chair_link)
    page.get_by_label("Dit navn").fill("Fie")
    page.get_by_role("button", name="Gå til arbejdsarket").click()
    this_year = last_year.worksheet.school_year
    next_year = f"{int(this_year[:4]) + 1}/{(int(this_year[:4]) + 2) % 100:02d}"

    page.get_by_role("link", name="Formand: links og status").click()
    page.get_by_role("link", name="Start næste skoleår").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Start skoleåret {next_year}")
    assert_page_ok(page, "next year confirmation")
    assert_reflows(page, "next year confirmation")
    page.get_by_role("button", name=f"Start skoleåret {next_year}").click()

    # The new year's worksheet, opened by the board's links: the chair writes their name.
    expect(page.get_by_text(f"Skoleåret {next_year} er startet")).to_be_visible()
    page.get_by_label("Dit navn").fill("Fie")
    page.get_by_role("button", name="Gå til arbejdsarket").click()
    new = Worksheet.objects.get(previous=last_year.worksheet)
    assert new.school_year == next_year
    page.get_by_role("link", name="Begynd med første afsnit").click()

    question, indicator, _steps = new.questions.order_by("position")
    beside = page.locator(f"#q{indicator.pk} .last-year")
    expect(beside).to_contain_text(f"Sidste skoleår ({this_year}): bestyrelsens fælles svar")
    expect(beside).to_contain_text("I nogen grad")
    expect(page.locator(f"#q{question.pk} .last-year")).to_contain_text("Kaffe om fredagen")
    assert_page_ok(page, "section with last year")
    assert_reflows(page, "section with last year")

    # This year the board answers differently.
    page.locator(f"#id_agreed-{question.pk}-text").fill("Forældrekaffe hver måned")
    page.locator(f"#q{indicator.pk} .answer-agreed").get_by_label("I høj grad").check()
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Gemt.", exact=True)).to_be_visible()

    page.get_by_role("link", name="Resultat", exact=True).click()
    change = page.locator(".rating-change")
    expect(change).to_have_text(
        "Ændring i vurderingen: I nogen grad → I høj grad (højere end sidste år)"
    )
    expect(page.locator(".last-year").first).to_contain_text("Kaffe om fredagen")
    expect(page.locator("svg.years-chart")).to_be_visible()
    table = page.locator(".years-table")
    expect(table.locator("thead")).to_contain_text(re.compile(f"{this_year}.*{next_year}"))
    expect(table.locator("tbody tr")).to_contain_text("I nogen grad")
    assert_page_ok(page, "result with earlier years")
    assert_reflows(page, "result with earlier years")
