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
