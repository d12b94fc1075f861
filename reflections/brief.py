"""The brief for the parent representative at the yearly skoleudviklingssamtale (from 1 August
2025 a parent-elected board member may attend): the board's principles as last approved, the
latest agreed answers and the agreed ratings school year by school year.

Seven queries however many principles, worksheets, years and rounds the space holds: the latest
approved versions, the worksheets, their questions, the agreed answers, the rounds shown and
their ratings (plus the space). Never a member's name: agreed answers only, without who saved
them, and no next steps (they name who does what). Other groups' ratings only where a group has
at least MIN_RESPONSES responses, and never their comments (a few words can give a person away
on a page that leaves the board).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from . import evaluation
from .models import Answer, BoardSpace, PrincipleVersion, Round, Worksheet, WorksheetQuestion
from .round_tallies import GroupRating, group_ratings
from .yearly import Change, rating_change


@dataclass
class Line:
    """One question of the latest worksheet: this year's agreed answer and, for a rated
    question, the agreed ratings of the years before (oldest first, None for a year without)."""

    number: int
    question: WorksheetQuestion
    agreed: Answer | None
    earlier: list[Answer | None] = field(default_factory=list)
    # Other groups' ratings of this question in its worksheet's rounds.
    groups: list[GroupRating] = field(default_factory=list)

    @property
    def change(self) -> Change | None:
        return rating_change(self.earlier[-1] if self.earlier else None, self.agreed)

    @property
    def ratings(self) -> list[Answer | None]:
        return [*self.earlier, self.agreed]


@dataclass
class Chain:
    """A worksheet and the worksheets it continues: the latest year and the years before."""

    latest: Worksheet
    years: list[str]
    lines: list[Line]

    @property
    def answered(self) -> list[Line]:
        return [line for line in self.lines if line.agreed and line.agreed.is_answered]

    @property
    def rated(self) -> list[Line]:
        return [line for line in self.lines if line.question.is_rating]

    @property
    def with_groups(self) -> list[Line]:
        return [line for line in self.rated if line.groups]

    @property
    def has_answers(self) -> bool:
        """Agreed answers this year, agreed ratings in a year before, or other groups'."""
        return (
            bool(self.answered)
            or bool(self.with_groups)
            or any(answer and answer.rating for line in self.rated for answer in line.earlier)
        )


def latest_versions(space: BoardSpace) -> list[PrincipleVersion]:
    """Each principle's latest approved version, by title (one query)."""
    latest = (
        PrincipleVersion.objects.filter(principle=OuterRef("principle"))
        .order_by("-number")
        .values("number")[:1]
    )
    versions = PrincipleVersion.objects.filter(principle__space=space, number=Subquery(latest))
    found = sorted(versions, key=lambda v: (v.content.get("title", "").lower(), v.pk))
    today = timezone.localdate()
    for version in found:
        version.review_due = evaluation.review_due(version.review_by, today)
    return found


def chains(space: BoardSpace) -> list[Chain]:
    """Every worksheet no later year continues, with the years before it and other groups'
    ratings (five queries at most)."""
    worksheets = {
        w.pk: w
        for w in space.worksheets.only("pk", "key", "title", "school_year", "previous_id", "space")
    }
    continued = {w.previous_id for w in worksheets.values()}
    questions: dict[int, list[WorksheetQuestion]] = {}
    previous_of: dict[int, int | None] = {}
    for q in WorksheetQuestion.objects.filter(worksheet__space=space).order_by(
        "worksheet_id", "position", "pk"
    ):
        questions.setdefault(q.worksheet_id, []).append(q)
        previous_of[q.pk] = q.previous_id
    agreed = {
        a.question_id: a
        for a in Answer.objects.filter(worksheet__space=space, participant__isnull=True).only(
            "question_id", "text", "rating", "evidence"
        )
    }
    groups = group_ratings(Round.objects.filter(worksheet__space=space))
    found = []
    latest_first = sorted(worksheets.values(), key=lambda w: (w.school_year, w.pk), reverse=True)
    for worksheet in latest_first:
        if worksheet.pk in continued:
            continue
        years = _years_before(worksheet, worksheets)
        lines = []
        for number, q in enumerate(questions.get(worksheet.pk, []), start=1):
            earlier, pk = [], q.previous_id
            while pk is not None and len(earlier) < len(years):
                earlier.append(agreed.get(pk))
                pk = previous_of.get(pk)
            earlier += [None] * (len(years) - len(earlier))
            lines.append(Line(number, q, agreed.get(q.pk), earlier[::-1], groups.get(q.pk, [])))
        found.append(
            Chain(worksheet, [*(w.school_year for w in years), worksheet.school_year], lines)
        )
    return found


def _years_before(worksheet: Worksheet, worksheets: dict[int, Worksheet]) -> list[Worksheet]:
    """The worksheets `worksheet` continues, oldest first (as reflections.yearly reads them)."""
    chain, pk = [], worksheet.previous_id
    while pk in worksheets and len(chain) < len(worksheets):  # a loop never hangs
        chain.append(worksheets[pk])
        pk = worksheets[pk].previous_id
    return chain[::-1]


def brief_context(space: BoardSpace) -> dict:
    return {
        "space": space,
        "versions": latest_versions(space),
        "chains": [c for c in chains(space) if c.has_answers],
        "today": timezone.localdate(),
    }
