"""Geometry for the SVG that sets each group's ratings beside the board's, question by question.

The bars are drawn as reflections.charts draws the members' ratings (the same segments and
colours); here each question has a heading line and one bar per group.
"""

from __future__ import annotations

from dataclasses import dataclass

from .charts import BAR_HEIGHT, BAR_WIDTH, Segment, stacked
from .rounds import QuestionPerspective, counts_of

LABEL_WIDTH = 190
NOTE_X = LABEL_WIDTH + BAR_WIDTH + 16
WIDTH = NOTE_X + 130
HEADING_HEIGHT = 28
ROW_HEIGHT = 32
TOP = 44


@dataclass(frozen=True)
class GroupBar:
    label: str
    note: str
    y: int
    segments: list[Segment]

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5


@dataclass(frozen=True)
class Heading:
    number: int
    y: int


@dataclass(frozen=True)
class PerspectivesChart:
    headings: list[Heading]
    bars: list[GroupBar]
    width: int
    height: int
    legend: list[tuple[str, str, int]]
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH
    note_x: int = NOTE_X
    bar_height: int = BAR_HEIGHT


def perspectives_chart(questions: list[QuestionPerspective], rated_note: str) -> PerspectivesChart:
    """`rated_note` is a format string for the count at each bar's end, e.g. "%(n)d svar"."""
    headings, bars, y = [], [], TOP
    for question in questions:
        headings.append(Heading(question.number, y + HEADING_HEIGHT - 10))
        y += HEADING_HEIGHT
        for row in question.rows:
            segments = stacked(row.counts, LABEL_WIDTH)
            bars.append(GroupBar(row.name, rated_note % {"n": row.rated}, y, segments))
            y += ROW_HEIGHT
    legend = [(value, label, i * 140) for i, (value, label, _) in enumerate(counts_of({}))]
    return PerspectivesChart(headings, bars, WIDTH, y + 8, legend)
