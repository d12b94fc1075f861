"""Values computed once per content version and kept for every visitor: counts, rankings and the
objects a kept page looks up.

Kept in the cache under the content version (any content save starts a new one) for as long as
whole pages are (PAGE_CACHE_SECONDS, so with per-process caches never older than a cached page).
The same for every visitor, so never for a preview, whose drafts are computed afresh.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from portal.page_cache import content_version

from .visibility import preview_active


def kept(request: HttpRequest, name: str, compute):
    """`compute()`, or what it returned for this content version. An exception (a 404 for an
    address that finds nothing) keeps nothing."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds or preview_active(request):
        return compute()
    key = f"portal:{name}:{content_version(request)}"
    value = cache.get(key)
    if value is None:
        # Not get_or_set: after computing it adds and then reads the value back, a second trip.
        value = compute()
        cache.set(key, value, timeout=seconds)
    return value
