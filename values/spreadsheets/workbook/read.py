"""Reading an uploaded workbook into rows of text, or the problems that stop it being read."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .. import reading
from ..columns import current_header
from ..formulas import restore
from .schema import SHEET_COLUMNS


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
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return restore(text)


def _invalid(message: str, sheet: str = "") -> WorkbookInvalid:
    return WorkbookInvalid([SheetProblem(sheet, None, message)])


def _open_book(data: bytes):
    if not data:
        raise _invalid(_("Filen er tom."))
    if len(data) > reading.MAX_FILE_BYTES:
        raise _invalid(
            str(
                reading.Budget().too_much(
                    _("den fylder mere end %(mb)s MB") % {"mb": reading.MAX_FILE_BYTES >> 20}
                )
            )
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _invalid(
            _(
                "Filen er ikke et Excel-regneark (.xlsx). Hent skabelonen og gem "
                "regnearket som «Excel-projektmappe (.xlsx)»."
            )
        )
    try:
        return reading.open_xlsx(data)
    except reading.SpreadsheetProblem as problem:
        raise _invalid(str(problem)) from problem


def _data_rows(header: list[str], table: reading.Table) -> list[SheetRow]:
    return [
        SheetRow(number, {h: cell_text(v) for h, v in zip(header, values, strict=False) if h})
        for number, values in table.rows
    ]


def unknown_columns(sheet_name: str, header: list[str]) -> list[str]:
    """Headers the sheet has that no column of the workbook is called (a typo, an own column)."""
    known = {column.header for column in SHEET_COLUMNS[sheet_name]}
    return [h for h in header if h and h not in known]


def read_sheets(data: bytes, notes: list[SheetProblem] | None = None) -> dict[str, list[SheetRow]]:
    """Every data sheet's rows, or WorkbookInvalid with the problems found.

    Columns the workbook does not know are left out and noted in `notes` for the preview.
    """
    book = _open_book(data)
    problems: list[SheetProblem] = []
    sheets: dict[str, list[SheetRow]] = {}
    budget = reading.Budget()
    try:
        for sheet_name, sheet_columns in SHEET_COLUMNS.items():
            if sheet_name not in book.sheetnames:
                problems.append(
                    SheetProblem(
                        sheet_name, None, _("Arket mangler. Brug skabelonen fra portalen.")
                    )
                )
                continue
            try:
                table = reading.xlsx_table(book, sheet_name, budget, label=sheet_name)
            except reading.SpreadsheetProblem as problem:
                raise _invalid(str(problem)) from problem
            # A workbook made before a column was renamed still reads into that column.
            header = [current_header(cell_text(h)) for h in table.header]
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
            if notes is not None and (unknown := unknown_columns(sheet_name, header)):
                notes.append(
                    SheetProblem(
                        sheet_name,
                        1,
                        _("Kolonnerne %(columns)s kendes ikke og bliver ikke importeret.")
                        % {"columns": ", ".join(f"«{c}»" for c in unknown)},
                    )
                )
            sheets[sheet_name] = _data_rows(header, table)
    finally:
        book.close()
    if problems:
        raise WorkbookInvalid(problems)
    if not any(sheets.values()):
        raise _invalid(_("Regnearket er tomt. Udfyld arkene først."))
    return sheets
