"""The file formats editors import and export (CSV for Danish Excel, XLSX, JSON), reading an
uploaded file into rows with a Danish explanation of anything that stops it, and importing or
exporting a file with one of values.spreadsheets.resources."""

from __future__ import annotations

import json

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from .formulas import neutralise_dataset

#: A file with more data rows than this is refused as a whole; the largest framework has a few
#: hundred rows, so anything bigger is a mistake (a wrong file, a whole database dump).
MAX_IMPORT_ROWS = 5000

#: How files that are not text start (zip – so XLSX –, PDF, old Office).
BINARY_STARTS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")


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
        in_stream = in_stream.removeprefix("\ufeff")
        first_line = in_stream.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return tablib.import_set(in_stream, format="csv", delimiter=delimiter)

    def export_data(self, dataset, **kwargs):
        safe = neutralise_dataset(dataset)
        return "\ufeff" + safe.export("csv", delimiter=";")


class SafeXLSX(base_formats.XLSX):
    def get_title(self):
        return "xlsx"

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


class SafeJSON(base_formats.JSON):
    def get_title(self):
        return "json"

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


FORMATS = [DanishCSV, SafeXLSX, SafeJSON]


class FileProblem(ValueError):
    """An uploaded file that cannot be imported at all; the message is for the editor."""


def read_dataset(data: bytes, format_class) -> tablib.Dataset:
    """Parse an uploaded file, or raise FileProblem with a Danish explanation."""
    if not data or not data.strip():
        raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))
    title = format_class().get_title().upper()
    fmt = format_class(encoding="utf-8-sig")
    content = data if fmt.is_binary() else _text_of(data, format_class, title)
    try:
        dataset = fmt.create_dataset(content)
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
    if b"\x00" in data[:4096] or data.startswith(BINARY_STARTS):
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
            _(
                "Filen har %(rows)s rækker. Der kan højst importeres %(max)s rækker ad gangen "
                "– del den op i flere filer."
            )
            % {
                "rows": f"{len(dataset):,}".replace(",", "."),
                "max": f"{MAX_IMPORT_ROWS:,}".replace(",", "."),
            }
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
