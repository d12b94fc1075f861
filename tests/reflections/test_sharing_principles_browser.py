"""In Chromium: a board shares its principle with another board of the municipality and
withdraws it – axe at 0, reflow at 320 px, the shared principle opened by keyboard."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.a11y import assert_page_ok, assert_reflows

from .test_sharing import HEADING, board_at, school
from .test_sharing_browser import open_as_chair
from .test_sharing_principles import APPROVED, approved_principle, at_school

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_shares_its_principle_and_withdraws_it(new_context, template, framework):
    sharing = at_school(board_at(template, school(framework.publisher, "Skovvejens Skole")))
    neighbour = at_school(board_at(template, school(framework.publisher, "Bakkeskolen")))
    principle = approved_principle(sharing)
    chair = open_as_chair(new_context(), sharing, "Formand Fie")
    chair.goto(reverse("reflections:principle_versions", args=[sharing.space_key, principle.pk]))
    chair.get_by_role("link", name="Del princippet med kommunens andre bestyrelser").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text(
        "Del princippet med kommunens andre bestyrelser"
    )
    assert_page_ok(chair, "principle sharing, not shared")
    assert_reflows(chair, "principle sharing, not shared")
    chair.get_by_label("Vis skolens navn ved jeres princip").check()
    chair.get_by_role("button", name="Del jeres princip").press("Enter")
    expect(chair.get_by_role("heading", name="Jeres princip er delt")).to_be_visible()
    assert_page_ok(chair, "principle sharing, shared")

    other = open_as_chair(new_context(), neighbour, "Anden Anna")
    other.goto(reverse("reflections:section", args=[neighbour.key, neighbour.sections()[0].pk]))
    summary = other.locator(".shared-principles summary")
    expect(summary).to_contain_text(HEADING)
    summary.focus()
    other.keyboard.press("Enter")
    expect(other.get_by_text(APPROVED)).to_be_visible()
    expect(other.locator(".shared-principles .shared-school")).to_contain_text("Skovvejens Skole")
    assert_page_ok(other, "section with a shared principle")
    assert_reflows(other, "section with a shared principle")

    chair.get_by_role("button", name="Stop delingen").click()
    expect(chair.get_by_role("heading", name="Del jeres princip")).to_be_visible()
    other.reload()
    expect(other.locator(".shared-principles")).to_have_count(0)
    expect(other.get_by_text(APPROVED)).to_have_count(0)
