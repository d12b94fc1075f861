"""What every answer under /api/ shares, whichever view made it.

- No cookies and no session: the request's cookies are set aside before any other middleware
  sees them (so no session is read, no CSRF token made, no preview of drafts switched on), and
  any Set-Cookie or `Vary: Cookie` is dropped on the way out.
- Danish, always: the API's labels and messages do not depend on the client's language.
- Errors as JSON: a 404 for an unknown address, a 405 for a POST and a 500 come from Django as
  HTML; here they become `{"detail": "…"}`.
- Other sites' pages read the answers through CORS (django-cors-headers, settings.CORS_*);
  Cross-Origin-Resource-Policy stays same-origin, as everywhere: it only governs no-cors loads
  (an <img> or <script> pointing here), which the API is not for.

Sits above SessionMiddleware, CsrfViewMiddleware and LocaleMiddleware in MIDDLEWARE, so that it
sees the request before them and the response after them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"
COOKIELESS_PREFIXES = (API_PREFIX, "/embed/")

MESSAGES = {
    400: "Ugyldig forespørgsel.",
    403: "Adgang nægtet.",
    404: "Findes ikke, eller er ikke offentliggjort.",
    405: "API’et kan kun læses: brug GET.",
    500: "Serverfejl. Prøv igen om lidt.",
}


def _without_vary(response: HttpResponse, drop: set[str]) -> None:
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() not in drop]
    if kept != vary:
        del response["Vary"]
        if kept:
            patch_vary_headers(response, kept)


class CookielessMiddleware:
    """No cookies in or out for the API and the embeds; JSON errors for the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(COOKIELESS_PREFIXES):
            return self.get_response(request)
        request.COOKIES = {}
        request.META.pop("HTTP_COOKIE", None)
        is_api = request.path.startswith(API_PREFIX)
        if is_api:
            request.META["HTTP_ACCEPT_LANGUAGE"] = "da"
        response = self.get_response(request)
        response.cookies.clear()
        _without_vary(response, {"cookie", "accept-language"} if is_api else {"cookie"})
        if is_api:
            response = _as_json_error(response)
        return response


def _as_json_error(response: HttpResponse) -> HttpResponse:
    if response.status_code < 400 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    status = response.status_code
    detail = MESSAGES.get(status) or MESSAGES[500 if status >= 500 else 400]
    answer = JsonResponse(
        {"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for header, value in response.items():  # Allow, security headers …: all but the body's own
        if header.lower() not in {"content-type", "content-length"}:
            answer[header] = value
    return answer
