"""The file formats editors import and export (CSV for Danish Excel, XLSX, JSON), reading an
uploaded file into rows with a Danish explanation of anything that stops it, and importing or
exporting a file with one of values.spreadsheets.resources."""

from __future__ import annotations

import hashlib
import json
import re
import threading

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from . import columns
from .formulas import neutralise_dataset
from .reading import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Budget,
    SpreadsheetProblem,
    Table,
    check_cell,
    column_letter,
    csv_table,
    limits_text,
    xlsx_first_table,
)

#: A file with more data rows than this is refused as a whole (values.spreadsheets.reading).
MAX_IMPORT_ROWS = MAX_ROWS

#: How files that are not text start (zip – so XLSX –, PDF, old Office).
BINARY_STARTS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")


_recent = threading.local()


def remembered(data: bytes, read) -> tablib.Dataset:
    """`read()`, or a copy of the dataset read from the same bytes just before in this thread:
    the admin's import form checks the file, and django-import-export then reads it again."""
    key = hashlib.sha256(data).digest()
    if getattr(_recent, "key", None) != key:
        _recent.key, _recent.dataset = None, read()
        _recent.key = key
    original = _recent.dataset
    return tablib.Dataset(*original, headers=list(original.headers or []))


class DanishCSV(base_formats.CSV):
    """CSV that Danish Excel opens in columns: UTF-8 with BOM and semicolons.

    Danish Excel splits CSV on the list separator of the Danish locale (";") and only reads
    UTF-8 when the file starts with a BOM. On import either separator is accepted.
    """

    def get_title(self):
        return "csv"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        text = in_stream.removeprefix("\ufeff")
        return remembered(text.encode(), lambda: table_dataset(csv_table(text)))

    def export_data(self, dataset, **kwargs):
        safe = neutralise_dataset(dataset)
        return "\ufeff" + safe.export("csv", delimiter=";")


class SafeXLSX(base_formats.XLSX):
    def get_title(self):
        return "xlsx"

    def create_dataset(self, in_stream, **kwargs):
        # Within the limits of values.spreadsheets.reading, not tablib's read of every cell.
        data = in_stream.read() if hasattr(in_stream, "read") else in_stream
        return remembered(data, lambda: table_dataset(xlsx_first_table(data)))

    def export_data(self, dataset, **kwargs):
        return super().export_data(with_numbers(neutralise_dataset(dataset)), **kwargs)


#: columns whose values are whole numbers, written to XLSX as numbers (Excel sums and sorts
#: them as such, and flags no "number stored as text")
NUMERIC_COLUMNS = frozenset(
    {columns.ID, columns.PARENT, columns.PARENT_ITEM, columns.POSITION, columns.YEAR}
)
WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]{0,14}")


def with_numbers(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of `dataset` with the whole numbers of NUMERIC_COLUMNS as ints, not text."""
    numeric = [i for i, h in enumerate(dataset.headers or []) if h in NUMERIC_COLUMNS]
    if not numeric:
        return dataset
    out = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        cells = list(row)
        for i in numeric:
            if isinstance(cells[i], str) and WHOLE_NUMBER.fullmatch(cells[i]):
                cells[i] = int(cells[i])
        out.append(cells)
    return out


class SafeJSON(base_formats.JSON):
    def get_title(self):
        return "json"

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


FORMATS = [DanishCSV, SafeXLSX, SafeJSON]


#: An uploaded file that cannot be imported at all; the message is for the editor.
FileProblem = SpreadsheetProblem


def table_dataset(table: Table) -> tablib.Dataset:
    """A read Table as the tablib Dataset django-import-export imports."""
    width = max([len(table.header), *(len(values) for _, values in table.rows)])
    dataset = tablib.Dataset(headers=table.header + [""] * (width - len(table.header)))
    for _number, values in table.rows:
        dataset.append(values + [None] * (width - len(values)))
    return dataset


def check_dataset_cells(dataset: tablib.Dataset) -> None:
    """Every cell of a dataset read without values.spreadsheets.reading (JSON)."""
    headers = [str(h) if h is not None else "" for h in dataset.headers or []]
    for col, header in enumerate(headers, start=1):
        check_cell(header, "", 1, col, headers)
    for number, row in enumerate(dataset, start=2):
        for col, value in enumerate(row, start=1):
            check_cell(value, "", number, col, headers)


def read_dataset(data: bytes, format_class) -> tablib.Dataset:
    """Parse an uploaded file, or raise FileProblem with a Danish explanation."""
    if not data or not data.strip():
        raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))
    if len(data) > MAX_FILE_BYTES:
        raise Budget().too_much(_("den fylder mere end %(mb)s MB") % {"mb": MAX_FILE_BYTES >> 20})
    title = format_class().get_title().upper()
    fmt = format_class(encoding="utf-8-sig")
    content = data if fmt.is_binary() else _text_of(data, format_class, title)
    try:
        dataset = fmt.create_dataset(content)
        if issubclass(format_class, base_formats.JSON):
            check_dataset_cells(dataset)
    except SpreadsheetProblem:
        raise
    except Exception as error:  # noqa: BLE001 – any parser failure means "not readable"
        raise FileProblem(
            _("Filen kunne ikke læses som %(format)s. Er det et regneark i det valgte format?")
            % {"format": title}
        ) from error
    dataset = drop_blank_rows(dataset)
    _check_rows(dataset)
    return dataset


def _text_of(data: bytes, format_class, title: str) -> str:
    """A text format's content, once it is known to be UTF-8 text (and, for JSON, rows)."""
    # UTF-16 and binary files are full of NUL bytes; a stray NUL in text is named by its cell.
    if data[:4096].count(b"\x00") > 16 or data.startswith(BINARY_STARTS):
        raise FileProblem(
            _(
                "Filen kunne ikke læses som %(format)s. Er det et regneark i det valgte "
                "format? Et Excel-regneark skal importeres som XLSX."
            )
            % {"format": title}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "Filen er ikke gemt som UTF-8, så æ, ø og å kan ikke læses. Gem den i Excel "
                "som “CSV UTF-8 (kommasepareret)” og prøv igen."
            )
        ) from error
    if issubclass(format_class, base_formats.JSON):
        _check_json_rows(text)
    return text


