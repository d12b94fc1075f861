"""Whole public pages from the cache for anonymous visitors, and their invalidation.

Any saved change to public content bumps a version that is part of every key, so all cached pages
go stale at once. With one shared cache (REDIS_URL) that holds for every server and for commands
such as `load_content`; with per-process memory caches each copy expires within the timeout.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from typing import AnyStr

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

PAGE_CACHE_VERSION_KEY = "portal:page-cache-version"
# One render per page after a save: the first visitor takes a lock in the cache (cache.add is
# atomic in locmem and Redis alike) and renders; the others wait for its copy. The lock expires
# on its own if that process dies mid-render, and a waiter renders itself after RENDER_WAIT.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.01
CSRF_PLACEHOLDER = "\x00portal-csrf-token\x00"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Never cached: private, per-visitor or operational paths.
UNCACHED_PREFIXES = ("/admin/", "/arbejdsark/", "/i18n/", "/healthz", "/static/", "/api/")
# Models whose changes show on public pages (besides everything in the `values` app).
PUBLIC_REFLECTION_MODELS = {"worksheettemplate", "templatesection", "templatequestion"}


def without_tokens(html: str) -> str:
    """`html` to keep for every visitor: the CSRF tokens in its forms replaced by a placeholder."""
    for token in set(CSRF_INPUT.findall(html)):
        html = html.replace(token, CSRF_PLACEHOLDER)
    return html


def with_token(html: AnyStr, request: HttpRequest) -> AnyStr:
    """Kept `html` for this visitor: a fresh token of its own where the placeholder is
    (CsrfViewMiddleware sets its cookie on the way out). A kept page's bytes are filled as
    bytes: decoding and encoding a page took a large part of serving it from the cache."""
    token = get_token(request)
    if isinstance(html, bytes):
        return html.replace(CSRF_PLACEHOLDER.encode(), token.encode())
    return html.replace(CSRF_PLACEHOLDER, token)


def page_cache_version() -> int:
    version = cache.get(PAGE_CACHE_VERSION_KEY)
    if version is None:
        cache.add(PAGE_CACHE_VERSION_KEY, 1, timeout=None)
        version = cache.get(PAGE_CACHE_VERSION_KEY, 1)
    return version


def content_version(request: HttpRequest) -> int:
    """The content version this request reads its pages, fragments and kept values under: read
    from the cache once per request (a round trip with Redis), when first asked for."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = request._content_version = page_cache_version()
    return version


def bump_page_cache_version(sender, **kwargs) -> None:
    """Any change to public content makes every cached page stale at once (a new key space)."""
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if meta.app_label == "values" or meta.model_name in PUBLIC_REFLECTION_MODELS:
        try:
            cache.incr(PAGE_CACHE_VERSION_KEY)
        except ValueError:
            cache.set(PAGE_CACHE_VERSION_KEY, 2, timeout=None)


def connect_signals() -> None:
    """Every process that can change content invalidates: app servers, `load_content`, a shell.

    Called from PortalConfig.ready(), so it holds wherever Django is set up, not only where the
    middleware happens to have been imported.
    """
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_page_cache_version, dispatch_uid=f"page-cache-{signal!r}")


class PublicPageCacheMiddleware:
    """Serves public pages to anonymous visitors from the cache for PAGE_CACHE_SECONDS.

    Only cookie-less GETs (a CSRF or language cookie is fine) of pages outside the admin and the
    boards' worksheets, and only 200 HTML responses that are not marked private. The CSRF token in
    a cached page is replaced by a fresh one for each visitor, so no two visitors share a token.
    Saving content bumps a version that is part of every key; with one shared cache (REDIS_URL)
    that is immediate for all servers, otherwise each process's copy expires within the timeout.
    After a save, the first request for a page renders it while the others wait for its copy
    (at most RENDER_WAIT_SECONDS), so a crowd causes one render per page, not one per visitor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        cached = cache.get(key)
        if cached is not None:
            return self._from_cache(request, cached)
        if cache.add(f"{key}:rendering", 1, timeout=RENDER_LOCK_SECONDS):
            try:
                return self._render_and_store(request, key, seconds)
            finally:
                cache.delete(f"{key}:rendering")
        cached = self._wait_for_other_render(key)
        if cached is not None:
            return self._from_cache(request, cached)
        return self._render_and_store(request, key, seconds)

    def _render_and_store(self, request: HttpRequest, key: str, seconds: int) -> HttpResponse:
        response = self.get_response(request)
        if self._may_store(response):
            cache.set(key, self._to_cache(response), seconds)
        return response

    @staticmethod
    def _wait_for_other_render(key: str):
        """The page another request is rendering right now, once it is stored; None when nobody
        is rendering it, when that render is not stored (an error, a 404) or takes too long."""
        lock = f"{key}:rendering"
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            found = cache.get_many([key, lock])
            if key in found:
                return found[key]
            if lock not in found:
                return None
            time.sleep(RENDER_POLL_SECONDS)
        return None

    @staticmethod
    def _may_use_cache(request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD") or request.path.startswith(UNCACHED_PREFIXES):
            return False
        harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
        return set(request.COOKIES) <= harmless

    @staticmethod
    def _key(request: HttpRequest) -> str:
        where = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(where.encode()).hexdigest()
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"portal:page:{content_version(request)}:{language}:{digest}"

    @staticmethod
    def _may_store(response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        other_cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and not other_cookies
        )

    @staticmethod
    def _to_cache(response: HttpResponse) -> tuple[bytes, list[tuple[str, str]]]:
        body = without_tokens(response.content.decode(response.charset))
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"content-length"}]
        return body.encode(response.charset), headers

    @staticmethod
    def _from_cache(request: HttpRequest, cached) -> HttpResponse:
        body, headers = cached
        if CSRF_PLACEHOLDER.encode() in body:
            body = with_token(body, request)
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
