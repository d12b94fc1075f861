"""What the chair needs before the meeting: who has answered how much, the invitation, the dates.

The portal keeps no e-mail addresses and no readable links (tokens are stored as hashes), so the
invitation is text for the chair to paste into Aula or a mail, with the member link filled in only
where the chair has it: right after making it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _

from .models import Answer, NextStep, Participant, Worksheet, WorksheetQuestion, WorksheetSection


@dataclass
class MemberProgress:
    participant: Participant
    per_section: list[tuple[WorksheetSection, int, int]]  # section, answered, questions

    @property
    def answered(self) -> int:
        return sum(answered for _section, answered, _total in self.per_section)

    @property
    def total(self) -> int:
        return sum(total for _section, _answered, total in self.per_section)


def member_progress(worksheet: Worksheet, participants=None) -> list[MemberProgress]:
    """Each member's own answers counted per section ("10 af 14 besvaret"), in four queries
    (three when the caller has the participants already)."""
    sections = list(worksheet.sections.all())
    totals = dict(
        WorksheetQuestion.objects.filter(worksheet=worksheet)
        .values_list("section_id")
        .annotate(n=Count("pk"))
    )
    given = (
        Answer.objects.filter(worksheet=worksheet, participant__isnull=False)
        .filter(~Q(text="") | ~Q(rating=""))
        .values_list("participant_id", "question__section_id")
        .annotate(n=Count("pk"))
    )
    counts = {(member, section): n for member, section, n in given}
    return [
        MemberProgress(
            participant,
            [(s, counts.get((participant.pk, s.pk), 0), totals.get(s.pk, 0)) for s in sections],
        )
        for participant in (worksheet.participants.all() if participants is None else participants)
    ]


def _day(value: datetime.date | None) -> str:
    return formats.date_format(value, "j. F Y") if value else ""


def invitation_text(worksheet: Worksheet, member_link: str = "") -> str:
    """The invitation to paste into Aula or a mail: what, by when, how, and the member link."""
    link = member_link or _("[Indsæt medlemslinket her]")
    lines = [
        _("Kære alle i %(board)s") % {"board": worksheet.board_name},
        "",
        _("Inden mødet vil jeg bede jer svare på arbejdsarket “%(title)s”.")
        % {"title": worksheet.title},
    ]
    if worksheet.answer_by:
        lines.append(_("Svar gerne senest %(day)s.") % {"day": _day(worksheet.answer_by)})
    if worksheet.meeting_date:
        lines.append(
            _("Vi taler svarene igennem på mødet %(day)s.") % {"day": _day(worksheet.meeting_date)}
        )
    if worksheet.estimated_minutes:
        lines.append(
            _("Det tager omkring %(minutes)d minutter.") % {"minutes": worksheet.estimated_minutes}
        )
    lines += [
        "",
        _("Sådan gør du:"),
        _("1. Åbn linket: %(link)s") % {"link": link},
        _("2. Skriv dit navn – fornavn er nok."),
        _("3. Svar på spørgsmålene med dine egne ord. Dine svar gemmes, mens du skriver."),
        _("4. Du kan se de andres svar og skrive videre på bestyrelsens fælles svar."),
        "",
        _("Linket er kun til bestyrelsen – del det ikke med andre. Skriv ikke om enkelte børn."),
    ]
    return "\n".join(lines)


# --- Dates of next steps -------------------------------------------------------------------------

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?\b")
_WORDS = re.compile(r"\b(\d{1,2})\.?\s*([a-zæøå]{3})[a-zæøå]*\.?(?:\s+(\d{4}))?", re.IGNORECASE)


def _date(year: int | None, month: int, day: int, today: datetime.date) -> datetime.date | None:
    try:
        if year is None:  # "15/3": the next 15 March from today
            found = datetime.date(today.year, month, day)
            return found if found >= today else datetime.date(today.year + 1, month, day)
        return datetime.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def step_date(when: str, today: datetime.date) -> datetime.date | None:
    """The day a board wrote in "Hvornår": "15.3.2027", "15/3", "2027-03-15", "15. marts 2027".

    Anything else ("efter sommerferien", "maj") is no day, and stays out of the calendar.
    """
    if match := _ISO.search(when):
        year, month, day = (int(g) for g in match.groups())
        return _date(year, month, day, today)
    if match := _NUMERIC.search(when):
        day, month, year = match.groups()
        return _date(int(year) if year else None, int(month), int(day), today)
    if (match := _WORDS.search(when)) and match.group(2).lower() in MONTHS:
        day, month, year = match.groups()
        return _date(int(year) if year else None, MONTHS[month.lower()], int(day), today)
    return None


def dated_steps(
    worksheet: Worksheet, today: datetime.date
) -> list[tuple[NextStep, datetime.date | None]]:
    steps = NextStep.objects.filter(worksheet=worksheet).order_by("question__position", "position")
    return [(step, step_date(step.when, today)) for step in steps]
