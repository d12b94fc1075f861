"""The visitor's own collection of questions ("Tilføj til arbejdsark"), kept in the session."""

from __future__ import annotations

import re

from django.http import HttpRequest

from values import visibility
from values.models import Item, ReflectionQuestion

from .services import Pick

SESSION_KEY = "worksheet_picks"
MAX_PICKS = 60
KEY_PATTERN = re.compile(r"^(q|i)-([1-9]\d{0,17})$")
PREFIXES = {"reflectionquestion": "q", "item": "i"}


def key_for(obj: ReflectionQuestion | Item) -> str:
    """ "q-12" or "i-30001" – from the object itself, without a query."""
    return f"{PREFIXES[obj._meta.model_name]}-{obj.pk}"


def parse(key: str) -> tuple[str, int] | None:
    match = KEY_PATTERN.match(key or "")
    return (match.group(1), int(match.group(2))) if match else None


def keys(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def store(request: HttpRequest, picked: list[str]) -> None:
    request.session[SESSION_KEY] = picked[:MAX_PICKS]


def _collectable(request: HttpRequest, prefix: str):
    """What a visitor may collect: visible reflection questions, and visible items of the kinds
    that can go on a worksheet (Item.can_go_on_worksheet), whatever a hand-made form sends."""
    if prefix == "q":
        return visibility.questions_for(request)
    return visibility.items_for(request).for_worksheets()


def exists(request: HttpRequest, key: str) -> bool:
    parsed = parse(key)
    if not parsed:
        return False
    prefix, pk = parsed
    return _collectable(request, prefix).filter(pk=pk).exists()


def resolve(request: HttpRequest, picked: list[str]) -> list[tuple[str, Pick]]:
    """The picks that are still published, in the visitor's order (two queries)."""
    wanted = {"q": [], "i": []}
    for key in picked:
        parsed = parse(key)
        if parsed:
            wanted[parsed[0]].append(parsed[1])
    related = "theme__framework__publisher"
    found = {}
    for prefix, pks in wanted.items():
        if pks:
            for obj in _collectable(request, prefix).filter(pk__in=pks).select_related(related):
                found[key_for(obj)] = obj
    return [(key, Pick(found[key])) for key in picked if key in found]


def move(picked: list[str], key: str, offset: int) -> list[str]:
    if key not in picked:
        return picked
    index = picked.index(key)
    target = index + offset
    if 0 <= target < len(picked):
        picked[index], picked[target] = picked[target], picked[index]
    return picked
