"""The worksheet's dates as an iCalendar file (RFC 5545) that Outlook, Google and Apple open.

All-day events: the answer deadline, the meeting and each next step with a day in "Hvornår".
Written by hand – a few lines of a simple format – with the escaping and line folding it needs.
"""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import NextStep, Worksheet

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (never cutting a UTF-8 letter)."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


def _event(uid: str, day: datetime.date, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def worksheet_calendar(
    worksheet: Worksheet, steps: list[tuple[NextStep, datetime.date | None]]
) -> bytes:
    # A stable id per event that doesn't reveal the worksheet's address.
    base = hashlib.sha256(f"forældresamarbejde:{worksheet.key}".encode()).hexdigest()[:24]
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    where = f"{worksheet.title} – {worksheet.school_name}"
    events: list[str] = []
    if worksheet.answer_by:
        summary = _("Svarfrist: %(title)s") % {"title": worksheet.title}
        events += _event(f"{base}-svarfrist", worksheet.answer_by, summary, where, stamp)
    if worksheet.meeting_date:
        summary = _("Møde om %(title)s") % {"title": worksheet.title}
        events += _event(f"{base}-moede", worksheet.meeting_date, summary, where, stamp)
    for step, day in steps:
        if day is None:
            continue
        summary = _("Næste skridt: %(what)s") % {"what": step.what}
        description = "\n".join(
            part for part in (where, _("Hvem: %(who)s") % {"who": step.who} if step.who else "")
            if part
        )  # fmt: skip
        events += _event(f"{base}-skridt-{step.pk}", day, summary, description, stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Forældresamarbejde//Arbejdsark//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *events,
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
