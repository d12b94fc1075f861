"""Rules for everything a board writes: no CPR numbers, a length limit, plain line endings."""

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import ANSWER_MAX_LENGTH

# DDMMYY, an optional hyphen or space, four digits – not part of a longer run of digits.
CPR_PATTERN = re.compile(
    r"(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-\s\u2010-\u2013]?\d{4}(?!\d)"
)


def normalise_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_cpr(value: str) -> bool:
    return bool(CPR_PATTERN.search(value))


def validate_no_cpr(value: str) -> None:
    if looks_like_cpr(value):
        raise ValidationError(
            _(
                "Teksten ser ud til at indeholde et CPR-nummer. Skriv aldrig CPR-numre eller "
                "andre personoplysninger om enkelte børn i arbejdsarket. "
                "Fjern nummeret og gem igen."
            ),
            code="cpr",
        )


def validate_answer_length(value: str) -> None:
    if len(value) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            _(
                "Teksten er for lang: højst %(limit)s tegn, men den har %(length)s. "
                "Forkort den eller del den op – intet er gemt af denne tekst endnu."
            ),
            code="too_long",
            params={
                "limit": number_format(ANSWER_MAX_LENGTH, force_grouping=True),
                "length": number_format(len(value), force_grouping=True),
            },
        )
