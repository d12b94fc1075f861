"""The lists that are cut short at scale – the framework list and the concept overview a page at a
time, a comparison's choice of frameworks – in real Chromium: axe at 0, the pages' own links lead
on, and they reflow at 320 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.a11y import assert_page_ok, assert_reflows
from tests.conftest import make_framework
from values.models import Framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def many(concepts) -> list:
    return [
        make_framework(title=f"Ramme {n}", publisher=f"Kommune {n}", concepts=concepts[:1])
        for n in range(22)
    ]


def test_the_paged_lists_pass_axe_lead_on_and_reflow(page, many, concepts):
    page.goto(reverse("values:framework_list"))
    assert_page_ok(page, "framework list, first page")
    page.get_by_role("navigation", name="Flere rammer").get_by_role("link").click()
    expect(page.get_by_text("Side 2 af 2")).to_be_visible()
    last = Framework.objects.published().last()  # in the list's order
    expect(page.get_by_role("link", name=last.title, exact=True)).to_be_visible()
    assert_reflows(page, "framework list, second page")

    page.goto(reverse("values:concept_list") + "?side=3")
    assert_page_ok(page, "concept overview, last page")
    assert_reflows(page, "concept overview, last page")

    page.goto(concepts[0].get_absolute_url())
    assert_page_ok(page, "concept comparison")
    expect(page.get_by_text("Viser 3 af 22 rammer.")).to_be_visible()
    page.get_by_role("link", name="Se alle rammer i oversigten over begreber").click()
    expect(page.locator("h1")).to_have_text("Begreber på tværs af rammerne")
