"""The one way into a board's space and everything in it: worksheets, principles.

Opening a secret link stores the hash of its token in the visitor's session (reflections.sessions);
every later request compares that hash with the board space's current one. Rotating a link
changes the stored hash, so sessions opened with an old link lose access at once – a session that
opened an old chair link loses member access too. Anything that doesn't match is answered with
the same 404 as a missing page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from hmac import compare_digest

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from . import sessions
from .models import AgreedBy, BoardSpace, Participant, Worksheet, WorksheetQuestion


class StaleLink(Http404):
    """The visitor opened a link to this worksheet that has since been renewed: no access at all,
    but a page that saves while someone types may say why (reflections.views.autosave)."""


class Role:
    CHAIR = "chair"
    COCHAIR = "cochair"
    MEMBER = "member"


@dataclass(frozen=True)
class SpaceAccess:
    space: BoardSpace
    role: str

    @property
    def is_chair(self) -> bool:
        """The chair or the co-chair: both may start work, renew links and delete."""
        return self.role in (Role.CHAIR, Role.COCHAIR)


@dataclass(frozen=True)
class Access:
    worksheet: Worksheet
    role: str
    participant_id: int | None
    # The session named a participant the chair has since removed or merged into another.
    participant_removed: bool = False

    @property
    def is_chair(self) -> bool:
        """The chair or the co-chair: both may mark done, renew links and delete."""
        return self.role in (Role.CHAIR, Role.COCHAIR)

    @property
    def writes_agreed(self) -> bool:
        """Whether this visitor may write the board's agreed answer (the chair decides)."""
        return self.is_chair or self.worksheet.agreed_by == AgreedBy.EVERYONE


def _matches(stored: str | None, current: str | None) -> bool:
    return bool(stored) and bool(current) and compare_digest(stored, current)


def space_access_for(request: HttpRequest, key: str, *, chair: bool = False) -> SpaceAccess:
    """The visitor's access to board space `key`, or Http404 – for every space URL."""
    entry = sessions.space_entries(request).get(key)
    if not entry:  # never opened a link to this space: not even a query
        raise Http404
    space = get_object_or_404(BoardSpace, key=key)
    return SpaceAccess(space, _role(entry, space, chair=chair))


def access_for(request: HttpRequest, key: str, *, chair: bool = False) -> Access:
    """The visitor's access to worksheet `key` (through its space's links), or Http404 – for
    every worksheet URL."""
    spaces = sessions.space_entries(request)
    if not spaces:  # never opened a board's link: not even a query
        raise Http404
    worksheets = Worksheet.objects.select_related("space")
    participant_id = sessions.participant_id(request, key)
    if participant_id:  # in the same query: is the visitor still a participant?
        worksheets = worksheets.annotate(
            has_participant=Exists(
                Participant.objects.filter(pk=participant_id, worksheet=OuterRef("pk"))
            )
        )
    worksheet = get_object_or_404(worksheets, key=key)
    entry = spaces.get(worksheet.space.key)
    if not entry:
        raise Http404
    role = _role(entry, worksheet.space, chair=chair)
    removed = bool(participant_id) and not getattr(worksheet, "has_participant", False)
    return Access(worksheet, role, None if removed else participant_id, removed)


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


def role_of(entry: dict, space: BoardSpace) -> str | None:
    """The role the links this session opened still give, or None when one was renewed.

    A session that opened a chair (or co-chair) link keeps nothing once that link is renewed –
    not even member access: a leaked chair link must lose the whole space.
    """
    chair_hash = entry.get(sessions.CHAIR_LINK_HASH)
    if chair_hash:
        if _matches(chair_hash, space.chair_token_hash):
            return Role.CHAIR
        if _matches(chair_hash, space.cochair_token_hash):
            return Role.COCHAIR
        return None
    if _matches(entry.get(sessions.MEMBER_LINK_HASH), space.member_token_hash):
        return Role.MEMBER
    return None


def _role(entry: dict, space: BoardSpace, *, chair: bool) -> str:
    role = role_of(entry, space)
    if role is None:
        raise StaleLink
    if chair and role == Role.MEMBER:
        raise Http404
    return role


def spaces_in_session(request: HttpRequest) -> list[BoardSpace]:
    """The board spaces this browser may still open (for the landing page)."""
    entries = sessions.space_entries(request)
    if not entries:
        return []
    found = (
        BoardSpace.objects.filter(key__in=list(entries))
        .only(
            "key",
            "school_name",
            "board_name",
            "member_token_hash",
            "chair_token_hash",
            "cochair_token_hash",
        )
        .prefetch_related(
            Prefetch("worksheets", queryset=Worksheet.objects.only("key", "title", "space_id"))
        )
    )
    return [space for space in found if role_of(entries[space.key], space)]


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
