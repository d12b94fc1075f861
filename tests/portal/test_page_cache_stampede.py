"""Right after a content save every cached page is stale at once; twenty visitors arriving on the
same page then cause one render of it, not twenty. Threads against the page cache layer."""

import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from portal import page_cache
from portal.page_cache import PublicPageCacheMiddleware
from values.models import Item, Theme

VISITORS = 20


pytestmark = pytest.mark.usefixtures("page_cache_on")


class SlowPage:
    """A view that takes a moment to render and counts how often it does."""

    def __init__(self, status: int = 200, seconds: float = 0.3):
        self.status, self.seconds = status, seconds
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            n = self.renders
        time.sleep(self.seconds)
        return HttpResponse(f"<p>render {n}</p>", status=self.status, content_type="text/html")


def visit_at_once(middleware, path: str = "/") -> list[HttpResponse]:
    factory = RequestFactory()
    start = threading.Barrier(VISITORS)
    responses: list[HttpResponse] = [None] * VISITORS  # type: ignore[list-item]

    def visit(n: int) -> None:
        start.wait()
        responses[n] = middleware(factory.get(path))

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


def test_twenty_visitors_after_a_save_cause_one_render_and_all_get_the_page():
    page = SlowPage()
    middleware = PublicPageCacheMiddleware(page)
    page_cache.bump_page_cache_version(sender=Theme)

    responses = visit_at_once(middleware)

    assert page.renders == 1
    assert {response.status_code for response in responses} == {200}
    assert {response.content for response in responses} == {b"<p>render 1</p>"}
    assert sum(response.get("X-Page-Cache") == "hit" for response in responses) == VISITORS - 1


def test_the_next_save_renders_the_page_once_more():
    page = SlowPage(seconds=0.1)
    middleware = PublicPageCacheMiddleware(page)
    visit_at_once(middleware)
    page_cache.bump_page_cache_version(sender=Item)

    responses = visit_at_once(middleware)

    assert page.renders == 2
    assert {response.content for response in responses} == {b"<p>render 2</p>"}


def test_visitors_waiting_for_a_page_that_is_not_stored_get_their_own_answer():
    missing = SlowPage(status=404, seconds=0.1)
    responses = visit_at_once(PublicPageCacheMiddleware(missing), "/rammer/findes-ikke/")
    assert {response.status_code for response in responses} == {404}
    assert missing.renders == VISITORS  # a 404 is never cached, so each visitor renders it


def test_a_render_that_outlasts_the_wait_does_not_hold_the_others_back(monkeypatch):
    monkeypatch.setattr(page_cache, "RENDER_WAIT_SECONDS", 0.05)
    page = SlowPage(seconds=0.5)
    responses = visit_at_once(PublicPageCacheMiddleware(page))
    assert {response.status_code for response in responses} == {200}
    assert page.renders > 1
