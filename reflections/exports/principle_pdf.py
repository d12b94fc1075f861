"""A published principle as a print-ready PDF: the same text as its public page, in Danish.

Made like the result PDF (reportlab, DejaVu fonts for the Danish letters); never a name.
"""

from __future__ import annotations

import io

from django.utils import formats, translation

from .pdf import _fonts, _para


def _styles():
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10.5, leading=15)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=23),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=bold, fontSize=13, leading=17, spaceBefore=10,
            spaceAfter=4, keepWithNext=1,
        ),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=14, bulletIndent=4),
        "meta": ParagraphStyle(
            "meta", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#4a4a4a")
        ),
    }  # fmt: skip


def _date(value) -> str:
    from datetime import date

    return formats.date_format(date.fromisoformat(str(value)), "j. F Y")


def _story(context: dict) -> list:
    from reportlab.platypus import Paragraph

    styles = _styles()
    version = context["version"]
    content = version.content

    def para(text: str, style: str, **kwargs) -> Paragraph:
        return Paragraph(_para(text), styles[style], **kwargs)

    story = [
        para(content["title"], "title"),
        para(f"{context['school_name']} · {context['board_name']}", "base"),
        para(f"Princip for {version.area_label}", "meta"),
    ]
    for section in content["sections"]:
        story.append(para(section["title"], "h2"))
        for line in section["lines"]:
            bullet = line["kind"] == "bullet"
            story.append(
                para(
                    line["text"], "bullet" if bullet else "base", bulletText="•" if bullet else None
                )
            )
            if line["cites"]:
                cites = "; ".join(cite["label"] for cite in line["cites"])
                story.append(para(f"Bygger på: {cites}", "meta"))
    story += [
        para(f"Drøftet og godkendt i skolebestyrelsen den {_date(version.approved_on)}.", "h2"),
        para(f"Evalueres senest {_date(version.review_by)}.", "base"),
    ]
    return story


def principle_pdf(context: dict) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    version = context["version"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=version.content["title"],
        author=context["board_name"],
        lang="da",
    )
    footer_text = f"{version.content['title']} – {context['school_name']}"[:100]

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(_fonts()[0], 8)
        canvas.setFillColor(colors.HexColor("#4a4a4a"))
        canvas.drawString(20 * mm, 10 * mm, footer_text)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Side {doc.page}")
        canvas.restoreState()

    # The principle is Danish content: its dates are too, whatever the visitor's language.
    with translation.override("da"):
        document.build(_story(context), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
