"""Small middleware the portal needs that Django and the libraries don't provide."""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from .log import current_request_id
from .security import client_ip, log_denied, redact_path

request_log = logging.getLogger("portal.request")

# An id from the load balancer is kept only if it is short and harmless in a log line.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

# Board pages live under /arbejdsark/; a 404 there is how the worksheets answer a wrong link.
BOARD_PATH_PREFIX = "/arbejdsark/"


class RequestLogMiddleware:
    """One log line per request (id, method, path, status, duration) and an X-Request-ID header.

    Sits first in MIDDLEWARE so the duration covers everything Django does for the request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = (time.perf_counter() - started) * 1000
            response["X-Request-ID"] = request_id
            request_log.info(
                "request method=%s path=%s status=%s duration_ms=%.1f ip=%s",
                request.method,
                redact_path(request.path),
                response.status_code,
                duration_ms,
                client_ip(request),
            )
            if response.status_code == 404 and request.path.startswith(BOARD_PATH_PREFIX):
                log_denied(request, "board page not found or not allowed")
            return response
        finally:
            current_request_id.reset(token)


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy: same-origin on every response (Django has no setting)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# --- Whole-page cache for anonymous visitors -----------------------------------------------------

PAGE_CACHE_VERSION_KEY = "portal:page-cache-version"
CSRF_PLACEHOLDER = "\x00portal-csrf-token\x00"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Never cached: private, per-visitor or operational paths.
UNCACHED_PREFIXES = ("/admin/", "/arbejdsark/", "/i18n/", "/healthz", "/static/")
# Models whose changes show on public pages (besides everything in the `values` app).
PUBLIC_REFLECTION_MODELS = {"worksheettemplate", "templatesection", "templatequestion"}


def page_cache_version() -> int:
    version = cache.get(PAGE_CACHE_VERSION_KEY)
    if version is None:
        cache.add(PAGE_CACHE_VERSION_KEY, 1, timeout=None)
        version = cache.get(PAGE_CACHE_VERSION_KEY, 1)
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


for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(bump_page_cache_version, dispatch_uid=f"page-cache-{_signal!r}")


class PublicPageCacheMiddleware:
    """Serves public pages to anonymous visitors from the cache for PAGE_CACHE_SECONDS.

    Only cookie-less GETs (a CSRF or language cookie is fine) of pages outside the admin and the
    boards' worksheets, and only 200 HTML responses that are not marked private. The CSRF token in
    a cached page is replaced by a fresh one for each visitor, so no two visitors share a token.
    Saving content bumps a version that is part of every key; with one shared cache (REDIS_URL)
    that is immediate for all servers, otherwise each process's copy expires within the timeout.
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
        response = self.get_response(request)
        if self._may_store(response):
            cache.set(key, self._to_cache(response), seconds)
        return response

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
        return f"portal:page:{page_cache_version()}:{language}:{digest}"

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
        body = response.content.decode(response.charset)
        for token in set(CSRF_INPUT.findall(body)):
            body = body.replace(token, CSRF_PLACEHOLDER)
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"content-length"}]
        return body.encode(response.charset), headers

    @staticmethod
    def _from_cache(request: HttpRequest, cached) -> HttpResponse:
        body, headers = cached
        if CSRF_PLACEHOLDER.encode() in body:
            # A fresh token for this visitor; CsrfViewMiddleware sets its cookie on the way out.
            body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
