"""The small text markup of the content fields, rendered in one place.

Editors write plain text with a few conventions that the documents' own layout needs:

- a blank line starts a new paragraph; a single line break stays a line break;
- a line starting with "- " is a bullet, "1. " or "1) " a numbered item, and the first number
  is kept ("3. " starts a list at 3); indenting under an item nests a list in it;
- a line starting with "# " is a subheading (one level below the heading it stands under,
  "## " two levels);
- "[words](https://…)" is a link (http, https and mailto only), "*words*" emphasis and
  "**words**" strong emphasis;
- a backslash keeps a character literal: "2005\\. " at the start of a line is not a list.

Everything else is text: raw HTML is shown as typed, and the rendered HTML passes an allow-list
sanitiser (nh3), so no markup an editor types can add a script, a style, an attribute other
than a link's address, or an address of another scheme (javascript:, data:).

`render()` is what pages show (through the `markup` template filter); `plain_text()` is what
search indexing, spreadsheets for reading and worksheets see: the words, with no markup
characters.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Block rules the markup has; inline rules: line breaks, backslash escapes, links, emphasis.
BLOCK_RULES = ["heading", "list"]
INLINE_RULES = ["newline", "escape", "link", "emphasis"]
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong"}
ALLOWED_ATTRIBUTES = {"ol": {"start"}, "a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # "zero" has nothing but paragraphs; `breaks` keeps an editor's line break as a line break.
    return MarkdownIt("zero", {"breaks": True, "html": False}).enable(BLOCK_RULES + INLINE_RULES)


def _shift_headings(tokens: list[Token], level: int) -> None:
    """ "# " becomes <h{level}>, "## " one below, never deeper than <h6> (nor above <h2>: a page
    has one <h1>)."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            depth = int(token.tag[1:])
            token.tag = f"h{max(2, min(level + depth - 1, 6))}"


@lru_cache(maxsize=8192)
def _render(text: str, heading_level: int) -> str:
    parser = _parser()
    tokens = parser.parse(text)
    _shift_headings(tokens, heading_level)
    html = parser.renderer.render(tokens, parser.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def render(text: str | None, heading_level: int = 3) -> SafeString:
    """The text as sanitised HTML: paragraphs, line breaks, lists and subheadings whose top
    level is `heading_level`."""
    if not text or not text.strip():
        return mark_safe("")  # noqa: S308 – empty
    return mark_safe(_render(text.strip(), int(heading_level)))  # noqa: S308 – sanitised above


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


@lru_cache(maxsize=8192)
def _plain(text: str) -> str:
    blocks: list[str] = []
    lines: list[str] = []  # the lines of the list being read, one per item
    depth = 0
    numbers: list[int | None] = []  # the next number of each open list, None for bullets
    pending = ""  # an ordered item's number, put in front of its first line
    for token in _parser().parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            numbers.append(None if token.type == "bullet_list_open" else int(start or 1))
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
            depth -= 1
            if depth == 0:
                blocks.append("\n".join(lines))
                lines = []
        elif token.type == "list_item_open" and numbers and numbers[-1] is not None:
            pending = f"{numbers[-1]}. "
            numbers[-1] += 1
        elif token.type == "inline":
            content = _inline_text(token)
            if depth:
                lines.append(pending + content)
                pending = ""
            else:
                blocks.append(content)
    return "\n\n".join(block for block in blocks if block)


def plain_text(text: str | None) -> str:
    """The words of a marked-up text: paragraphs separated by a blank line, each list item on a
    line of its own (numbered items keep their number), no markup characters."""
    if not text or not text.strip():
        return ""
    return _plain(text.strip())