def _check_json_rows(text: str) -> None:
    try:
        parsed = json.loads(text)
    except ValueError as error:
        raise FileProblem(
            _("Filen kunne ikke læses som JSON. Er det en fil eksporteret herfra?")
        ) from error
    if not isinstance(parsed, list) or not all(isinstance(r, dict) for r in parsed):
        raise FileProblem(
            _("JSON-filen skal være en liste af rækker, som en fil eksporteret herfra.")
        )
    if not parsed:
        raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))


def _check_rows(dataset: tablib.Dataset) -> None:
    if not dataset.headers or not any(h not in (None, "") for h in dataset.headers):
        raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))
    if len(dataset) == 0:
        raise FileProblem(_("Filen har kun overskrifter og ingen rækker at importere."))
    if len(dataset) > MAX_IMPORT_ROWS:
        raise FileProblem(
            _("Filen har %(rows)s rækker. %(limits)s Del den op i flere filer.")
            % {"rows": f"{len(dataset):,}".replace(",", "."), "limits": limits_text()}
        )


def drop_blank_rows(dataset: tablib.Dataset) -> tablib.Dataset:
    """Spreadsheets often carry empty rows below the data; they are not rows to import."""
    headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
    cleaned = tablib.Dataset(headers=headers)
    for row in dataset:
        if any(cell not in (None, "") and str(cell).strip() for cell in row):
            cleaned.append(row)
    return cleaned


def check_columns(dataset: tablib.Dataset, resource_class) -> None:
    missing = resource_class.missing_columns(dataset.headers)
    if missing:
        raise FileProblem(
            _(
                "Filen mangler kolonnerne: %(columns)s. Brug en fil eksporteret herfra som "
                "skabelon; kolonnernes navne skal stå i første række."
            )
            % {"columns": ", ".join(f"“{c}”" for c in missing)}
        )


def unknown_columns(dataset: tablib.Dataset, resource_class) -> list[str]:
    """Headers no column of the resource is called (a typo, a column of the editor's own), and
    columns with content but no header; they are not imported, and the preview says so."""
    known = {field.column_name for field in resource_class().get_import_fields()}
    unknown = []
    for index, header in enumerate(dataset.headers or [], start=1):
        name = columns.current_header(header)
        if not name:
            unknown.append(
                _("kolonne %(letter)s uden overskrift") % {"letter": column_letter(index)}
            )
        elif name not in known:
            unknown.append(name)
    return unknown


def export_bytes(resource_class, format_class, queryset=None) -> bytes:
    """Export with a resource and format, as bytes (used by tests and the workbook)."""
    dataset = resource_class().export(queryset)
    data = format_class().export_data(dataset)
    return data.encode("utf-8") if isinstance(data, str) else data


def import_file(resource_class, format_class, data: bytes, dry_run: bool, user=None):
    """Read and import a file the way the admin does: all rows or nothing."""
    dataset = read_dataset(data, format_class)
    check_columns(dataset, resource_class)
    return resource_class().import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )
