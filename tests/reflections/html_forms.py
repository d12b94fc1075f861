"""Read a form from HTML the way a browser without JavaScript would submit it."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, marker: str):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.depth = 0
        self.found = False
        self.action = None
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.found and self.marker in attrs:
            self.found, self.depth, self.action = True, 1, attrs.get("action")
            return
        if not self.found or self.depth == 0:
            return
        if tag == "form":
            self.depth += 1
        elif tag == "input" and attrs.get("name") and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in {"radio", "checkbox"} and "checked" not in attrs:
                return
            if kind in {"submit", "button"}:
                return
            default = "on" if kind == "checkbox" else ""
            self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._textarea is not None and tag == "textarea":
            value = "".join(self._text)
            # Browsers drop one newline right after <textarea>.
            self.fields.append((self._textarea, re.sub(r"^\r?\n", "", value)))
            self._textarea = None
        elif self.found and self.depth and tag == "form":
            self.depth -= 1


def form_fields(html: str, marker: str) -> dict[str, str]:
    """The fields of the first <form> with the attribute `marker` (e.g. "data-autosave-form")."""
    parser = _FormParser(marker)
    parser.feed(html)
    assert parser.found, f"no form with {marker}"
    return dict(parser.fields)
