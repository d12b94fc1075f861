"""The chair's one-page overview as PDF: questions down, the agreed answer and each member across.

A4 portrait for up to three members, landscape beyond; long answers are shortened so the table
stays an overview (the full text is in the result PDF and in Excel).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..results import Result
from .pdf import _fonts, _PdfStory

CELL_CHARS = 70
QUESTION_CHARS = 120
PORTRAIT_MEMBERS = 3


def is_wide(header: list[str]) -> bool:
    return len(header) - 4 > PORTRAIT_MEMBERS


def _cell(value, style, limit: int = CELL_CHARS):
    from reportlab.platypus import Paragraph

    text = Truncator(str(value or "")).chars(limit)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def overview_pdf(result: Result, header: list[str], table: list[list]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    regular, bold = _fonts()
    size = landscape(A4) if is_wide(header) else A4
    worksheet = result.worksheet
    cell = ParagraphStyle("cell", fontName=regular, fontSize=7, leading=8.4)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    title = ParagraphStyle("title", fontName=bold, fontSize=14, leading=18, spaceAfter=4)
    # Nr. and question; the section is left out of the PDF to leave the room to the answers.
    data = [[_cell(v, head) for v in [header[0], header[2], *header[3:]]]]
    data += [
        [_cell(row[0], cell), _cell(row[2], cell, QUESTION_CHARS)]
        + [_cell(v, cell) for v in row[3:]]
        for row in table
    ]
    usable = size[0] - 24 * mm
    answers = len(header) - 3
    question_width = min(55 * mm, usable * 0.28)
    answer_width = (usable - 8 * mm - question_width) / max(answers, 1)
    grid = Table(data, colWidths=[8 * mm, question_width] + [answer_width] * answers, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("BACKGROUND", (2, 1), (2, -1), colors.HexColor("#f3f6f9")),
            ]
        )
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
        bottomMargin=10 * mm, title=f"{_('Overblik')}: {worksheet.title}", lang="da",
    )  # fmt: skip
    heading = f"{_('Overblik')}: {worksheet.title} – {worksheet.school_name}"
    story = [Paragraph(escape(heading), title), grid]
    if result.rated:  # the ratings at a glance: how many chose what, and the board's own
        ratings = _PdfStory(result, [], with_members=False)
        story += [ratings.paragraph(_("Vurderinger"), "h2"), ratings.ratings_table()]
    document.build(story)
    return buffer.getvalue()
