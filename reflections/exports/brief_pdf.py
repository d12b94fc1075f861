"""The brief for the skoleudviklingssamtale as a print-ready PDF: the same as its board page
(reflections.brief), in Danish, never a name. Made like the principle PDF."""

from __future__ import annotations

import io

from django.utils import formats, translation
from django.utils.translation import gettext as _

from .pdf import _fonts, _para
from .principle_pdf import _styles


def _date(value) -> str:
    return formats.date_format(value, "j. F Y")


def _principles(context: dict, para) -> list:
    story = [para(_("Bestyrelsens principper"), "h2")]
    for version in context["versions"]:
        content = version.content
        review = (
            _("skulle have været evalueret senest %(date)s")
            if version.review_due
            else _("evalueres senest %(date)s")
        ) % {"date": _date(version.review_by)}
        story += [
            para(content["title"], "h3"),
            para(f"{_('Godkendt')} {_date(version.approved_on)} · {review}", "meta"),
        ]
        for section in content["sections"]:
            story.append(para(section["title"], "h4"))
            for line in section["lines"]:
                bullet = line["kind"] == "bullet"
                style = "bullet" if bullet else "base"
                story.append(para(line["text"], style, bulletText="•" if bullet else None))
    if not context["versions"]:
        story.append(para(_("Bestyrelsen har ikke godkendt nogen principper endnu."), "base"))
    return story


def _answers(context: dict, para, table, groups_table) -> list:
    story = [para(_("Bestyrelsens seneste fælles svar"), "h2")]
    for chain in context["chains"]:
        story.append(para(f"{chain.latest.title} ({chain.latest.school_year})", "h3"))
        if not chain.answered:
            none_yet = _("Ingen fælles svar i %(year)s endnu.")
            story.append(para(none_yet % {"year": chain.latest.school_year}, "base"))
        for line in chain.answered:
            answer = line.agreed
            story.append(para(f"{line.number}. {line.question.text}", "h4"))
            if answer.rating:
                story.append(para(answer.get_rating_display(), "base"))
            if answer.text:
                story.append(para(answer.text, "base"))
            if answer.evidence:
                story.append(para(f"{_('Hvordan ved vi det?')} {answer.evidence}", "meta"))
        if chain.rated:
            story += [para(_("Fælles vurderinger skoleår for skoleår"), "h4"), table(chain)]
        if chain.with_groups:
            story += [
                para(_("Andre gruppers vurderinger ved siden af bestyrelsens"), "h4"),
                groups_table(chain),
                para(
                    _("Andre grupper vises kun, når mindst 5 har svaret, så ingen kan genkendes."),
                    "meta",
                ),
            ]
    if not context["chains"]:
        story.append(para(_("Bestyrelsen har ingen fælles svar endnu."), "base"))
    return story


def brief_pdf(context: dict) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = _styles()
    styles["h3"] = ParagraphStyle("h3", parent=styles["h2"], fontSize=11.5, leading=15)
    styles["h4"] = ParagraphStyle(
        "h4", parent=styles["base"], fontName=_fonts()[1], spaceBefore=4, keepWithNext=1
    )
    cell = ParagraphStyle("cell", parent=styles["base"], fontSize=8.5, leading=11)

    def para(text: str, style: str, **kwargs) -> Paragraph:
        return Paragraph(_para(text), styles[style], **kwargs)

    def grid(rows: list[list], widths: list[float]) -> Table:
        data = [[Paragraph(_para(str(value)), cell) for value in row] for row in rows]
        result = Table(data, colWidths=widths, repeatRows=1)
        result.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bfbfbf")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return result

    def table(chain) -> Table:
        not_rated = _("ikke vurderet")
        rows = [[_("Nr."), _("Indikator"), *chain.years]]
        for line in chain.rated:
            ratings = [
                a.get_rating_display() if a and a.rating else not_rated for a in line.ratings
            ]
            rows.append([str(line.number), line.question.text, *ratings])
        year_width = min(25 * mm, 100 * mm / len(chain.years))
        widths = [10 * mm, 170 * mm - 10 * mm - year_width * len(chain.years)]
        return grid(rows, [*widths, *[year_width] * len(chain.years)])

    def groups_table(chain) -> Table:
        rows = [[_("Nr."), _("Indikator"), _("Bestyrelsen"), _("Andre grupper")]]
        for line in chain.with_groups:
            agreed = line.agreed
            board = agreed.get_rating_display() if agreed and agreed.rating else _("ikke vurderet")
            others = "\n".join(
                f"{g.name} ({g.responses} {_('svar')}): {g.summary}" for g in line.groups
            )
            rows.append([str(line.number), line.question.text, board, others])
        return grid(rows, [10 * mm, 70 * mm, 25 * mm, 65 * mm])

    space = context["space"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Til skoleudviklingssamtalen – {space.school_name}",
        author=space.board_name,
        lang="da",
    )
    # The board's content is Danish: the brief is too, whatever the visitor's language.
    with translation.override("da"):
        story = [
            para(_("Til skoleudviklingssamtalen"), "title"),
            para(f"{space.school_name} · {space.board_name} · {_date(context['today'])}", "base"),
            *_principles(context, para),
            *_answers(context, para, table, groups_table),
        ]
        document.build(story)
    return buffer.getvalue()
