"""The secret links – the board's, the chair's, a member's own – exchanged for a session."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from .. import services, sessions
from ..access import private
from ..models import BoardSpace, Participant, hash_token


def _open_link(request: HttpRequest, token: str, *, chair: bool) -> HttpResponse:
    hashed = hash_token(token)
    if chair:  # the chair's link or the co-chair's
        found = Q(chair_token_hash=hashed) | Q(cochair_token_hash=hashed)
    else:
        found = Q(member_token_hash=hashed)
    space = BoardSpace.objects.filter(found).first()
    if space is None:
        raise Http404
    request.session.cycle_key()
    sessions.forget_if_stale(request, space)
    sessions.grant(request, space, chair=chair, chair_hash=hashed if chair else "")
    services.touch_space(space)
    # Redirect so the token leaves the address bar, the history and any Referer header: to the
    # board's only worksheet while it has one, else to the space with all of them.
    only = space.worksheets.values_list("key", flat=True)[:2]
    if len(only) == 1:
        return redirect("reflections:worksheet", only[0])
    return redirect("reflections:space", space.key)


@private
@require_GET
def personal_link(request: HttpRequest, token: str) -> HttpResponse:
    """One member's own link: the member link's access, and their name and answers, on any
    device. It keeps working when the member link is renewed, until the chair removes them."""
    participant = (
        Participant.objects.filter(token_hash=hash_token(token))
        .select_related("worksheet__space")
        .first()
    )
    if participant is None:
        raise Http404
    request.session.cycle_key()
    sessions.forget_if_stale(request, participant.worksheet.space)
    sessions.grant(request, participant.worksheet.space, chair=False)
    sessions.remember_participant(request, participant.worksheet, participant)
    services.touch(participant.worksheet)
    return redirect("reflections:worksheet", participant.worksheet.key)


@private
@require_GET
def member_link(request: HttpRequest, token: str) -> HttpResponse:
    return _open_link(request, token, chair=False)


@private
@require_GET
def chair_link(request: HttpRequest, token: str) -> HttpResponse:
    return _open_link(request, token, chair=True)
