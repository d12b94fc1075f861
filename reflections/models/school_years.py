"""School years as boards say them ("2026/27"): a Danish school year starts on 1 August."""

from __future__ import annotations

import re
from datetime import date

from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_MONTH = 8  # 1 August
SCHOOL_YEAR_PATTERN = re.compile(r"^(\d{4})/(\d{2})$")

validate_school_year = RegexValidator(
    SCHOOL_YEAR_PATTERN,
    _("Skriv skoleåret som “2026/27”: året, det starter, en skråstreg og de to sidste cifre."),
    code="school_year",
)


def school_year_of(day: date) -> str:
    start = day.year if day.month >= FIRST_MONTH else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def current_school_year() -> str:
    """The default for a new worksheet: the school year of today (local time)."""
    return school_year_of(timezone.localdate())


def next_school_year(school_year: str) -> str:
    """ "2026/27" → "2027/28"; a year written otherwise gets the school year after today's."""
    found = SCHOOL_YEAR_PATTERN.match(school_year)
    start = int(found.group(1)) if found else int(current_school_year()[:4])
    return f"{start + 1}/{(start + 2) % 100:02d}"
