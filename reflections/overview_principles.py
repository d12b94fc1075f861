"""The principles in the municipality's overview (reflections.overview): per school and theme,
whether the board has approved a principle and whether it has published it.

Counts and dates only – never a principle's title, text or who wrote it. A principle counts for
the school its board's space is linked to, and for the themes its worksheet holds questions or
items of. The date is the day the board approved the version: the latest approved one, or the
one it published. One query, however many schools and principles.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from values.models import Publisher

from .models import Principle, PrincipleVersion

# After the worksheet's own statuses (reflections.overview): a principle is further than a
# worksheet marked done.
PRINCIPLE_APPROVED, PRINCIPLE_PUBLISHED = 4, 5


def principle_rows(municipality: Publisher):
    """(school id, theme id, latest approval date, published version's approval date) for every
    approved principle of the municipality's schools, once per theme its worksheet touches."""
    latest = PrincipleVersion.objects.filter(principle=OuterRef("pk")).order_by("-number")
    return (
        Principle.objects.filter(space__school__municipality=municipality)
        .annotate(approved_on=Subquery(latest.values("approved_on")[:1]))
        .filter(approved_on__isnull=False)
        .annotate(
            theme_id=Coalesce(
                "worksheet__questions__source_question__theme_id",
                "worksheet__questions__source_item__theme_id",
            )
        )
        .filter(theme_id__isnull=False)
        .order_by()
        .values_list(
            "space__school_id", "theme_id", "approved_on", "published_version__approved_on"
        )
        .distinct()
    )


def add_principles(overview) -> None:
    """Raise each cell of `overview` to approved / published where the board got that far."""
    for school_id, theme_id, approved_on, published_on in principle_rows(overview.municipality):
        cell = overview.cell_for(school_id, theme_id)
        if published_on:
            cell.update(PRINCIPLE_PUBLISHED, published_on)
        else:
            cell.update(PRINCIPLE_APPROVED, approved_on)


def principle_totals(overview, min_boards: int) -> list[tuple[object, int | None, int | None]]:
    """Per theme: how many boards have approved a principle and how many have published one
    (a published one was approved too); None where the figure describes fewer than
    `min_boards` boards. From the cells already counted: no query."""
    approved: Counter[int] = Counter()
    published: Counter[int] = Counter()
    for (_school_id, theme_id), cell in overview.cells.items():
        approved[theme_id] += cell.status >= PRINCIPLE_APPROVED
        published[theme_id] += cell.status >= PRINCIPLE_PUBLISHED

    def shown(count: int) -> int | None:
        return count if count >= min_boards else None

    return [(t, shown(approved[t.pk]), shown(published[t.pk])) for t in overview.themes]
