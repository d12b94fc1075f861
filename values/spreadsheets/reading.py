"""Reading an uploaded spreadsheet within hard limits, cell by cell, into plain rows.

Every import – the per-model files (values.spreadsheets.formats) and the framework workbook
(values.spreadsheets.workbook.read) – reads its file here, so every upload has the same limits
and the same checks:

- Limits on the file's size (packed and unpacked), on rows, columns and filled cells, and on the
  time spent reading. An XLSX sheet is streamed with openpyxl's own parser, row by row, without
  trusting the sheet's stored dimension (which may claim columns up to XFD, or be smaller than
  the data); reading stops at the first limit broken.
- Rows without any filled cell are skipped (spreadsheets often carry thousands below the data).
- A cell with a control character (NUL, BEL, ESC, form feed …) or a formula without a stored
  result stops the file, named by its cell, before anything reaches the database.
"""

from __future__ import annotations

import csv
import gc
import io
import re
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..text import CONTROL_CHARACTERS

#: Data rows in one file (for the workbook: all sheets together). The largest shipped framework
#: has about 130 items and questions, so this leaves room for any real document, and a preview
#: of this many rows answers within two seconds (bench/imports.py).
MAX_ROWS = 300
#: Columns with content; the widest sheet has twelve.
MAX_COLUMNS = 30
#: Filled cells in one file.
MAX_CELLS = 4_500
#: Size of the uploaded file, and of everything inside an XLSX file once unpacked.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
#: Cell elements an XLSX sheet may hold, filled or not: a styled empty cell costs as much time
#: to read as a filled one (about 20 µs), and a sheet formatted down to row 1,048,576 is not rare.
MAX_CELL_ELEMENTS = 40_000
#: Seconds spent reading one file before it is refused.
MAX_SECONDS = 3.0

CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 11: "VT", 12: "FF", 27: "ESC", 127: "DEL"}
# How an XLSX file stores a character that XML cannot hold: _x0007_ for BEL.
XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def limits_text() -> str:
    """The limits, as the upload page and every refusal state them."""
    return _(
        "Højst %(rows)s rækker, %(columns)s kolonner og %(cells)s udfyldte celler pr. fil, "
        "og filen må højst fylde %(mb)s MB."
    ) % {
        "rows": _number(MAX_ROWS),
        "columns": MAX_COLUMNS,
        "cells": _number(MAX_CELLS),
        "mb": MAX_FILE_BYTES // (1024 * 1024),
    }


class SpreadsheetProblem(ValueError):
    """A file that cannot be imported; the message (in Danish) says where and why."""

    def __init__(self, message: str, sheet: str = ""):
        super().__init__(message)
        self.sheet = sheet


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class FormulaWithoutResult:
    """A formula cell whose file holds no calculated value (written by a program, not Excel)."""


FORMULA = FormulaWithoutResult()


@dataclass
class Table:
    """One sheet's header and its filled rows, each with its row number in the spreadsheet."""

    name: str
    header: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)


class Budget:
    """What one file may still cost; shared by all the sheets of a workbook."""

    def __init__(self):
        self.rows = 0
        self.cells = 0
        self.elements = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def too_much(self, what: str) -> SpreadsheetProblem:
        return SpreadsheetProblem(
            _("Filen er for stor: %(what)s. %(limits)s Del den op i flere filer.")
            % {"what": what, "limits": limits_text()}
        )

    def spend(self, filled: int, elements: int) -> None:
        self.rows += 1
        self.cells += filled
        self.elements += elements
        if self.rows > MAX_ROWS:
            raise self.too_much(_("den har mere end %(n)s rækker") % {"n": _number(MAX_ROWS)})
        if self.cells > MAX_CELLS:
            raise self.too_much(
                _("den har mere end %(n)s udfyldte celler") % {"n": _number(MAX_CELLS)}
            )
        self.check()

    def skip(self, elements: int) -> None:
        self.elements += elements
        self.check()

    def check(self) -> None:
        if self.elements > MAX_CELL_ELEMENTS:
            raise self.too_much(
                _(
                    "den har for mange celler – også tomme celler med formatering tæller. Slet "
                    "de tomme rækker og kolonner uden for dataene, og gem filen igen"
                )
            )
        if time.monotonic() > self.deadline:
            raise self.too_much(_("den tager for lang tid at læse"))


def _where(sheet: str, row: int, column: int, header: list[str]) -> str:
    name = header[column - 1] if 0 < column <= len(header) and header[column - 1] else ""
    cell = f"{column_letter(column)}{row}"
    where = _("celle %(cell)s") % {"cell": cell}
    if name:
        where = _("celle %(cell)s (kolonnen «%(name)s»)") % {"cell": cell, "name": name}
    if sheet:
        where = _("Arket «%(sheet)s», %(where)s") % {"sheet": sheet, "where": where}
    return where[0].upper() + where[1:]


def check_cell(value, sheet: str, row: int, column: int, header: list[str]) -> None:
    """Refuse a cell a text field must never hold, naming it."""
    if value is FORMULA:
        raise SpreadsheetProblem(
            _(
                "%(where)s er en formel uden et gemt resultat. Skriv værdien i stedet for "
                "formlen, eller åbn filen i Excel og gem den igen."
            )
            % {"where": _where(sheet, row, column, header)},
            sheet,
        )
    if isinstance(value, str) and (found := CONTROL_CHARACTERS.search(value)):
        code = ord(found.group())
        raise SpreadsheetProblem(
            _(
                "%(where)s indeholder et usynligt styretegn (%(name)s), som ikke er tekst. "
                "Fjern det og upload filen igen."
            )
            % {
                "where": _where(sheet, row, column, header),
                "name": CONTROL_NAMES.get(code, f"U+{code:04X}"),
            },
            sheet,
        )


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def collect(
    name: str, raw_rows: Iterable[tuple[int, dict[int, object], int]], budget: Budget
) -> Table:
    """Raw rows (number, {column: value}, cell elements) into a checked Table."""
    table = Table(name, [])
    header_seen = False
    for number, cells, elements in raw_rows:
        filled = {col: value for col, value in cells.items() if _filled(value)}
        if not filled:
            budget.skip(elements)
            continue
        widest = max(filled)
        if widest > MAX_COLUMNS:
            raise budget.too_much(
                _("celle %(cell)s ligger ud over kolonne %(last)s")
                % {
                    "cell": f"{column_letter(widest)}{number}",
                    "last": column_letter(MAX_COLUMNS),
                }
            )
        for col, value in filled.items():
            check_cell(value, name, number, col, table.header)
        if not header_seen:
            header_seen = True
            table.header = [_header_text(filled.get(c)) for c in range(1, widest + 1)]
            budget.skip(elements)
            continue
        budget.spend(len(filled), elements)
        table.rows.append((number, [filled.get(c) for c in range(1, widest + 1)]))
    return table


def _header_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# CSV ------------------------------------------------------------------------------------------


def csv_table(text: str, budget: Budget | None = None) -> Table:
    """A CSV file's text (semicolons or commas, whichever the first line uses) as a Table."""
    budget = budget or Budget()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    csv.field_size_limit(MAX_FILE_BYTES)

    def raw_rows() -> Iterator[tuple[int, dict[int, object], int]]:
        for row in reader:
            yield reader.line_num, {i: v for i, v in enumerate(row, start=1) if v}, len(row)

    try:
        return collect("", raw_rows(), budget)
    except csv.Error as error:
        raise SpreadsheetProblem(
            _("Filen kunne ikke læses som CSV (linje %(line)s).") % {"line": reader.line_num}
        ) from error


# XLSX -----------------------------------------------------------------------------------------


def _sheet_parser_class():
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class SheetParser(WorkSheetParser):
        """openpyxl's parser, keeping nothing per row and marking formulas without a value."""

        def parse_row(self, row):
            if "r" in row.attrib:
                self.row_counter = int(float(row.attrib["r"]))
            else:
                self.row_counter += 1
            self.col_counter = 0
            return self.row_counter, [self.parse_cell(element) for element in row]

        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = FORMULA
            elif isinstance(cell["value"], str) and "_x" in cell["value"]:
                cell["value"] = XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), cell["value"])
            return cell

    return SheetParser


def open_xlsx(data: bytes):
    """The workbook, read-only, once the file is known to unpack within the limits."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetProblem(_("Filen kunne ikke læses som XLSX (et Excel-regneark).")) from (
            error
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise Budget().too_much(_("den fylder for meget, når den pakkes ud"))
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 – any parser failure means "not a workbook"
        raise SpreadsheetProblem(_("Filen kunne ikke læses som XLSX (et Excel-regneark).")) from (
            error
        )


def xlsx_table(book, sheet_name: str, budget: Budget, label: str = "") -> Table:
    """One sheet of an open workbook as a Table; `label` names the sheet in messages."""
    sheet = book[sheet_name]
    parser_class = _sheet_parser_class()

    def raw_rows() -> Iterator[tuple[int, dict[int, object], int]]:
        with sheet._get_source() as source:
            parser = parser_class(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for number, cells in parser.parse():
                values = {c["column"]: c["value"] for c in cells if c["value"] is not None}
                yield number, values, len(cells)

    # The XML parser keeps every (cleared) row element until the sheet ends; the cyclic garbage
    # collector would walk them all again and again, so it waits until the sheet is read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return collect(label, raw_rows(), budget)
    except SpreadsheetProblem:
        raise
    except Exception as error:  # noqa: BLE001 – broken XML inside the file
        raise SpreadsheetProblem(
            _("Arket «%(sheet)s» kunne ikke læses.") % {"sheet": sheet_name}, label
        ) from error
    finally:
        if collecting:
            gc.enable()


def xlsx_first_table(data: bytes) -> Table:
    """The active sheet of an XLSX file (the sheet Excel opens with), as one file's Table."""
    book = open_xlsx(data)
    try:
        return xlsx_table(book, book.active.title, Budget())
    finally:
        book.close()
