"""The difference between two approved versions, line by line, for people and screen readers:
each changed line is marked <del>/<ins> with its words ("Fjernet", "Tilføjet"), never by colour
alone."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffRow:
    change: str  # "same", "removed" or "added"
    text: str
    heading: bool = False


def _rows(content: dict) -> list[tuple[str, bool]]:
    rows = [(content.get("title", ""), True)]
    for section in content.get("sections", []):
        rows.append((section["title"], True))
        rows += [(line["text"], False) for line in section["lines"]]
    return rows


def version_diff(old: dict, new: dict) -> list[DiffRow]:
    a, b = _rows(old), _rows(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    found: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            found += [DiffRow("same", text, heading) for text, heading in a[i1:i2]]
            continue
        found += [DiffRow("removed", text, heading) for text, heading in a[i1:i2]]
        found += [DiffRow("added", text, heading) for text, heading in b[j1:j2]]
    return found
