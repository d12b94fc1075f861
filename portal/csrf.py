"""CSRF protection that works with Referrer-Policy: no-referrer on the board pages.

Under no-referrer, browsers send `Origin: null` with a form's POST, which Django's CSRF check
refuses. The browser also says where the request came from in Sec-Fetch-Site, a header no page
can set: when that says same-origin, the null origin is read as our own, before Django's
CsrfViewMiddleware looks. The CSRF token is checked as before in every case.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class SameOriginNullOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        ):
            request.META["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
