"""Highlighting, the same on both databases: escape first, then mark the matching words."""

from __future__ import annotations

from html import escape as html_escape

from django.utils.safestring import SafeString, mark_safe

from .query import WORD, Query, normalise


def _may_mark(text: str, query: Query) -> bool:
    """False when no word of `text` can be marked. A Danish Snowball stem is the start of its
    word, so a word to mark holds a query stem: a text without one (a hit found by its title or
    heading) need not be read word by word, which was most of a page of hits' highlighting."""
    folded = normalise(text)
    return any(stem in folded for stem in query.stems)


def _first_marked(text: str, query: Query) -> int:
    for match in WORD.finditer(text):
        if query.marks(match.group()):
            return match.start()
    return 0


def _excerpt(text: str, around: int, length: int) -> tuple[str, bool, bool]:
    """A window of about `length` characters that shows the word at `around`."""
    if len(text) <= length:
        return text, False, False
    start = max(0, around - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end], start > 0, end < len(text)


def highlight(text: str, query: Query, length: int | None = None) -> SafeString:
    """`text` (or an excerpt of it around the first matching word) escaped, with the words that
    match `query` in <mark>."""
    may_mark = _may_mark(text, query)
    before = after = False
    if length:
        around = _first_marked(text, query) if may_mark and len(text) > length else 0
        text, before, after = _excerpt(text, around, length)
    parts: list[str] = []
    position = 0
    for match in WORD.finditer(text) if may_mark else ():
        if query.marks(match.group()):
            parts.append(html_escape(text[position : match.start()]))
            parts.append(f"<mark>{html_escape(match.group())}</mark>")
            position = match.end()
    parts.append(html_escape(text[position:]))
    return mark_safe(("… " if before else "") + "".join(parts) + (" …" if after else ""))  # noqa: S308
