"""Searching: the visible entries that match a query, best first, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString

from ..models import Framework, SearchEntry
from . import postgres, sqlite
from .highlight import highlight
from .query import Query

# Hits on a page of the portal's search: what a reader scans before refining the words, as on
# borger.dk. Excerpts are built only for the hits shown, so this sets the page's cost too (thirty
# took three times as long to build). The API keeps its own page size.
RESULT_LIMIT = 10
SNIPPET_LENGTH = 320


@dataclass
class Hit:
    entry: SearchEntry
    url: str
    title: SafeString | str
    snippet: SafeString | str

    @property
    def obj(self):
        return self.entry.item or self.entry.question

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass
class HitGroup:
    framework: Framework
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: Query
    groups: list[HitGroup]
    count: int
    truncated: bool
    page: int = 1
    limit: int = RESULT_LIMIT

    @property
    def first_number(self) -> int:
        """The number of the first hit on this page, counted over all pages."""
        return (self.page - 1) * self.limit + 1


LONG_TEXTS_NOT_SHOWN = (
    "theme__lead",
    "theme__body",
    "theme__framework__introduction",
    "theme__framework__references",
    "theme__framework__source",
    "item__parent__text",
    "item__portal_note",
    "theme__status_note",
    "theme__portal_note",
    "theme__framework__status_note",
    "theme__framework__portal_note",
    "theme__framework__introduction_signature",
)


def search(query: Query, entries, page: int = 1, limit: int = RESULT_LIMIT) -> Results:
    """The visible entries matching every word of `query`, best first, grouped by framework.

    `entries` is the queryset of entries the visitor may see
    (values.visibility.search_entries_for: their theme and framework published, as plain
    conditions on the join the ranking needs anyway – a `theme IN (…)` subquery took PostgreSQL
    five times as long to plan). Two database queries whatever the amount of content: the first
    ranks narrow rows and keeps one page of ids, the second fetches just those entries with what
    their excerpts need.
    """
    if not query:
        return Results(query, [], 0, False, page, limit)
    if connection.vendor == "postgresql":
        entries = postgres.matches(entries, query)
    else:
        entries = sqlite.matches(entries, query)
    offset = (page - 1) * limit
    ordered = entries.order_by("-rank", "theme__framework__position", "pk")
    ids = list(ordered.values_list("pk", flat=True)[offset : offset + limit + 1])
    truncated = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return Results(query, [], 0, False, page, limit)
    by_id = (
        SearchEntry.objects.select_related(
            "theme__framework__publisher", "item__parent", "question"
        )
        # Long texts a hit never shows; fetching them was a third of this query's time.
        .defer(*LONG_TEXTS_NOT_SHOWN)
        .in_bulk(ids)
    )
    found = [by_id[pk] for pk in ids]

    groups: dict[int, HitGroup] = {}
    for entry in found:
        framework = entry.theme.framework
        group = groups.setdefault(framework.pk, HitGroup(framework))
        group.hits.append(_hit(entry, query))
    return Results(query, list(groups.values()), len(found), truncated, page, limit)


def _hit(entry: SearchEntry, query: Query) -> Hit:
    url = entry.theme.get_absolute_url()
    if entry.item_id:
        url += f"#punkt-{entry.item_id}"
    elif entry.question_id:
        url += f"#spoergsmaal-{entry.question_id}"
    title = highlight(entry.title, query) if entry.title else ""
    return Hit(entry, url, title, highlight(entry.text, query, SNIPPET_LENGTH))
