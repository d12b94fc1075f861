"""Filters for showing the documents' verbatim text."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _is_caps_heading(paragraph: str) -> bool:
    """The documents set some subheadings in capitals ("EN FÆLLES OPGAVE FOR …")."""
    letters = [c for c in paragraph if c.isalpha()]
    return (
        "\n" not in paragraph
        and len(paragraph) <= 120
        and len(letters) >= 4
        and all(c.isupper() for c in letters)
    )


@register.filter
def prose(text: str, heading_level: int = 0) -> SafeString:
    """Paragraphs ("\\n\\n") as <p>, lines ("\\n") as <br>; capitals-only short paragraphs as a
    heading of `heading_level` when given. Everything escaped."""
    parts = []
    for paragraph in PARAGRAPH_BREAK.split((text or "").strip()):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if heading_level and _is_caps_heading(paragraph):
            level = min(int(heading_level), 6)
            parts.append(f'<h{level} class="caps-heading">{escape(paragraph)}</h{level}>')
        else:
            lines = "<br>".join(escape(line.strip()) for line in paragraph.split("\n"))
            parts.append(f"<p>{lines}</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 – every piece is escaped above


@register.filter
def theme_label(theme) -> str:
    """ "Værditema 1" for a numbered theme, "" for the supplementary parts of a document."""
    if not theme.number:
        return ""
    return f"{theme.framework.theme_label} {theme.number}"
