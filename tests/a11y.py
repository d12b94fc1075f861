"""What every page kind must pass in the browser: axe at 0, reflow at 320 px, no failed request,
and the error-summary pattern on a failed submit. Call these for each new page kind and form.

    watch(page)                       # before the first goto: collects 4xx/5xx, console, CSP
    assert_page_ok(page, "result")    # axe 0 + no sideways scroll at the current width
    assert_reflows(page, "result")    # at 320 px (restores the viewport)
    assert_error_summary(page, ["id_display_name"], js=True)
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import axe_violations, describe_violations

COLLECT_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def watch(page, allow_status: tuple[int, ...] = ()) -> list[str]:
    """Record every failed request (4xx/5xx, except the statuses allowed, e.g. 400 for a form
    sent with errors), console error and CSP violation on `page`; returns the live list."""
    problems: list[str] = []

    def on_response(response):
        failed = response.status >= 400 and response.status not in allow_status
        if failed and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", on_response)
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.add_init_script(COLLECT_CSP)
    page.problems = problems
    return problems


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > innerWidth + 0.5
    && !el.closest('[role=region]'))
  .slice(-3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`)"""


# Boxes that cut their own text off (a DKFDS card has overflow: hidden and a height of its own).
# Visually hidden text is meant to be clipped, and the admin (Django's own look, no DKFDS) clips
# its one-line inline summaries by design.
CLIPPED_ELEMENTS = """() => !document.querySelector('link[href*="dkfds"]') ? [] :
  [...document.querySelectorAll('body *:not(.visually-hidden):not(.sr-only)')]
  .filter((el) => {
    const style = getComputedStyle(el);
    return [style.overflow, style.overflowY].includes('hidden') && el.clientHeight > 1
      && el.clientWidth > 1 && el.scrollHeight > el.clientHeight + 1 && el.innerText.trim();
  })
  .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.innerText.slice(0, 40)}`)"""


# Words in headings that the layout splits over two lines. A word is what lies between spaces,
# hyphens, dashes, slashes and soft hyphens: a break there is how Danish is hyphenated; a break
# anywhere else means the heading's box has no room for the word.
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6, .card-heading')) {
    if (!heading.getClientRects().length) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\s\-\u00ad\u2010\u2013\u2014\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${heading.tagName.toLowerCase()}: ${word[0]}`);
      }
    }
  }
  return broken;
}"""


def broken_words(page) -> list[str]:
    """Headings' words that break mid-word at the current width ("h3: samarbejdspartnere")."""
    return page.evaluate(BROKEN_WORDS)


def horizontal_overflow(page) -> int:
    width = page.evaluate("window.innerWidth")
    return page.evaluate("document.documentElement.scrollWidth") - width


def assert_page_ok(page, kind: str, axe: bool = True, csp: bool = True) -> None:
    """axe at 0 (needs JavaScript in the page: axe.run is asynchronous, so pass axe=False in a
    context with JavaScript off – the markup is the same), no sideways scroll, no box that cuts its
    text off, no CSP report, no failed request."""
    # A check right after a click may otherwise read the next page's still empty document.
    page.wait_for_load_state()
    if axe:
        violations = axe_violations(page)
        assert not violations, f"{kind}: {describe_violations(violations)}"
    assert horizontal_overflow(page) <= 0, (
        f"{kind} scrolls sideways by {horizontal_overflow(page)}px"
    )
    clipped = page.evaluate(CLIPPED_ELEMENTS)
    assert not clipped, f"{kind} cuts text off: {clipped}"
    if csp:
        assert not csp_violations(page), f"{kind}: {csp_violations(page)}"
    problems = [p for p in getattr(page, "problems", []) if csp or "Security Policy" not in p]
    assert not problems, f"{kind}: {problems}"


def assert_reflows(page, kind: str, width: int = 320) -> None:
    """No horizontal scrolling of the document at `width`; a table may scroll inside its own
    region, which must then be labelled and reachable by keyboard."""
    page.wait_for_load_state()
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        overflow = horizontal_overflow(page)
        assert overflow <= 0, (
            f"{kind} is {overflow}px too wide at {width}px: {page.evaluate(WIDE_ELEMENTS)}"
        )
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('main *')].filter((el) => {
                 const style = getComputedStyle(el);
                 const scrolls = ['auto', 'scroll'].includes(style.overflowX)
                   && el.scrollWidth > el.clientWidth + 1;
                 return scrolls && !(el.getAttribute('role') === 'region'
                   && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))
                   && el.tabIndex === 0);
               }).map((el) => el.className || el.tagName)"""
        )
        assert not unlabelled, f"{kind}: scrolls sideways without a labelled region: {unlabelled}"
    finally:
        if before:
            page.set_viewport_size(before)


def assert_error_summary(page, field_ids: list[str], js: bool = True) -> None:
    """The DKFDS/GOV.UK pattern after a failed submit: "Fejl: " title, the summary first in
    <main> and focused, a link to each field in error, and (with JavaScript) the link focuses
    the field."""
    # Waits for the answer page: the submit's navigation may still be under way.
    expect(page, "the title does not start with “Fejl: ”").to_have_title(re.compile("^Fejl: "))
    summary = page.locator("main > .error-summary")
    assert summary.count() == 1, "no error summary first in <main>"
    first = page.evaluate("document.querySelector('main').firstElementChild.className")
    assert "error-summary" in first, first
    # Chromium moves focus to an `autofocus` element when it next renders, not at load.
    expect(summary, "focus is not on the error summary").to_be_focused()
    targets = summary.locator("a").evaluate_all("(links) => links.map((a) => a.hash.slice(1))")
    for field_id in field_ids:
        assert field_id in targets, f"no link to #{field_id} in {targets}"
        assert page.locator(f"#{field_id}").count() == 1, f"#{field_id} is not on the page"
    if js and field_ids:
        summary.locator(f"a[href='#{field_ids[0]}']").first.click()
        assert page.evaluate("document.activeElement.id") == field_ids[0]
