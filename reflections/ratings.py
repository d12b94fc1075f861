"""The municipality's ratings: how the boards of its schools rated each framework question.

Only a board's agreed rating counts (never a member's own), one per school: the latest of its
worksheets. A question's figures are shown only when at least MIN_BOARDS boards rated it; below
that, nothing about it is shown – not even how many boards rated it. One query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce

from values.models import Publisher, Theme

from .models import Answer, QuestionKind, Rating
from .overview import MIN_BOARDS
from .results import RATING_ORDER

BAR_WIDTH = 100  # percent: a bar's segments are shares of the boards that rated


@dataclass(frozen=True)
class Segment:
    rating: str
    label: str
    count: int
    x: float
    width: float


@dataclass
class QuestionRatings:
    """The boards' agreed ratings of one framework question or item."""

    text: str
    order: tuple[bool, int, int]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def boards(self) -> int:
        return sum(self.counts.values())

    @property
    def columns(self) -> list[tuple[str, str, int]]:
        """(rating, label, boards) in the scale's order, for the table and the spreadsheet."""
        return [(value, Rating(value).label, self.counts.get(value, 0)) for value in RATING_ORDER]

    @property
    def segments(self) -> list[Segment]:
        """The bar: one segment per rating chosen, as a share of the boards that rated."""
        segments, x = [], 0.0
        for value, label, count in self.columns:
            if count:
                width = BAR_WIDTH * count / self.boards
                segments.append(Segment(value, label, count, round(x, 2), round(width, 2)))
                x += width
        return segments


@dataclass
class ThemeRatings:
    theme: Theme
    questions: list[QuestionRatings]


def rating_labels() -> list[tuple[str, str]]:
    return [(value, Rating(value).label) for value in RATING_ORDER]


def municipality_ratings(municipality: Publisher, themes: list[Theme]) -> list[ThemeRatings]:
    """Per theme (in `themes`' order) the questions at least MIN_BOARDS boards rated."""
    rows = (
        Answer.objects.filter(
            participant__isnull=True,
            question__kind=QuestionKind.RATING,
            worksheet__school__municipality=municipality,
        )
        .exclude(rating="")
        .filter(Q(question__source_question__isnull=False) | Q(question__source_item__isnull=False))
        .annotate(
            theme_id=Coalesce(
                "question__source_question__theme_id", "question__source_item__theme_id"
            ),
            source_text=Coalesce("question__source_question__text", "question__source_item__text"),
            source_position=Coalesce(
                "question__source_question__position", "question__source_item__position"
            ),
        )
        .values_list(
            "worksheet__school_id",
            "question__source_question_id",
            "question__source_item_id",
            "theme_id",
            "source_text",
            "source_position",
            "rating",
            "updated_at",
        )
    )
    # (theme, source) -> school -> its latest rating
    latest: dict[tuple[int, tuple], dict[int, tuple[datetime, str]]] = defaultdict(dict)
    texts: dict[tuple, tuple[str, int]] = {}
    for school_id, question_id, item_id, theme_id, text, position, rating, updated_at in rows:
        # Items before questions, as a theme page lists them; each in the framework's order.
        source = ("q", question_id) if question_id else ("i", item_id)
        texts[source] = (text, position)
        per_school = latest[(theme_id, source)]
        if school_id not in per_school or updated_at > per_school[school_id][0]:
            per_school[school_id] = (updated_at, rating)
    by_theme: dict[int, list[QuestionRatings]] = defaultdict(list)
    for (theme_id, source), per_school in latest.items():
        if len(per_school) < MIN_BOARDS:
            continue
        counts: dict[str, int] = defaultdict(int)
        for _updated, rating in per_school.values():
            counts[rating] += 1
        text, position = texts[source]
        order = (source[0] == "q", position, source[1])
        by_theme[theme_id].append(QuestionRatings(text, order, dict(counts)))
    return [
        ThemeRatings(theme, sorted(by_theme[theme.pk], key=lambda q: q.order))
        for theme in themes
        if theme.pk in by_theme
    ]
