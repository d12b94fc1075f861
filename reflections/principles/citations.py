"""What a line of a principle rests on, as the published page names it: "KL, Tema 2, hovedpointe 3".

Labels are always Danish, like the content they name (the published page is lang="da").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils import translation
from django.utils.text import Truncator

from values.models import Item

from ..models import Answer


def item_ordinals(items: Iterable[Item]) -> dict[int, int]:
    """Each item's place among its theme's items of the same kind (1, 2, 3 …), in one query."""
    items = list(items)
    themes = {item.theme_id for item in items}
    kinds = {item.kind for item in items}
    if not items:
        return {}
    counters: dict[tuple[int, str], int] = defaultdict(int)
    ordinals = {}
    siblings = (
        Item.objects.filter(theme_id__in=themes, kind__in=kinds)
        .order_by("theme_id", "position", "pk")
        .values_list("pk", "theme_id", "kind")
    )
    for pk, theme_id, kind in siblings:
        counters[theme_id, kind] += 1
        ordinals[pk] = counters[theme_id, kind]
    return ordinals


# What a citation calls an item: a noun, where the kind's name is a heading ("Det kan vi se, når").
CITED_AS = {
    Item.Kind.INDICATOR: "indikator",
    Item.Kind.MEANING: "betydning",
    Item.Kind.MAIN_POINT: "hovedpunkt",
    Item.Kind.PROPOSAL: "forslag",
}


def item_label(item: Item, ordinal: int | None) -> str:
    """Needs item.theme.framework.publisher loaded (select_related)."""
    theme = item.theme
    with translation.override("da"):
        kind = CITED_AS.get(item.kind) or str(item.get_kind_display()).lower()
    theme_part = f"{theme.framework.theme_label} {theme.number}" if theme.number else theme.title
    number = item.number or (str(ordinal) if ordinal else "")
    parts = (theme.framework.publisher.name, theme_part, f"{kind} {number}".strip())
    return ", ".join(part for part in parts if part)


def item_url(item: Item) -> str:
    """The item on its theme's public page. Needs item.theme.framework loaded."""
    return f"{item.theme.get_absolute_url()}#punkt-{item.pk}"


def answer_label(answer: Answer) -> str:
    """An agreed answer by its question; never a name (the answer is the board's, not a member's).
    Needs answer.question loaded."""
    question = Truncator(answer.question.text).chars(90)
    return f"Bestyrelsens drøftelse af “{question}”"


def items_with_theme():
    return Item.objects.select_related("theme__framework__publisher")
