"""The municipality's overview: how far each school's board is with each framework theme.

Counts and dates only – never an answer, a name or a comment. A worksheet counts for a school
when it is linked to the school (Worksheet.school) and for a theme when it holds a question or
item of that theme. Per school and theme the furthest status wins:

- done: the board marked the worksheet done;
- agreed: the board has an agreed answer to a question of the theme;
- in progress: the worksheet has questions of the theme;
- principle approved / published: see reflections.overview_principles.

How many boards worked with a theme is a figure about several boards, so it is shown only when it
describes at least MIN_BOARDS of them. Five queries, however many schools and worksheets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from values.models import Publisher, School, Theme

from .models import Answer, WorksheetQuestion
from .overview_principles import (
    PRINCIPLE_APPROVED,
    PRINCIPLE_PUBLISHED,
    add_principles,
    principle_totals,
)

#: no figure that describes fewer boards than this is shown
MIN_BOARDS = 5

NOT_STARTED, IN_PROGRESS, AGREED, DONE = 0, 1, 2, 3
STATUS_LABELS = {
    NOT_STARTED: _("Ikke begyndt"),
    IN_PROGRESS: _("Arbejdsark i gang"),
    AGREED: _("Fælles svar"),
    DONE: _("Færdig"),
    PRINCIPLE_APPROVED: _("Princip godkendt"),
    PRINCIPLE_PUBLISHED: _("Princip offentliggjort"),
}


@lru_cache(maxsize=64)
def status_label(status: int, language: str) -> str:
    """A status in the active language, translated once (a big overview has hundreds)."""
    return str(STATUS_LABELS[status])


@dataclass
class Cell:
    status: int = NOT_STARTED
    date: datetime | None = None

    @property
    def label(self) -> str:
        return status_label(self.status, get_language())

    def update(self, status: int, date: datetime | None) -> None:
        if status > self.status or (
            status == self.status and date and (self.date is None or date > self.date)
        ):
            self.status, self.date = status, date


@dataclass
class Overview:
    municipality: Publisher
    schools: list[School]
    themes: list[Theme]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    boards_per_theme: dict[int, int] = field(default_factory=dict)

    def cell(self, school: School, theme: Theme) -> Cell:
        return self.cells.get((school.pk, theme.pk)) or Cell()

    def cell_for(self, school_id: int, theme_id: int) -> Cell:
        """The cell to update for a school and theme, made when there is none yet."""
        return self.cells.setdefault((school_id, theme_id), Cell())

    def boards(self, theme: Theme) -> int | None:
        """How many boards worked with `theme`; None when fewer than MIN_BOARDS (not shown)."""
        count = self.boards_per_theme.get(theme.pk, 0)
        return count if count >= MIN_BOARDS else None

    @property
    def rows(self) -> list[tuple[School, list[Cell]]]:
        return [(s, [self.cell(s, t) for t in self.themes]) for s in self.schools]

    @property
    def theme_totals(self) -> list[tuple[Theme, int | None]]:
        return [(t, self.boards(t)) for t in self.themes]

    @property
    def principle_totals(self) -> list[tuple[Theme, int | None, int | None]]:
        return principle_totals(self, MIN_BOARDS)


def municipality_overview(municipality: Publisher) -> Overview:
    schools = list(School.objects.filter(municipality=municipality))
    themes = list(
        Theme.objects.published()
        .filter(counts_as_theme=True)
        .select_related("framework")
        .order_by("framework__position", "framework__title", "position", "pk")
    )
    overview = Overview(municipality, schools, themes)
    agreed_at = Answer.objects.filter(question=OuterRef("pk"), participant__isnull=True).exclude(
        text="", rating=""
    )
    rows = (
        WorksheetQuestion.objects.filter(worksheet__school__municipality=municipality)
        .filter(Q(source_question__isnull=False) | Q(source_item__isnull=False))
        .annotate(
            theme_id=Coalesce("source_question__theme_id", "source_item__theme_id"),
            agreed_at=Subquery(agreed_at.values("updated_at")[:1]),
            school_id=F("worksheet__school_id"),
            created_at=F("worksheet__created_at"),
            done_at=F("worksheet__done_at"),
        )
        .values_list("school_id", "theme_id", "created_at", "agreed_at", "done_at")
    )
    worked: dict[int, set[int]] = defaultdict(set)
    for school_id, theme_id, created_at, agreed, done_at in rows:
        cell = overview.cells.setdefault((school_id, theme_id), Cell())
        if done_at:
            cell.update(DONE, done_at)
        elif agreed:
            cell.update(AGREED, agreed)
        else:
            cell.update(IN_PROGRESS, created_at)
        worked[theme_id].add(school_id)
    overview.boards_per_theme = {theme_id: len(ids) for theme_id, ids in worked.items()}
    add_principles(overview)
    return overview
