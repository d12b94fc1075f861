"""The one way into a board's worksheet.

Opening a secret link stores the hash of its token in the visitor's session (reflections.sessions);
every later request compares that hash with the worksheet's current one. Rotating a link changes
the stored hash, so sessions opened with an old link lose access at once. Anything that doesn't
match is answered with the same 404 as a missing page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from hmac import compare_digest

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from . import sessions
from .models import Worksheet, WorksheetQuestion


@dataclass(frozen=True)
class Access:
    worksheet: Worksheet
    is_chair: bool
    participant_id: int | None


def _matches(stored: str | None, current: str) -> bool:
    return bool(stored) and compare_digest(stored, current)


def access_for(request: HttpRequest, key: str, *, chair: bool = False) -> Access:
    """The visitor's access to worksheet `key`, or Http404 – for every worksheet URL."""
    entry = _entry(request, key)
    return _checked(entry, get_object_or_404(Worksheet, key=key), chair=chair)


def question_for(
    request: HttpRequest, key: str, question_id: int
) -> tuple[Access, WorksheetQuestion]:
    """access_for(request, key) and one of that worksheet's questions, or Http404."""
    access = access_for(request, key)
    question = get_object_or_404(
        WorksheetQuestion, pk=question_id, worksheet_id=access.worksheet.pk
    )
    question.worksheet = access.worksheet  # known already: no query when a view needs it
    return access, question


def _entry(request: HttpRequest, key: str) -> dict:
    entry = sessions.entries(request).get(key)
    if not entry:  # never opened a link to this worksheet: not even a query
        raise Http404
    return entry


def _opened_chair_link(entry: dict, worksheet: Worksheet) -> bool:
    return _matches(entry.get(sessions.CHAIR_LINK_HASH), worksheet.chair_token_hash)


def _opened_a_link(entry: dict, worksheet: Worksheet) -> bool:
    return _opened_chair_link(entry, worksheet) or _matches(
        entry.get(sessions.MEMBER_LINK_HASH), worksheet.member_token_hash
    )


def _checked(entry: dict, worksheet: Worksheet, *, chair: bool) -> Access:
    is_chair = _opened_chair_link(entry, worksheet)
    if not _opened_a_link(entry, worksheet) or (chair and not is_chair):
        raise Http404
    return Access(worksheet, is_chair, entry.get(sessions.PARTICIPANT_ID))


def worksheets_in_session(request: HttpRequest) -> list[Worksheet]:
    """The worksheets this browser may still open (for the landing page)."""
    entries = sessions.entries(request)
    if not entries:
        return []
    found = Worksheet.objects.filter(key__in=list(entries)).only(
        "key", "title", "school_name", "board_name", "member_token_hash", "chair_token_hash"
    )
    return [ws for ws in found if _opened_a_link(entries[ws.key], ws)]


def private(view):
    """Board pages: never cached, never indexed."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper
