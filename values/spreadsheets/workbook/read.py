"""Reading an uploaded workbook into rows of text, or the problems that stop it being read."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..columns import current_header
from ..formulas import restore
from .schema import MAX_ROWS, SHEET_COLUMNS


@dataclass
class SheetProblem:
    """Something in the workbook that stops the import, with where it is."""

    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.sheet and self.row:
            return _("Arket «%(sheet)s», række %(row)s: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "message": self.message,
            }
        if self.sheet:
            return _("Arket «%(sheet)s»: %(message)s") % {
                "sheet": self.sheet,
                "message": self.message,
            }
        return self.message


class WorkbookInvalid(Exception):
    def __init__(self, problems: list[SheetProblem]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class SheetRow:
    """One filled row of a sheet: its number as the spreadsheet shows it, and its cells as text."""

    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").strip()
    return restore(text)


def _invalid(message: str) -> WorkbookInvalid:
    return WorkbookInvalid([SheetProblem("", None, message)])


def _open_book(data: bytes):
    import openpyxl

    if not data:
        raise _invalid(_("Filen er tom."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _invalid(
            _(
                "Filen er ikke et Excel-regneark (.xlsx). Hent skabelonen og gem "
                "regnearket som «Excel-projektmappe (.xlsx)»."
            )
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 – any parser failure means "not a workbook"
        raise _invalid(_("Filen kunne ikke læses som et Excel-regneark (.xlsx).")) from error


def _data_rows(sheet_name: str, header: list[str], rows: Iterator, before: int) -> list[SheetRow]:
    """The filled rows below the header; `before` rows were read from earlier sheets."""
    found = []
    for number, values in enumerate(rows, start=2):
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        if before + len(found) + 1 > MAX_ROWS:
            raise WorkbookInvalid(
                [
                    SheetProblem(
                        sheet_name,
                        number,
                        _(
                            "Regnearket har mere end %(max)s rækker. Så stor er ingen "
                            "ramme – er det den rigtige fil?"
                        )
                        % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                    )
                ]
            )
        found.append(SheetRow(number, {h: t for h, t in zip(header, texts, strict=False) if h}))
    return found


def read_sheets(data: bytes) -> dict[str, list[SheetRow]]:
    """Every data sheet's rows, or WorkbookInvalid with the problems found."""
    book = _open_book(data)
    problems: list[SheetProblem] = []
    sheets: dict[str, list[SheetRow]] = {}
    total = 0
    try:
        for sheet_name, sheet_columns in SHEET_COLUMNS.items():
            if sheet_name not in book.sheetnames:
                problems.append(
                    SheetProblem(
                        sheet_name, None, _("Arket mangler. Brug skabelonen fra portalen.")
                    )
                )
                continue
            rows = book[sheet_name].iter_rows(values_only=True)
            # A workbook made before a column was renamed still reads into that column.
            header = [current_header(cell_text(h)) for h in next(rows, ())]
            missing = [
                col.header for col in sheet_columns if col.required and col.header not in header
            ]
            if missing:
                problems.append(
                    SheetProblem(
                        sheet_name,
                        1,
                        _("Kolonnerne %(columns)s mangler i overskriftsrækken.")
                        % {"columns": ", ".join(f"«{c}»" for c in missing)},
                    )
                )
                continue
            sheets[sheet_name] = _data_rows(sheet_name, header, rows, total)
            total += len(sheets[sheet_name])
    finally:
        book.close()
    if problems:
        raise WorkbookInvalid(problems)
    if not any(sheets.values()):
        raise _invalid(_("Regnearket er tomt. Udfyld arkene først."))
    return sheets
