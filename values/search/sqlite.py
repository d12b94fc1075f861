"""SQLite: Danish Snowball stems in an indexed table (SearchTerm), matched exactly or as prefixes.

Each entry has one SearchTerm row per stem, weighted by where in the entry the stem occurs. A
query stem matches a term exactly or as its prefix, through the (term, entry) index; an entry
must match every word of the query.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Case, F, IntegerField, Max, Q, Sum, Value, When

from ..models import SearchEntry, SearchTerm
from .query import PREFIX_MIN_LENGTH, Query, stems

# Weights per field, in the proportions of PostgreSQL's ts_rank defaults (A 1.0, B 0.4, C 0.2),
# so both databases rank alike.
TITLE_WEIGHT, TEXT_WEIGHT, HEADING_WEIGHT = 5, 2, 1


def terms_for(entry: SearchEntry) -> list[SearchTerm]:
    weights: Counter[str] = Counter()
    for text, weight in (
        (entry.title, TITLE_WEIGHT),
        (entry.text, TEXT_WEIGHT),
        (entry.heading, HEADING_WEIGHT),
    ):
        for s in stems(text):
            weights[s[:100]] += weight
    return [SearchTerm(entry=entry, term=term, weight=w) for term, w in weights.items()]


def _term_condition(s: str) -> Q:
    if len(s) < PREFIX_MIN_LENGTH:
        return Q(terms__term=s)
    # A prefix as a range, so the (term, entry) index answers it.
    return Q(terms__term__gte=s, terms__term__lt=s + "\U0010ffff")


def matches(entries, query: Query):
    """`entries` that match every word of `query`, annotated with their `rank`."""
    conditions = [_term_condition(s) for s in query.stems]
    any_word = Q()
    for condition in conditions:
        any_word |= condition
    all_words = {
        f"word_{n}": Max(Case(When(condition, then=Value(1)), default=Value(0)))
        for n, condition in enumerate(conditions)
    }
    exact_bonus = Q(terms__term__in=query.stems)
    return (
        entries.filter(any_word)
        .annotate(
            **all_words,
            rank=Sum(
                Case(
                    When(exact_bonus, then=F("terms__weight") * 2),
                    default=F("terms__weight"),
                    output_field=IntegerField(),
                )
            ),
        )
        .filter(**{name: 1 for name in all_words})
    )
