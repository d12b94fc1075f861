"""What a visitor's session remembers about the boards they work with.

Per board space key: the hashes of the links they opened (compared with the space's current ones
by reflections.access on every request). Per worksheet key: who they are on that worksheet and
the name they gave. Besides that, the links of a new or renewed space wait here to be shown once.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import import_module

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .models import BoardSpace, Participant, Worksheet

SPACES_KEY = "board_spaces"
SESSION_KEY = "reflections"
MEMBER_LINK_HASH = "member_link_hash"
CHAIR_LINK_HASH = "chair_link_hash"
PARTICIPANT_ID = "participant_id"
DISPLAY_NAME = "display_name"

NEW_LINKS_KEY = "reflections_new_links"


def space_entries(request: HttpRequest) -> dict[str, dict]:
    """The link hashes per space this visitor opened."""
    return request.session.get(SPACES_KEY, {})


def entries(request: HttpRequest) -> dict[str, dict]:
    """Who the visitor is per worksheet: participant id and name."""
    return request.session.get(SESSION_KEY, {})


def _update(request: HttpRequest, section: str, key: str, **values) -> None:
    found = request.session.get(section, {})
    found[key] = {**found.get(key, {}), **values}
    request.session[section] = found


def grant(request: HttpRequest, space: BoardSpace, *, chair: bool, chair_hash: str = "") -> None:
    """Remember that this visitor opened the member (or chair, or co-chair: `chair_hash`) link."""
    values = {MEMBER_LINK_HASH: space.member_token_hash}
    if chair:
        values[CHAIR_LINK_HASH] = chair_hash or space.chair_token_hash
    _update(request, SPACES_KEY, space.key, **values)


def remember_participant(request: HttpRequest, worksheet: Worksheet, participant: Participant):
    _update(
        request,
        SESSION_KEY,
        worksheet.key,
        **{PARTICIPANT_ID: participant.pk, DISPLAY_NAME: participant.display_name},
    )


def participant_id(request: HttpRequest, worksheet_key: str) -> int | None:
    return entries(request).get(worksheet_key, {}).get(PARTICIPANT_ID)


def display_name(request: HttpRequest, worksheet_key: str) -> str:
    return entries(request).get(worksheet_key, {}).get(DISPLAY_NAME, "")


def forget(
    request: HttpRequest, *, space_key: str = "", worksheet_keys: Collection[str] = ()
) -> None:
    """This session forgets a space (its link hashes and links waiting) and worksheets (the
    visitor's name on them)."""
    for section, keys in (
        (SPACES_KEY, [space_key]),
        (NEW_LINKS_KEY, [space_key]),
        (SESSION_KEY, worksheet_keys),
        (ROUND_LINKS_KEY, worksheet_keys),
    ):
        found = request.session.get(section, {})
        if any([found.pop(key, None) is not None for key in keys if key]):
            request.session[section] = found


LINK_VIEWS = {
    "member": "reflections:member_link",
    "chair": "reflections:chair_link",
    "cochair": "reflections:chair_link",
    "personal": "reflections:personal_link",
}


def show_links_once(request: HttpRequest, space: BoardSpace, **tokens: str) -> None:
    """Tokens are stored hashed, so a new link can be shown exactly once: on the next page.

    `tokens` by kind: member, chair, cochair (a second chair link) or personal (one member's).
    """
    links = request.session.get(NEW_LINKS_KEY, {})
    entry = links.get(space.key, {})
    for kind, token in tokens.items():
        if token:
            url = reverse(LINK_VIEWS[kind], args=[token])
            entry[kind] = request.build_absolute_uri(url)
    links[space.key] = entry
    request.session[NEW_LINKS_KEY] = links


def forget_if_stale(request: HttpRequest, space: BoardSpace) -> None:
    """Before a link is opened: drop what an earlier, since renewed link left in the session."""
    from .access import role_of  # access builds on this module

    entry = space_entries(request).get(space.key)
    if entry and role_of(entry, space) is None:
        forget(request, space_key=space.key)


def step_down(request: HttpRequest, space: BoardSpace) -> None:
    """After handing over the chair role: this visitor stays on the board as a member."""
    found = space_entries(request)
    entry = found.get(space.key, {})
    entry.pop(CHAIR_LINK_HASH, None)
    entry[MEMBER_LINK_HASH] = space.member_token_hash
    found[space.key] = entry
    request.session[SPACES_KEY] = found


def take_new_links(request: HttpRequest, space_key: str) -> dict[str, str]:
    """The links waiting to be shown for this space, removed from the session."""
    links = request.session.get(NEW_LINKS_KEY, {})
    fresh = links.pop(space_key, None)
    if fresh is not None:
        request.session[NEW_LINKS_KEY] = links
    return fresh or {}


def forget_everywhere(worksheet_keys: Collection[str], space_keys: Collection[str] = ()) -> int:
    """Remove these worksheets (members' names) and spaces (link hashes, links waiting) from
    every stored session.

    Deleted work must leave nothing behind, and members' names sit in each member's session.
    Sessions are signed blobs the database cannot search, so every stored session is read;
    deleting is rare (a chair, the daily retention run, an erasure request). Returns how many
    sessions changed.
    """
    drop = {SESSION_KEY: set(worksheet_keys), SPACES_KEY: set(space_keys)}
    drop[NEW_LINKS_KEY] = drop[SPACES_KEY]
    drop[ROUND_LINKS_KEY] = drop[SESSION_KEY]
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not any(drop.values()) or not hasattr(store_class, "get_model_class"):
        return 0
    changed = 0
    for row in store_class.get_model_class().objects.iterator():
        store = store_class()
        data = store.decode(row.session_data)
        if _drop(data, drop):
            row.session_data = store.encode(data)
            row.save(update_fields=["session_data"])
            changed += 1
    return changed


def _drop(data: dict, drop: dict[str, set[str]]) -> bool:
    dropped = False
    for section, keys in drop.items():
        found = data.get(section)
        if isinstance(found, dict) and keys & found.keys():
            data[section] = {key: value for key, value in found.items() if key not in keys}
            dropped = True
    return dropped


# A round's new answering link waits, per worksheet key, for the rounds' page.
ROUND_LINKS_KEY = "reflections_round_links"


def show_round_link_once(request: HttpRequest, worksheet: Worksheet, round_id: int, token: str):
    """A round's new answering link, shown once on the worksheet's rounds page."""
    links = request.session.get(ROUND_LINKS_KEY, {})
    url = request.build_absolute_uri(reverse("reflections:round_answer", args=[token]))
    links[worksheet.key] = {**links.get(worksheet.key, {}), str(round_id): url}
    request.session[ROUND_LINKS_KEY] = links


def take_round_links(request: HttpRequest, worksheet_key: str) -> dict[int, str]:
    """The rounds' new links waiting for this worksheet (by round id), removed from the session."""
    links = request.session.get(ROUND_LINKS_KEY, {})
    fresh = links.pop(worksheet_key, None)
    if fresh is None:
        return {}
    request.session[ROUND_LINKS_KEY] = links
    return {int(pk): url for pk, url in fresh.items()}
