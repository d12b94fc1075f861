"""What a visitor's session remembers about the worksheets they opened.

Per worksheet key: the hashes of the links they opened (compared with the worksheet's current
ones by reflections.access on every request), who they are on the board and the name they gave.
Besides that, the links of a new or rotated worksheet wait here to be shown once.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from .models import Participant, Worksheet

SESSION_KEY = "reflections"
MEMBER_LINK_HASH = "member_link_hash"
CHAIR_LINK_HASH = "chair_link_hash"
PARTICIPANT_ID = "participant_id"
DISPLAY_NAME = "display_name"

NEW_LINKS_KEY = "reflections_new_links"


def entries(request: HttpRequest) -> dict[str, dict]:
    return request.session.get(SESSION_KEY, {})


def _update(request: HttpRequest, worksheet_key: str, **values) -> None:
    found = entries(request)
    found[worksheet_key] = {**found.get(worksheet_key, {}), **values}
    request.session[SESSION_KEY] = found


def grant(request: HttpRequest, worksheet: Worksheet, *, chair: bool) -> None:
    """Remember that this visitor opened the member (or chair) link."""
    values = {MEMBER_LINK_HASH: worksheet.member_token_hash}
    if chair:
        values[CHAIR_LINK_HASH] = worksheet.chair_token_hash
    _update(request, worksheet.key, **values)


def remember_participant(request: HttpRequest, worksheet: Worksheet, participant: Participant):
    _update(
        request,
        worksheet.key,
        **{PARTICIPANT_ID: participant.pk, DISPLAY_NAME: participant.display_name},
    )


def display_name(request: HttpRequest, worksheet_key: str) -> str:
    return entries(request).get(worksheet_key, {}).get(DISPLAY_NAME, "")


def forget(request: HttpRequest, worksheet_key: str) -> None:
    found = entries(request)
    if found.pop(worksheet_key, None) is not None:
        request.session[SESSION_KEY] = found


def show_links_once(request: HttpRequest, worksheet: Worksheet, *, member="", chair="") -> None:
    """Tokens are stored hashed, so a new link can be shown exactly once: on the next page."""
    links = request.session.get(NEW_LINKS_KEY, {})
    entry = links.get(worksheet.key, {})
    if member:
        entry["member"] = request.build_absolute_uri(
            reverse("reflections:member_link", args=[member])
        )
    if chair:
        entry["chair"] = request.build_absolute_uri(reverse("reflections:chair_link", args=[chair]))
    links[worksheet.key] = entry
    request.session[NEW_LINKS_KEY] = links


def take_new_links(request: HttpRequest, worksheet_key: str) -> dict[str, str]:
    """The links waiting to be shown for this worksheet, removed from the session."""
    links = request.session.get(NEW_LINKS_KEY, {})
    fresh = links.pop(worksheet_key, None)
    if fresh is not None:
        request.session[NEW_LINKS_KEY] = links
    return fresh or {}
