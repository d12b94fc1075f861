"""Other groups' ratings for pages that show many questions at once – the principle's workbench,
the skoleudviklingssamtale brief and the exports: two queries however many rounds there are.

Like the result page (reflections.rounds.perspectives), a group with fewer than MIN_RESPONSES
responses is left out, and nothing names a respondent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from .models import MIN_RESPONSES, Round, RoundRating
from .rounds import counts_of, spread


@dataclass
class GroupRating:
    """One group's ratings of one question."""

    name: str
    responses: int
    counts: list[tuple[str, str, int]]
    round_id: int = 0

    @property
    def spread(self) -> float | None:
        return spread(self.counts)

    @property
    def summary(self) -> str:
        """ "Høj grad 4 · Nogen grad 2" – the ratings given, in the scale's order."""
        return " · ".join(f"{label} {n}" for _, label, n in self.counts if n)


def shown_rounds(rounds: QuerySet[Round]) -> list[Round]:
    """The rounds in `rounds` with enough responses to be shown (one query)."""
    counted = rounds.annotate(response_count=Count("responses"))
    return list(counted.filter(response_count__gte=MIN_RESPONSES))


def group_ratings(rounds: QuerySet[Round], by: str = "question_id") -> dict[int, list[GroupRating]]:
    """Each shown round's ratings keyed by `by` (a question's id, or a field reached from the
    question such as "question__principle_line_id"), in the rounds' order (two queries)."""
    shown = shown_rounds(rounds)
    if not shown:
        return {}
    tallies: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (
        RoundRating.objects.filter(response__round__in=[r.pk for r in shown])
        .values_list("response__round_id", by, "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for round_id, key, rating, n in rows:
        if key is not None:
            tallies[key][round_id][rating] = n
    found: dict[int, list[GroupRating]] = {}
    for key, by_round in tallies.items():
        found[key] = [
            GroupRating(r.name, r.response_count, counts_of(by_round[r.pk]), r.pk)
            for r in shown
            if r.pk in by_round
        ]
    return found


def columns(groups: dict[int, list[GroupRating]]) -> list[GroupRating]:
    """One of each round in `groups`, in the rounds' order: a column per group in a sheet."""
    found = {g.round_id: g for ratings in groups.values() for g in ratings}
    return [found[pk] for pk in sorted(found)]
