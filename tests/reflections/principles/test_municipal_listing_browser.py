"""In Chromium: a municipality's public list of its schools' principles – axe, reflow at 320 px,
paging, and on to a principle's own page, which search engines may now index."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reflections.views import listed
from tests.a11y import assert_page_ok, assert_reflows, watch

from .listing_data import municipality, schools_with_principles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_reads_the_municipalitys_list_and_opens_a_principle(
    new_context, live_server, monkeypatch
):
    monkeypatch.setattr(listed, "PAGE_SIZE", 4)
    ballerup = municipality()
    principles = schools_with_principles(ballerup, schools=3, per_school=2)
    page = new_context().new_page()
    watch(page)
    page.goto(reverse("municipal_principles:list", args=[ballerup.slug]))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Skolernes principper i Ballerup Kommune"
    )
    assert page.get_by_role("heading", name="Skole 00", level=2).is_visible()
    assert_page_ok(page, "municipality's principles")
    assert_reflows(page, "municipality's principles")

    page.get_by_role("link", name="Næste side").click()
    # Waits for the next page to arrive instead of looking while the click is still on its way.
    expect(page.get_by_role("heading", name="Skole 02", level=2)).to_be_visible()
    assert_page_ok(page, "municipality's principles, page 2")

    page.get_by_role("link", name=principles[-1].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(principles[-1].title)
    assert page.locator('meta[name="robots"]').count() == 0
    assert_page_ok(page, "listed principle")
