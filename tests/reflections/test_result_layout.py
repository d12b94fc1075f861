"""The result page reads summary first: progress, downloads and the chart at the top, the ratings
table in its own labelled scroll region, the answers section by section after that; "Ingen har
vurderet endnu" is said once, not under every indicator; the chart's colours stay apart for
readers with a colour vision deficiency."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .test_pages import fill

pytestmark = pytest.mark.django_db


def result_html(chair, board) -> str:
    html = chair.get(reverse("reflections:result", args=[board.key])).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_summary_chart_and_table_come_before_the_answers(chair, board):
    fill(board, 2)
    html = result_html(chair, board)
    summary = html.index('id="summary-title"')
    chart = html.index('class="ratings-chart"')
    table = html.index('class="table table--compact ratings-table"')
    answers = html.index('id="answers-title"')
    assert summary < chart < table < answers
    region = html[:table][html[:table].rindex("<div") :]
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert 'aria-labelledby="ratings-table-caption"' in region


def test_nobody_has_rated_yet_is_said_once(chair, board):
    html = result_html(chair, board)
    assert html.count("Ingen har vurderet endnu") == 1
    assert 'class="ratings-chart"' not in html


# Viénot, Brettel & Mollon (1999): linear sRGB → what a dichromat sees. ΔE 25 apart in CIELAB: a
# plain red (#e41a1c) and green (#4daf4a) come out 21 apart for deuteranopes and fail.
SIMULATE = {
    "protan": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0)),
    "deutan": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0)),
    "tritan": ((1.0, 0.14461, -0.14461), (0.0, 0.85924, 0.14076), (0.0, 0.85924, 0.14076)),
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = [_linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    simulated = [
        max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    ]
    return _lab(tuple(simulated))


def test_the_five_rating_colours_stay_apart_for_colour_blind_readers():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "worksheet.css").read_text()
    fills = dict(
        re.findall(r"\.seg-(high|some|little|none|unknown) \{ fill: (#[0-9a-f]{6}); \}", css)
    )
    assert len(fills) == 5, fills
    for deficiency, matrix in SIMULATE.items():
        seen = {rating: _seen(colour, matrix) for rating, colour in fills.items()}
        for a in seen:
            for b in seen:
                if a < b:
                    distance = (
                        sum((p - q) ** 2 for p, q in zip(seen[a], seen[b], strict=True)) ** 0.5
                    )
                    assert distance > 25, (
                        f"{a} and {b} look alike with {deficiency}: ΔE {distance:.0f}"
                    )
