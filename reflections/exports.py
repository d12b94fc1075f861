"""The board's result as PDF, CSV (for Danish Excel) and XLSX."""

from __future__ import annotations

import csv
import io
from functools import cache
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from values.models import danish_slugify
from values.spreadsheets.formulas import neutralise_cell

from .models import QuestionKind, Worksheet
from .results import Result

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(worksheet: Worksheet, extension: str) -> str:
    """ASCII only, so the header needs no encoding: "arbejdsark-vaerdier-skovvejens-skole.pdf"."""
    stem = danish_slugify(f"{worksheet.title} {worksheet.school_name}", max_length=70)
    return f"arbejdsark-{stem}.{extension}"


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# --- Spreadsheets --------------------------------------------------------------------------------


def _columns() -> list[str]:
    return [
        _("Afsnit"),
        _("Nr."),
        _("Spørgsmål"),
        _("Type"),
        _("Svar fra"),
        _("Svar"),
        _("Vurdering"),
        _("Hvordan ved vi det?"),
        _("Hvad"),
        _("Hvem"),
        _("Hvornår"),
        _("Sidst gemt"),
    ]


def rows(result: Result) -> list[list]:
    """One row per answer and per next step: the agreed answer first, then each member's."""
    table = []
    agreed_label = _("Bestyrelsens fælles svar")
    for section in result.sections:
        for q in section.questions:
            question = q.question
            base = [section.section.title, q.number, question.text, question.get_kind_display()]
            if question.kind != QuestionKind.NEXT_STEPS:
                answer = q.agreed
                table.append(
                    base
                    + [
                        agreed_label,
                        answer.text if answer else "",
                        answer.get_rating_display() if answer and answer.rating else "",
                        answer.evidence if answer else "",
                        "",
                        "",
                        "",
                        _local(answer.updated_at) if answer else "",
                    ]
                )
            for step in q.steps:
                table.append(
                    base + [_("Næste skridt"), "", "", "", step.what, step.who, step.when, ""]
                )
            for answer in q.members:
                table.append(
                    base
                    + [
                        answer.participant.display_name,
                        answer.text,
                        answer.get_rating_display() if answer.rating else "",
                        answer.evidence,
                        "",
                        "",
                        "",
                        _local(answer.updated_at),
                    ]
                )
    return table


def answers_csv(result: Result) -> bytes:
    """UTF-8 with BOM and ";" between fields: what Excel in Danish expects on double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(_columns())
    for row in rows(result):
        writer.writerow([neutralise_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def answers_xlsx(result: Result) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    def clean(value):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise_cell(value)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Svar")[:31]
    sheet.append(_columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(result):
        sheet.append([clean(cell) for cell in row])
    widths = [22, 5, 50, 18, 20, 60, 14, 40, 30, 18, 14, 16]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # Text stays text: nothing a board wrote is ever evaluated as a formula.
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------------


@cache
def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        "DejaVuSans",
        normal="DejaVuSans",
        bold="DejaVuSans-Bold",
        italic="DejaVuSans",
        boldItalic="DejaVuSans-Bold",
    )
    return "DejaVuSans", "DejaVuSans-Bold"


def _para(text: str) -> str:
    """User text as reportlab markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


