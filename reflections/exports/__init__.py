"""What a board takes away: the result as PDF, the answers as Excel and CSV, its dates (.ics).

The file names say school, worksheet and day, so a folder of downloads sorts itself.
"""

from __future__ import annotations

from django.utils import formats, timezone

from values.models import danish_slugify

from ..models import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(worksheet: Worksheet, extension: str, *, kind: str = "") -> str:
    """ASCII only, so the header needs no encoding, e.g.
    "skovvejens-skole-vaerdier-i-samarbejdet-2026-12-07.pdf"."""
    stem = danish_slugify(f"{worksheet.school_name} {worksheet.title} {kind}", max_length=90)
    day = timezone.localdate().isoformat()
    return f"{stem}-{day}.{extension}"


def local_time(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
