"""Sending spreadsheet files to the admin's import, as an editor's browser does."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def admin_url(model, action, *args):
    return reverse(f"admin:values_{model._meta.model_name}_{action}", args=args)


def upload(client, model, data: bytes, name: str, fmt=""):
    return client.post(
        admin_url(model, "import"),
        {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, data)},
    )


def csv_bytes(header: list[str], rows: list[list], encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """An XLSX file with these sheets (name → rows, the first row the header), in this order."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def patched_xlsx(data: bytes, replacements: dict[str, str], extra_rows: str = "") -> bytes:
    """`data` with patterns (regular expressions) replaced in every XML part, and `extra_rows`
    (XML) at the end of each sheet.

    What Excel or another program may write but openpyxl will not: characters escaped as
    `_x0007_`, a stored dimension that is wrong, thousands of empty rows below the data.
    """
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xml"):
                text = content.decode()
                for pattern, new in replacements.items():
                    text = re.sub(pattern, new, text)
                if extra_rows and info.filename.startswith("xl/worksheets/"):
                    text = text.replace("</sheetData>", extra_rows + "</sheetData>")
                content = text.encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def empty_rows_xml(first: int, count: int, styled: bool = True) -> str:
    """`count` rows without content from row `first` on (each with a styled empty cell)."""
    cell = '<c r="A{n}" s="1"/>' if styled else ""
    return "".join(f'<row r="{n}">{cell.format(n=n)}</row>' for n in range(first, first + count))
