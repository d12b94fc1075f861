"""A framework's foreword is a DKFDS accordion: closed once the page's script runs, so the
document's parts are in view, opened and closed with the keyboard; without JavaScript it is
simply there, open."""

import pytest
from playwright.sync_api import expect

from tests.a11y import assert_page_ok, assert_reflows, watch
from tests.conftest import make_framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOREWORD = "Forældrene er de vigtigste voksne i barnets liv."


@pytest.fixture
def framework():
    framework = make_framework()
    framework.introduction_heading = "EN FÆLLES OPGAVE"
    framework.introduction = f"{FOREWORD}\n\n# VÆRDIER\n\nDe fire værditemaer er:"
    framework.save()
    return framework


def test_a_keyboard_user_opens_and_closes_the_foreword(page, framework):
    watch(page)
    page.goto(framework.get_absolute_url())
    button = page.get_by_role("button", name="EN FÆLLES OPGAVE")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text(FOREWORD)).to_be_hidden()
    assert_page_ok(page, "framework page, foreword closed")

    # Tab from the top of the page until the accordion's button has focus, then Enter.
    page.keyboard.press("Tab")
    for _ in range(40):
        if page.evaluate("document.activeElement.classList.contains('accordion-button')"):
            break
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text(FOREWORD)).to_be_visible()
    assert_page_ok(page, "framework page, foreword open")
    assert_reflows(page, "framework page, foreword open")

    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text(FOREWORD)).to_be_hidden()


def test_without_javascript_the_foreword_is_open(browser, live_server, framework):
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        watch(page)
        page.goto(framework.get_absolute_url())
        expect(page.get_by_text(FOREWORD)).to_be_visible()
        expect(page.get_by_role("heading", name="VÆRDIER")).to_be_visible()
        assert_page_ok(page, "framework page without JavaScript", axe=False)
    finally:
        context.close()
