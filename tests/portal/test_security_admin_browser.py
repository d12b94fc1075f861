"""The admin works in real Chromium under the enforced Content-Security-Policy.

Chromium reports every blocked script, style or connection as a console error ("Refused to …")
and as a `securitypolicyviolation` event; both are collected while an editor works.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.browser import sign_in_to_admin
from tests.conftest import make_framework

PASSWORD = "csp-test-kode-2026"

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI} ` +
      `at ${event.sourceFile}:${event.lineNumber}`
  );
  // Also on the page, so a test can wait for a report with expect() (the policy forbids eval).
  document.documentElement.dataset.cspViolations = window.__cspViolations.length;
});
"""


@pytest.fixture
def watched_page(page):
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    # A missing resource is reported as a bare console error; name it (the browser's own
    # /favicon.ico request is not the admin's doing and is left out).
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.add_init_script(COLLECT_VIOLATIONS)
    page.csp_errors = errors
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def assert_clean(page, where: str) -> None:
    found = violations(page) + [e for e in page.csp_errors if "Content Security Policy" in e]
    assert not found, f"{where}: {found}"
    unexplained = [e for e in page.csp_errors if not e.startswith("Failed to load resource")]
    assert not unexplained, f"{where}: console errors {page.csp_errors}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_works_in_the_admin_without_any_csp_violation(
    watched_page, live_server, concepts
):
    page = watched_page
    framework = make_framework(concepts=concepts[:1])
    theme = framework.themes.first()
    User.objects.create_superuser("redaktion", "r@example.dk", PASSWORD)

    sign_in_to_admin(page, "redaktion", PASSWORD)
    assert_clean(page, "login and admin index")

    page.goto(reverse("admin:values_theme_changelist"))
    page.wait_for_selector("#result_list")
    assert_clean(page, "theme changelist")

    page.goto(reverse("admin:values_theme_change", args=[theme.pk]))
    page.wait_for_selector(".inline-group")
    # Autocomplete (select2) fetches its choices with JavaScript from the admin's JSON view.
    page.locator(".field-concepts .select2-selection").first.click()
    page.wait_for_selector(".select2-results__option >> text=Fællesskab")
    page.keyboard.press("Escape")
    # Add another inline row: the admin's inline JavaScript builds it from a template.
    inline = page.locator(".inline-group").first
    total = inline.locator("input[name$='-TOTAL_FORMS']")
    before = int(total.input_value())
    inline.locator(".add-row a").click()
    expect(total).to_have_value(str(before + 1))
    assert_clean(page, "theme change form with inlines and autocomplete")

    page.goto(reverse("admin:values_framework_change", args=[framework.pk]))
    page.wait_for_selector("#framework_form")
    # The slug field is prepopulated from the title by the admin's script.
    page.goto(reverse("admin:values_framework_add"))
    page.locator("#id_title").press_sequentially("Ny ramme om tillid")
    # (Playwright's wait_for_function would itself need 'unsafe-eval'; expect() polls from outside.)
    expect(page.locator("#id_slug")).to_have_value("ny-ramme-om-tillid")
    assert_clean(page, "framework change and add forms")

    # The import/export pages (django-import-export), the editors' workbook page and the
    # change history, where present.
    for name, args in (
        ("admin:values_framework_import", []),
        ("admin:values_framework_export", []),
        ("admin:values_item_import", []),
        ("admin:values_framework_workbook", []),
        ("admin:values_theme_history", [theme.pk]),
    ):
        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            continue
        page.goto(url)
        page.wait_for_selector("#content")
        assert_clean(page, name)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_policy_really_blocks_inline_script_and_style_in_chromium(watched_page):
    """Guards the test above: the same watcher does see what the policy blocks."""
    page = watched_page
    page.goto("/tilgaengelighed/")
    page.evaluate(
        """() => {
          const styled = document.createElement("div");
          styled.setAttribute("style", "color: red");
          document.body.appendChild(styled);
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true;";
          document.body.appendChild(script);
        }"""
    )
    # The reports arrive as events after the elements are added: wait for both.
    expect(page.locator("html")).to_have_attribute("data-csp-violations", "2")
    found = " ".join(violations(page))
    assert "style-src" in found and "script-src" in found, found
    assert page.evaluate("() => window.__inlineRan === undefined")
