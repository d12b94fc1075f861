"""Headless Chromium through Playwright, for browser and accessibility tests.

On a machine without Chromium the browser tests skip with a reason; in CI (CI=true) a missing
browser is a failure, so the tests can never silently stop running there.
"""

import functools
import os
import shutil
import threading

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _chromium_missing_reason() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed"
    return None


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    While Playwright's sync API is open it keeps an asyncio loop running in the test thread, and
    Django then refuses ORM calls from that thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set. The
    ORM calls of these tests are plain synchronous code, so the variable is set here, for as long
    as the browser is open, and nowhere else: the other tests keep Django's guard.
    """
    reason = _chromium_missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# The live server's threads answering a request now, for the wait below. Only threads other than
# the test's own: a test client request that raises in the test's thread never finishes.
_serving: dict[int, threading.Thread] = {}
_idle = threading.Condition()


def _started(**kwargs) -> None:
    thread = threading.current_thread()
    if thread is not threading.main_thread():
        with _idle:
            _serving[thread.ident] = thread


def _finished(**kwargs) -> None:
    with _idle:
        _serving.pop(threading.get_ident(), None)
        _idle.notify_all()


def _server_idle() -> bool:
    return not any(thread.is_alive() for thread in _serving.values())


request_started.connect(_started, dispatch_uid="tests.browser.started")
request_finished.connect(_finished, dispatch_uid="tests.browser.finished")


@pytest.fixture(autouse=True)
def browsers_closed_and_server_idle(request):
    """After a browser test: close the browser contexts it left open (a page left open keeps
    refreshing into the next test) and let the live server finish what pages had in flight (a
    live refresh, an autosave) before the database is flushed. On SQLite a flush under a running
    request fails on a table lock and leaves the rows for the next test."""
    served = "live_server" in request.fixturenames
    # Taken now: a fixture of the test's own is torn down before this one.
    chromium = (
        request.getfixturevalue("browser") if served and "browser" in request.fixturenames else None
    )
    yield
    for context in getattr(chromium, "contexts", ()):
        context.close()
    if served:
        with _idle:
            _idle.wait_for(_server_idle, timeout=10)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads axe-core's script once


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA) on the current page and return its violations."""
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        # Details of what passed are not needed, and sending them back took most of the time.
        "resultTypes": ["violations"],
    }
    return _axe().run(page, options=options).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


def sign_in_to_admin(page, username: str, password: str) -> None:
    """Sign in on the admin's login page, as a person would, and land on the admin's index."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
