"""The board's result as a PDF: the agreed answers, who took part, the ratings and the steps.

Made with reportlab (platypus) and the DejaVu fonts in static/fonts, for the Danish letters.
"""

from __future__ import annotations

import io
from functools import cache
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Participant, QuestionKind
from ..results import Result
from . import local_time as _local

FONT_DIR = settings.BASE_DIR / "static" / "fonts"


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

    def __init__(self, result: Result, members: list[Participant], *, with_members: bool):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import TableStyle

        self.result, self.members, self.with_members = result, members, with_members
        self.regular, bold = _fonts()
        base = ParagraphStyle("base", fontName=self.regular, fontSize=10, leading=14)
        self.styles = {
            "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=23),
            # keepWithNext: a heading moves to the next page with what it heads, never alone.
            "h2": ParagraphStyle(
                "h2", parent=base, fontName=bold, fontSize=13, leading=17, spaceBefore=10,
                spaceAfter=4, keepWithNext=1,
            ),
            "question": ParagraphStyle(
                "question", parent=base, fontName=bold, spaceBefore=8, keepWithNext=1
            ),
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
            *self.participants(),
            Spacer(1, 4 * mm),
        ]
        for section in result.sections:
            heading = [self.paragraph(section.section.title, "h2")]
            for q in section.questions:
                # The section heading goes with its first question, the question with the
                # start of its answer: a page never ends on a heading.
                block = self.question_block(q)
                story.append(KeepTogether(heading + block[:3]))
                story.extend(block[3:])
                heading = []
            story.extend(heading)
        if result.rated:
            story += [self.paragraph(_("Vurderinger"), "h2"), self.ratings_table()]
        if result.rated and result.earlier_years:
            story += [self.paragraph(_("Udviklingen fra år til år"), "h2"), self.years_table()]
        if result.steps:
            story += [self.paragraph(_("Næste skridt"), "h2"), self.steps_table(result.steps)]
        return story

    def participants(self) -> list:
        """Who took part: everyone who joined the worksheet with their name."""
        if not self.members:
            return []
        names = ", ".join(member.display_name for member in self.members)
        label = _("Deltagere (%(count)d):") % {"count": len(self.members)}
        return [self.paragraph(f"{label} {names}", "base")]

    def question_block(self, q) -> list:
        question = q.question
        block = [self.paragraph(f"{q.number}. {question.text}", "question")]
        if question.context:
            block.append(self.paragraph(question.context, "meta"))
        if question.kind != QuestionKind.NEXT_STEPS:
            block += [self.paragraph(line, "answer") for line in self.agreed_lines(q.agreed)]
            block += [self.paragraph(line, "member") for line in self.last_year_lines(q)]
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

    def last_year_lines(self, q) -> list[str]:
        """Last school year's agreed answer and the change of the rating since."""
        if not self.result.earlier_years:
            return []
        year = self.result.earlier_years[-1]
        label = _("Sidste skoleår (%(year)s)") % {"year": year}
        answer = q.last_year
        if not (answer and answer.is_answered):
            lines = [f"{label}: {_('ikke besvaret')}"]
        else:
            parts = [answer.get_rating_display()] if answer.rating else []
            parts += [answer.text] if answer.text else []
            lines = [f"{label}: {' – '.join(parts)}"]
        if q.change:
            lines.append(f"{_('Ændring i vurderingen')}: {q.change}")
        return lines

    def years_table(self):
        """The agreed rating of every rated question in every school year, and the change."""
        from reportlab.lib.units import mm

        years = [*self.result.earlier_years, self.result.worksheet.school_year]
        header = [_("Nr."), _("Indikator"), *years, _("Ændring")]
        data = [[self.paragraph(label, "th") for label in header]]
        for q in self.result.rated:
            ratings = [
                a.get_rating_display() if a and a.rating else "–" for a in [*q.earlier, q.agreed]
            ]
            change = q.change.label if q.change and q.change.label else "–"
            values = [q.number, q.question.text, *ratings, change]
            data.append([self.paragraph(value, "cell") for value in values])
        # The page's 174 mm: number, question, a column per year (narrower as years add up),
        # and the change.
        year_width = min(25 * mm, 90 * mm / len(years))
        question_width = 174 * mm - 38 * mm - year_width * len(years)
        return self.table(data, [10 * mm, question_width, *[year_width] * len(years), 28 * mm])

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


def result_pdf(result: Result, members: list[Participant], *, with_members: bool = False) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    pdf = _PdfStory(result, members, with_members=with_members)
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
