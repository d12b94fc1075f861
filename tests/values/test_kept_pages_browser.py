"""In Chromium: a theme page served from its kept fragment works as a rendered one – "Tilføj til
arbejdsark" adds in place with the visitor's own token, and after a reload the button says what
is on the visitor's selection."""

import re

import pytest
from playwright.sync_api import expect

from tests.a11y import watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adding_from_a_kept_theme_page(browser, live_server, framework, settings):
    settings.PAGE_CACHE_SECONDS = 60
    theme = framework.themes.order_by("position").first()
    pages = []
    for _ in range(2):  # the first visitor's page is rendered and kept, the second's is kept
        context = browser.new_context(locale="da-DK", base_url=live_server.url)
        # A cookie of its own sets the whole-page cache aside, as a board member's does.
        context.add_cookies([{"name": "sessionid", "value": "ingen", "url": live_server.url}])
        page = context.new_page()
        problems = watch(page)
        page.goto(theme.get_absolute_url())
        pages.append(page)
    page = pages[1]
    expect(page.get_by_role("button", name=re.compile("^På arbejdsarket"))).to_have_count(0)
    page.get_by_role("button", name=re.compile("^Tilføj til arbejdsark")).first.click()
    expect(page.locator("[data-selection-count]")).to_have_text("1")
    page.reload()
    expect(page.get_by_role("button", name=re.compile("^På arbejdsarket"))).to_have_count(1)
    assert not problems, problems
    # The first visitor's page is untouched by the second's selection.
    pages[0].reload()
    expect(pages[0].get_by_role("button", name=re.compile("^På arbejdsarket"))).to_have_count(0)
