"""The secret links: a member's and the chair's, exchanged for a session at once."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from .. import services, sessions
from ..access import private
from ..models import Worksheet, hash_token


def _open_link(request: HttpRequest, token: str, *, chair: bool) -> HttpResponse:
    field = "chair_token_hash" if chair else "member_token_hash"
    worksheet = Worksheet.objects.filter(**{field: hash_token(token)}).first()
    if worksheet is None:
        raise Http404
    request.session.cycle_key()
    sessions.grant(request, worksheet, chair=chair)
    services.touch(worksheet)
    # Redirect so the token leaves the address bar, the history and any Referer header.
    return redirect("reflections:worksheet", worksheet.key)


@private
@require_GET
def member_link(request: HttpRequest, token: str) -> HttpResponse:
    return _open_link(request, token, chair=False)


@private
@require_GET
def chair_link(request: HttpRequest, token: str) -> HttpResponse:
    return _open_link(request, token, chair=True)
