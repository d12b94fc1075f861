"""Geometry for the server-rendered SVG of indicator ratings (drawn by a template, no JS)."""

from __future__ import annotations

from dataclasses import dataclass

from .results import QuestionResult

WIDTH = 720
LABEL_WIDTH = 70
BAR_WIDTH = 380
AGREED_X = LABEL_WIDTH + BAR_WIDTH + 16
ROW_HEIGHT = 36
BAR_HEIGHT = 24
TOP = 44
MIN_WIDTH_FOR_NUMBER = 18


@dataclass(frozen=True)
class Segment:
    rating: str
    label: str
    count: int
    x: float
    width: float

    @property
    def text_x(self) -> float:
        return self.x + self.width / 2

    @property
    def show_number(self) -> bool:
        return self.width >= MIN_WIDTH_FOR_NUMBER


@dataclass(frozen=True)
class Row:
    number: int
    y: int
    segments: list[Segment]
    agreed_label: str
    rated: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5


@dataclass(frozen=True)
class Chart:
    rows: list[Row]
    width: int
    height: int
    legend: list[tuple[str, str, int]]
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH
    agreed_x: int = AGREED_X
    bar_height: int = BAR_HEIGHT


def stacked(counts: list[tuple[str, str, int]], left: float) -> list[Segment]:
    """One bar: a segment per rating given, its width the rating's share of the ratings."""
    total = sum(count for _, _, count in counts)
    x, segments = float(left), []
    for value, label, count in counts:
        if not count:
            continue
        width = BAR_WIDTH * count / total
        segments.append(Segment(value, label, count, round(x, 1), round(width, 1)))
        x += width
    return segments


def ratings_chart(rated: list[QuestionResult], no_rating: str, agreed_prefix: str) -> Chart:
    rows = []
    for index, result in enumerate(rated):
        counts = result.rating_counts()
        total = sum(count for _, _, count in counts)
        segments = stacked(counts, LABEL_WIDTH)
        agreed = ""
        if result.agreed and result.agreed.rating:
            agreed = result.agreed.get_rating_display()
        rows.append(
            Row(
                number=result.number,
                y=TOP + index * ROW_HEIGHT,
                segments=segments,
                agreed_label=f"{agreed_prefix}: {agreed or no_rating}",
                rated=total,
            )
        )
    legend_values = rated[0].rating_counts() if rated else []
    legend = [
        (value, label, LABEL_WIDTH + i * 118) for i, (value, label, _) in enumerate(legend_values)
    ]
    return Chart(rows, WIDTH, TOP + len(rows) * ROW_HEIGHT + 8, legend)
