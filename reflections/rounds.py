"""Perspectives: opening a round, finding it by its link, and each group's results per question.

The results are counted in the database (one query for the ratings, one for the comments) and
shown only for a group with at least MIN_RESPONSES responses, so nobody's answer can be picked out.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from .models import (
    MIN_RESPONSES,
    QuestionKind,
    Rating,
    Round,
    RoundRating,
    RoundResponse,
    TemplateQuestion,
    Worksheet,
    WorksheetQuestion,
    hash_token,
    new_token,
)
from .results import RATING_ORDER, QuestionResult, numbered_questions

# For the spread: the scale as numbers ("Ved ikke" is left out).
SCORES = {Rating.HIGH: 4, Rating.SOME: 3, Rating.LITTLE: 2, Rating.NONE: 1}


def open_round(
    worksheet: Worksheet, *, group: str, label: str, starts_on: datetime.date,
    ends_on: datetime.date,
) -> tuple[Round, str]:  # fmt: skip
    """A new round and its link's token (shown once; only its hash is stored)."""
    token = new_token()
    created = Round.objects.create(
        worksheet=worksheet,
        group=group,
        label=label,
        starts_on=starts_on,
        ends_on=ends_on,
        token_hash=hash_token(token),
    )
    return created, token


def renew_link(round_: Round) -> str:
    """A new link for the round; the old one stops working at once."""
    token = new_token()
    round_.token_hash = hash_token(token)
    round_.save(update_fields=["token_hash"])
    return token


def round_for_token(token: str) -> Round | None:
    if len(token) > 100:
        return None
    return Round.objects.select_related("worksheet").filter(token_hash=hash_token(token)).first()


def rating_questions(worksheet: Worksheet, plain: bool) -> list[WorksheetQuestion]:
    """The worksheet's rating questions in its order; with `plain`, each with its template's
    plain wording where there is one (one query more)."""
    found = [q for _, q in numbered_questions(worksheet) if q.kind == QuestionKind.RATING]
    wordings = {}
    template_ids = [q.template_question_id for q in found if q.template_question_id]
    if plain and template_ids:
        wordings = dict(
            TemplateQuestion.objects.filter(pk__in=template_ids)
            .exclude(plain_text="")
            .values_list("pk", "plain_text")
        )
    for question in found:
        question.plain_text = wordings.get(question.template_question_id, "")
    return found


def counts_of(ratings: dict[str, int]) -> list[tuple[str, str, int]]:
    """(value, label, count) in the scale's order, as QuestionResult.rating_counts gives them."""
    return [(value, Rating(value).label, ratings.get(value, 0)) for value in RATING_ORDER]


def spread(counts: list[tuple[str, str, int]]) -> float | None:
    """The standard deviation on the scale 1–4 ("Ved ikke" left out); None below two ratings."""
    scores = [SCORES[value] for value, _, n in counts if value in SCORES for _ in range(n)]
    if len(scores) < 2:
        return None
    return round(statistics.pstdev(scores), 1)


@dataclass
class GroupRow:
    """One group's ratings of one question."""

    name: str
    counts: list[tuple[str, str, int]]
    is_board: bool = False

    @property
    def rated(self) -> int:
        return sum(n for _, _, n in self.counts)

    @property
    def spread(self) -> float | None:
        return spread(self.counts)


@dataclass
class QuestionPerspective:
    result: QuestionResult
    rows: list[GroupRow]

    @property
    def number(self) -> int:
        return self.result.number


@dataclass
class GroupSummary:
    round: Round
    responses: int
    comments: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_RESPONSES


@dataclass
class Perspectives:
    groups: list[GroupSummary]
    questions: list[QuestionPerspective]

    @property
    def shown(self) -> list[GroupSummary]:
        return [g for g in self.groups if g.shown]


def rounds_with_counts(worksheet: Worksheet) -> list[Round]:
    return list(worksheet.rounds.annotate(response_count=Count("responses")))


def perspectives(
    worksheet: Worksheet, rated: list[QuestionResult], board_name: str
) -> Perspectives:
    """Each round's results beside the board members' ratings (at most three queries)."""
    groups = [GroupSummary(r, r.response_count) for r in rounds_with_counts(worksheet)]
    shown = {g.round.pk: g for g in groups if g.shown}
    tallies: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    if shown:
        rows = (
            RoundRating.objects.filter(response__round_id__in=list(shown))
            .values_list("response__round_id", "question_id", "rating")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for round_id, question_id, rating, n in rows:
            tallies[(round_id, question_id)][rating] = n
        # Alphabetical: the order says nothing about who answered when.
        comments = (
            RoundResponse.objects.filter(round_id__in=list(shown))
            .exclude(comment="")
            .order_by("comment")
            .values_list("round_id", "comment")
        )
        for round_id, comment in comments:
            shown[round_id].comments.append(comment)
    questions = []
    for result in rated:
        rows = [GroupRow(board_name, result.rating_counts(), is_board=True)]
        for group in shown.values():
            counts = counts_of(tallies[(group.round.pk, result.question.pk)])
            rows.append(GroupRow(group.round.name, counts))
        questions.append(QuestionPerspective(result, rows))
    return Perspectives(groups, questions)
