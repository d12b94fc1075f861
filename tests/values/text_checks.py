"""What leftovers of PDF extraction look like, so content tests can say where they remain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db import models

from values.markup import plain_text

# A word split at a line break and joined with a space: "forvent- ningsafstemme". A hyphen
# before "og"/"eller"/"samt" is a real one ("børne- og ungeområdet").
LINE_BREAK_HYPHEN = re.compile(r"[a-zæøå]-\s+(?!(?:og|eller|samt)\b)[a-zæøå]")
# Hyphens followed by a space that the documents themselves print mid-line (checked against the
# source text), so they are not line-break leftovers: København's literature list cites
# Lund (2021), "Fra fravær til fællesskab- hvad kan skolen gøre?".
PRINTED_HYPHENS = ("fællesskab- hvad",)
# Bullet glyphs, including the private-use glyphs Word's symbol fonts leave in extracted text.
BULLET = re.compile(r"[•●▪◦■►➢\ue000-\uf8ff]|››|^[ \t]*[–—-][ \t]", re.MULTILINE)
DOUBLE_SPACE = re.compile(r"  ")
# Page furniture: "Side 1 af 3", "2 / 3", or a line that is only a page number.
PAGE_REMNANT = re.compile(r"\bSide \d+ af \d+\b|^\s*\d+\s*/\s*\d+\s*$|^\s*\d+\s*$", re.MULTILINE)


CHECKS = {
    "line-break hyphen": LINE_BREAK_HYPHEN,
    "bullet glyph": BULLET,
    "double space": DOUBLE_SPACE,
    "page remnant": PAGE_REMNANT,
}


def flaws(text: str, checks: Iterable[str] = CHECKS) -> list[str]:
    """Names of the extraction leftovers found in `text`, with the offending snippet."""
    printed = [m.span() for phrase in PRINTED_HYPHENS for m in re.finditer(re.escape(phrase), text)]
    found = []
    for name in checks:
        for match in CHECKS[name].finditer(text):
            if name == "line-break hyphen" and any(
                a <= match.start() and match.end() <= b for a, b in printed
            ):
                continue
            start = max(match.start() - 20, 0)
            found.append(f"{name}: …{text[start : match.end() + 20]!r}…")
    return found


# Not prose: a theme's number is a bare digit by design, slugs and URLs are machine text.
NOT_PROSE = {"number"}


def text_values(instance: models.Model) -> Iterator[tuple[str, str]]:
    """(field name, value) for every non-empty prose field of a model instance; long text
    fields hold the content markup (values.markup), so their words are checked, not the list
    markers."""
    for field in instance._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.URLField)
            and not field.choices
            and field.name not in NOT_PROSE
        ):
            value = getattr(instance, field.attname)
            if isinstance(field, models.TextField):
                value = plain_text(value)
            if value:
                yield field.name, value


def flaws_in(instances: Iterable[models.Model], checks: Iterable[str] = CHECKS) -> list[str]:
    """Every leftover in every text field, labelled with its record, for a readable failure."""
    checks = list(checks)
    return [
        f"{type(obj).__name__} {obj.pk} {name}: {flaw}"
        for obj in instances
        for name, value in text_values(obj)
        for flaw in flaws(value, checks)
    ]
