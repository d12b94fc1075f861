"""Geometry for the server-rendered SVG of the agreed ratings year by year (no JS).

One row per rated question, one cell per school year coloured by the board's agreed rating –
the colours of the ratings chart (reflections/charts.py); the table beside it holds the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Answer, Worksheet
from .results import QuestionResult

WIDTH = 720
LABEL_WIDTH = 70
TOP = 40
ROW_HEIGHT = 34
CELL_HEIGHT = 24
GAP = 6
MAX_CELL_WIDTH = 150
MIN_WIDTH_FOR_TEXT = 96  # "I nogen grad" fits from here


@dataclass(frozen=True)
class Cell:
    rating: str  # "" when the board gave none that year
    label: str
    x: float
    middle: float
    school_year: str


@dataclass(frozen=True)
class Row:
    number: int
    y: int
    cells: list[Cell]

    @property
    def text_y(self) -> int:
        return self.y + CELL_HEIGHT // 2 + 5


@dataclass(frozen=True)
class YearChart:
    years: list[tuple[str, float]]  # school year, x of its column's middle
    rows: list[Row]
    width: int
    height: int
    cell_width: float
    cell_height: int = CELL_HEIGHT
    label_width: int = LABEL_WIDTH

    @property
    def show_text(self) -> bool:
        return self.cell_width >= MIN_WIDTH_FOR_TEXT


def years_chart(
    worksheet: Worksheet, earlier: list[Worksheet], rated: list[QuestionResult], no_rating: str
) -> YearChart:
    """The chart of `rated` over the `earlier` worksheets' years and this one's."""
    school_years = [w.school_year for w in earlier] + [worksheet.school_year]
    column = min(MAX_CELL_WIDTH, (WIDTH - LABEL_WIDTH) / len(school_years))
    cell_width = round(column - GAP, 1)
    xs = [round(LABEL_WIDTH + i * column, 1) for i in range(len(school_years))]
    rows = []
    for index, q in enumerate(rated):
        answers: list[Answer | None] = [*q.earlier, q.agreed]
        cells = [
            Cell(
                answer.rating if answer and answer.rating else "",
                answer.get_rating_display() if answer and answer.rating else no_rating,
                x,
                round(x + cell_width / 2, 1),
                school_year,
            )
            for answer, x, school_year in zip(answers, xs, school_years, strict=True)
        ]
        rows.append(Row(q.number, TOP + index * ROW_HEIGHT, cells))
    years = [(year, round(x + cell_width / 2, 1)) for year, x in zip(school_years, xs, strict=True)]
    return YearChart(years, rows, WIDTH, TOP + len(rows) * ROW_HEIGHT + 4, cell_width)
