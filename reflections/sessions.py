"""What a visitor's session remembers about the worksheets they opened.

Per worksheet key: the hashes of the links they opened (compared with the worksheet's current
ones by reflections.access on every request), who they are on the board and the name they gave.
Besides that, the links of a new or rotated worksheet wait here to be shown once.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import import_module

from django.conf import settings
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


def grant(request: HttpRequest, worksheet: Worksheet, *, chair: bool, chair_hash: str = "") -> None:
    """Remember that this visitor opened the member (or chair, or co-chair: `chair_hash`) link."""
    values = {MEMBER_LINK_HASH: worksheet.member_token_hash}
    if chair:
        values[CHAIR_LINK_HASH] = chair_hash or worksheet.chair_token_hash
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
    """This session forgets the worksheet: its link hashes, name and any links waiting."""
    for section in (SESSION_KEY, NEW_LINKS_KEY):
        found = request.session.get(section, {})
        if found.pop(worksheet_key, None) is not None:
            request.session[section] = found


LINK_VIEWS = {
    "member": "reflections:member_link",
    "chair": "reflections:chair_link",
    "cochair": "reflections:chair_link",
    "personal": "reflections:personal_link",
}


def show_links_once(request: HttpRequest, worksheet: Worksheet, **tokens: str) -> None:
    """Tokens are stored hashed, so a new link can be shown exactly once: on the next page.

    `tokens` by kind: member, chair, cochair (a second chair link) or personal (one member's).
    """
    links = request.session.get(NEW_LINKS_KEY, {})
    entry = links.get(worksheet.key, {})
    for kind, token in tokens.items():
        if token:
            url = reverse(LINK_VIEWS[kind], args=[token])
            entry[kind] = request.build_absolute_uri(url)
    links[worksheet.key] = entry
    request.session[NEW_LINKS_KEY] = links


def forget_if_stale(request: HttpRequest, worksheet: Worksheet) -> None:
    """Before a link is opened: drop what an earlier, since renewed link left in the session."""
    from .access import role_of  # access builds on this module

    entry = entries(request).get(worksheet.key)
    if entry and role_of(entry, worksheet) is None:
        forget(request, worksheet.key)


def step_down(request: HttpRequest, worksheet: Worksheet) -> None:
    """After handing over the chair role: this visitor stays on the board as a member."""
    found = entries(request)
    entry = found.get(worksheet.key, {})
    entry.pop(CHAIR_LINK_HASH, None)
    entry[MEMBER_LINK_HASH] = worksheet.member_token_hash
    found[worksheet.key] = entry
    request.session[SESSION_KEY] = found


def take_new_links(request: HttpRequest, worksheet_key: str) -> dict[str, str]:
    """The links waiting to be shown for this worksheet, removed from the session."""
    links = request.session.get(NEW_LINKS_KEY, {})
    fresh = links.pop(worksheet_key, None)
    if fresh is not None:
        rounds = fresh.pop(ROUND_LINKS, None)
        if rounds:  # they wait for the rounds' own page
            links[worksheet_key] = {ROUND_LINKS: rounds}
        request.session[NEW_LINKS_KEY] = links
    return fresh or {}


def forget_everywhere(worksheet_keys: Collection[str]) -> int:
    """Remove these worksheets from every stored session (link hashes, names, waiting links).

    A deleted worksheet must leave nothing behind, and its members' names sit in each member's
    session. Sessions are signed blobs the database cannot search, so every stored session is
    read; deleting is rare (a chair, the daily retention run, an erasure request). Returns how
    many sessions changed.
    """
    keys = set(worksheet_keys)
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not keys or not hasattr(store_class, "get_model_class"):
        return 0
    changed = 0
    for row in store_class.get_model_class().objects.iterator():
        store = store_class()
        data = store.decode(row.session_data)
        if _drop_worksheets(data, keys):
            row.session_data = store.encode(data)
            row.save(update_fields=["session_data"])
            changed += 1
    return changed


def _drop_worksheets(data: dict, keys: set[str]) -> bool:
    dropped = False
    for section in (SESSION_KEY, NEW_LINKS_KEY):
        found = data.get(section)
        if isinstance(found, dict) and keys & found.keys():
            data[section] = {key: value for key, value in found.items() if key not in keys}
            dropped = True
    return dropped


ROUND_LINKS = "rounds"


def show_round_link_once(request: HttpRequest, worksheet: Worksheet, round_id: int, token: str):
    """A round's new answering link, waiting with the worksheet's other new links."""
    links = request.session.get(NEW_LINKS_KEY, {})
    entry = links.get(worksheet.key, {})
    url = request.build_absolute_uri(reverse("reflections:round_answer", args=[token]))
    entry[ROUND_LINKS] = {**entry.get(ROUND_LINKS, {}), str(round_id): url}
    links[worksheet.key] = entry
    request.session[NEW_LINKS_KEY] = links


def take_round_links(request: HttpRequest, worksheet_key: str) -> dict[int, str]:
    """The rounds' new links waiting for this worksheet (by round id), removed from the session."""
    links = request.session.get(NEW_LINKS_KEY, {})
    entry = links.get(worksheet_key, {})
    fresh = entry.pop(ROUND_LINKS, None)
    if fresh is None:
        return {}
    if entry:
        links[worksheet_key] = entry
    else:
        links.pop(worksheet_key)
    request.session[NEW_LINKS_KEY] = links
    return {int(pk): url for pk, url in fresh.items()}