class _PdfStory:
    """The result as reportlab flowables: header, each question, the ratings, the next steps."""

    def __init__(self, result: Result, *, with_members: bool):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import TableStyle

        self.result, self.with_members = result, with_members
        self.regular, bold = _fonts()
        base = ParagraphStyle("base", fontName=self.regular, fontSize=10, leading=14)
        self.styles = {
            "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=23),
            "h2": ParagraphStyle(
                "h2", parent=base, fontName=bold, fontSize=13, leading=17, spaceBefore=10,
                spaceAfter=4,
            ),
            "question": ParagraphStyle("question", parent=base, fontName=bold, spaceBefore=8),
            "meta": ParagraphStyle(
                "meta", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#4a4a4a")
            ),
            "answer": ParagraphStyle("answer", parent=base, leftIndent=8),
            "member": ParagraphStyle("member", parent=base, leftIndent=16, fontSize=9, leading=12),
            "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
            "th": ParagraphStyle("th", parent=base, fontName=bold, fontSize=9, leading=12),
            "base": base,
        }  # fmt: skip
        self.table_style = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.regular),
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
            ]
        )

    def paragraph(self, text, style: str):
        from reportlab.platypus import Paragraph

        return Paragraph(_para(str(text)), self.styles[style])

    def table(self, data: list[list], widths: list[float]):
        from reportlab.platypus import Table

        return Table(data, colWidths=widths, style=self.table_style, repeatRows=1)

    def steps_table(self, steps: list):
        from reportlab.lib.units import mm

        header = [self.paragraph(label, "th") for label in (_("Hvad"), _("Hvem"), _("Hvornår"))]
        rows = [[self.paragraph(v, "cell") for v in (s.what, s.who, s.when)] for s in steps]
        return self.table([header, *rows], [94 * mm, 45 * mm, 35 * mm])

    def story(self) -> list:
        from reportlab.lib.units import mm
        from reportlab.platypus import KeepTogether, Spacer

        worksheet, result = self.result.worksheet, self.result
        story = [
            self.paragraph(worksheet.title, "title"),
            self.paragraph(f"{worksheet.school_name} · {worksheet.board_name}", "base"),
            self.paragraph(
                _("Hentet %(when)s. %(answered)d af %(total)d spørgsmål har et fælles svar.")
                % {
                    "when": _local(timezone.now()),
                    "answered": result.answered,
                    "total": len(result.questions),
                },
                "meta",
            ),
            Spacer(1, 4 * mm),
        ]
        for section in result.sections:
            story.append(self.paragraph(section.section.title, "h2"))
            for q in section.questions:
                block = self.question_block(q)
                story.append(KeepTogether(block[:3]))
                story.extend(block[3:])
        if result.rated:
            story += [self.paragraph(_("Vurderinger"), "h2"), self.ratings_table()]
        if result.steps:
            story += [self.paragraph(_("Næste skridt"), "h2"), self.steps_table(result.steps)]
        return story

    def question_block(self, q) -> list:
        question = q.question
        block = [self.paragraph(f"{q.number}. {question.text}", "question")]
        if question.context:
            block.append(self.paragraph(question.context, "meta"))
        if question.kind != QuestionKind.NEXT_STEPS:
            block += [self.paragraph(line, "answer") for line in self.agreed_lines(q.agreed)]
        elif q.steps:
            block.append(self.steps_table(q.steps))
        else:
            block.append(self.paragraph(_("Ingen næste skridt endnu."), "answer"))
        if self.with_members:
            members = [m for m in q.members if m.is_answered]
            block += [self.paragraph(self.member_line(m), "member") for m in members]
        return block

    @staticmethod
    def agreed_lines(answer) -> list[str]:
        label = _("Bestyrelsens fælles svar")
        if not (answer and answer.is_answered):
            return [f"{label}: {_('ikke besvaret')}"]
        lines = []
        if answer.rating:
            lines.append(f"{_('Vurdering')}: {answer.get_rating_display()}")
        if answer.text:
            lines.append(f"{label}: {answer.text}")
        if answer.evidence:
            lines.append(f"{_('Hvordan ved vi det?')} {answer.evidence}")
        return lines

    @staticmethod
    def member_line(member) -> str:
        parts = [member.participant.display_name + ":"]
        if member.rating:
            parts.append(f"[{member.get_rating_display()}]")
        parts.append(member.text)
        if member.evidence:
            parts.append(f"({_('Hvordan ved vi det?')} {member.evidence})")
        return " ".join(parts)

    def ratings_table(self):
        from reportlab.lib.units import mm

        rated = self.result.rated
        header = [_("Nr."), _("Indikator")]
        header += [label for _value, label, _count in rated[0].rating_counts()]
        header.append(_("Fælles vurdering"))
        data = [[self.paragraph(label, "th") for label in header]]
        for q in rated:
            agreed = q.agreed.get_rating_display() if q.agreed and q.agreed.rating else "–"
            values = [q.number, q.question.text]
            values += [count for _value, _label, count in q.rating_counts()]
            data.append([self.paragraph(value, "cell") for value in [*values, agreed]])
        return self.table(data, [10 * mm, 56 * mm] + [17 * mm] * 5 + [23 * mm])


def result_pdf(result: Result, *, with_members: bool = False) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    pdf = _PdfStory(result, with_members=with_members)
    worksheet = result.worksheet
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=worksheet.title,
        author=worksheet.board_name,
        lang="da",
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(pdf.regular, 8)
        canvas.setFillColor(colors.HexColor("#4a4a4a"))
        canvas.drawString(18 * mm, 9 * mm, f"{worksheet.title} – {worksheet.school_name}"[:110])
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, _("Side %(page)d") % {"page": doc.page})
        canvas.restoreState()

    document.build(pdf.story(), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
