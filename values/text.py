"""Text as the content stores it: line feeds only, and no control characters.

Browsers send a textarea's lines with CRLF, spreadsheets and pasted text may carry CR alone or
control characters (NUL, BEL, ESC, form feed, vertical tab) that no page shows and that XLSX
files cannot hold. Imports refuse a cell with one (values.spreadsheets.reading, naming the
cell); every save of a content model normalises its text here (ValuesConfig.ready), so nothing
else can store one either, and an untouched field never differs from what is stored.
"""

from __future__ import annotations

import re

from django.db import models

#: C0 controls except tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(value: str) -> str:
    """`value` with CRLF and CR as LF and control characters removed."""
    return CONTROL_CHARACTERS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def normalise_text_fields(sender, instance: models.Model, raw: bool = False, **kwargs) -> None:
    """pre_save: every text field of the instance normalised (fixtures included)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalise(value))
