"""Template filters for the editors' admin pages."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

STYLE_ATTRIBUTE = re.compile(r'\sstyle="[^"]*"')


@register.filter
def without_inline_styles(html: str) -> str:
    """Drop style="" attributes from django-import-export's diff HTML (a strict CSP forbids them).

    The input is the library's own escaped diff markup; only attributes are removed.
    """
    return mark_safe(STYLE_ATTRIBUTE.sub("", str(html)))  # noqa: S308


@register.filter
def sheet_row(number) -> int:
    """import-export counts data rows from 1; a spreadsheet shows the header as row 1."""
    try:
        return int(number) + 1
    except (TypeError, ValueError):
        return number
