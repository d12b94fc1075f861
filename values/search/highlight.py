"""Highlighting, the same on both databases: escape first, then mark the matching words."""

from __future__ import annotations

from html import escape as html_escape

from django.utils.safestring import SafeString, mark_safe

from .query import WORD, Query


def _excerpt(text: str, query: Query, length: int) -> tuple[str, bool, bool]:
    """A window of about `length` characters around the first matching word."""
    if len(text) <= length:
        return text, False, False
    start = 0
    for match in WORD.finditer(text):
        if query.marks(match.group()):
            start = max(0, match.start() - length // 4)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end], start > 0, end < len(text)


def highlight(text: str, query: Query, length: int | None = None) -> SafeString:
    """`text` (or an excerpt of it) escaped, with the words that match `query` in <mark>."""
    before = after = False
    if length:
        text, before, after = _excerpt(text, query, length)
    parts: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        if query.marks(match.group()):
            parts.append(html_escape(text[position : match.start()]))
            parts.append(f"<mark>{html_escape(match.group())}</mark>")
            position = match.end()
    parts.append(html_escape(text[position:]))
    return mark_safe(("… " if before else "") + "".join(parts) + (" …" if after else ""))  # noqa: S308
