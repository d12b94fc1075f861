"""Text that a spreadsheet would run as a formula, made harmless on export and restored on import.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` as a
formula (and strip a leading tab or carriage return first), so text someone typed – an editor's
content or a board's answer – could call HYPERLINK or worse in the reader's spreadsheet. Every
export writes such text with a leading apostrophe, which spreadsheets show as plain text. Text
that already starts with apostrophes before such a character gets one more, so that `restore` is
the exact inverse and an exported file imports back unchanged.
"""

from __future__ import annotations

import tablib

#: A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """`value` with an apostrophe in front if a spreadsheet would run it as a formula."""
    if value and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo `neutralise` on imported text."""
    if value and value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutralise_cell(value):
    """A cell of any type: text is neutralised, numbers, dates and None pass unchanged."""
    return neutralise(value) if isinstance(value, str) else value


def neutralise_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of `dataset` with every text cell neutralised (for any dataset, whoever built it)."""
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([neutralise_cell(cell) for cell in row])
    return safe
