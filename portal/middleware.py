"""Small middleware the portal needs that Django and the libraries don't provide."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict

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


class SecurityHeadersMiddleware:
    """The security headers Django has no setting for, on every response.

    Cross-Origin-Resource-Policy: same-origin; Permissions-Policy (settings.PERMISSIONS_POLICY);
    and on board pages Referrer-Policy: no-referrer, so no address under /arbejdsark/ (whose
    worksheet keys are private) ever leaves in a Referer header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(BOARD_PATH_PREFIX):
            response.headers["Referrer-Policy"] = "no-referrer"
        return response


class NulCharacterMiddleware:
    """NUL characters never reach a view: dropped from the query, refused in the address.

    No page has a use for one, and PostgreSQL refuses NUL in any text it is asked to compare, so
    an admin filter or a search with %00 would otherwise end in a server error. In the query they
    are dropped (a pasted search still finds what the rest of it says); a NUL in the address
    itself answers 400 with the Danish error page. Form fields refuse NUL on their own (Django's
    ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise BadRequest("NUL character in the address")
        if any("\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()):
            request.GET = _without_nul(request.GET)
        return self.get_response(request)


def _without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned
