"""The one way into a board's worksheet.

Opening a secret link stores the hash of its token in the visitor's session; every later request
compares that hash with the worksheet's current one. Rotating a link changes the stored hash, so
sessions opened with an old link lose access at once. Anything that doesn't match is answered with
the same 404 as a missing page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from hmac import compare_digest

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from .models import Participant, Worksheet, WorksheetQuestion

SESSION_KEY = "reflections"


@dataclass(frozen=True)
class Access:
    worksheet: Worksheet
    is_chair: bool
    participant_id: int | None


def _entries(request: HttpRequest) -> dict:
    return request.session.get(SESSION_KEY, {})


def grant(request: HttpRequest, worksheet: Worksheet, *, chair: bool) -> None:
    """Remember in the session that this visitor opened the member (or chair) link."""
    entries = _entries(request)
    entry = dict(entries.get(worksheet.key, {}))
    entry["m"] = worksheet.member_token_hash
    if chair:
        entry["c"] = worksheet.chair_token_hash
    entries[worksheet.key] = entry
    request.session[SESSION_KEY] = entries


def remember_participant(request: HttpRequest, worksheet: Worksheet, participant: Participant):
    entries = _entries(request)
    entries[worksheet.key] = {**entries.get(worksheet.key, {}), "p": participant.pk}
    request.session[SESSION_KEY] = entries


def forget(request: HttpRequest, key: str) -> None:
    entries = _entries(request)
    if entries.pop(key, None) is not None:
        request.session[SESSION_KEY] = entries


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
    entry = _entries(request).get(key)
    if not entry:  # never opened a link to this worksheet: not even a query
        raise Http404
    return entry


def _checked(entry: dict, worksheet: Worksheet, *, chair: bool) -> Access:
    is_chair = _matches(entry.get("c"), worksheet.chair_token_hash)
    is_member = is_chair or _matches(entry.get("m"), worksheet.member_token_hash)
    if not is_member or (chair and not is_chair):
        raise Http404
    return Access(worksheet, is_chair, entry.get("p"))


def worksheets_in_session(request: HttpRequest) -> list[Worksheet]:
    """The worksheets this browser may still open (for the landing page)."""
    entries = _entries(request)
    if not entries:
        return []
    found = Worksheet.objects.filter(key__in=list(entries)).only(
        "key", "title", "school_name", "board_name", "member_token_hash", "chair_token_hash"
    )
    return [
        ws
        for ws in found
        if _matches(entries[ws.key].get("c"), ws.chair_token_hash)
        or _matches(entries[ws.key].get("m"), ws.member_token_hash)
    ]


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
