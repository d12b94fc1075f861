"""Every spreadsheet column's header, named once.

The per-model files (values.spreadsheets.resources) and the framework workbook
(values.spreadsheets.workbook) write and read the same headers. They are Danish whatever language
the editor's admin is in: files go between municipalities.
"""

from __future__ import annotations

# Which row: a database id (per-model files), a key of the editor's choosing (workbook) or a slug.
ID = "ID"
KEY = "Nøgle"
SLUG = "Kortnavn"

# What a row belongs to.
FRAMEWORK = "Ramme"
THEME = "Tema"
PARENT = "Hører til (ID)"
PARENT_ITEM = "Hører til punkt (ID)"

# Columns several models share.
TITLE = "Titel"
NAME = "Navn"
DESCRIPTION = "Beskrivelse"
KIND = "Type"
TEXT = "Tekst"
GROUP = "Overskrift i dokumentet"
CONCEPTS = "Begreber"
STATUS = "Status"
POSITION = "Rækkefølge"

# A framework (and, in the workbook, its publisher).
PUBLISHER = "Udgiver"
PUBLISHER_KIND = "Udgivertype"
YEAR = "År"
DOCUMENT_KIND = "Dokumenttype"
THEME_LABEL = "Betegnelse for temaer"
SOURCE = "Kildeangivelse"
SOURCE_URL = "Kildens adresse"
INTRODUCTION = "Indledning"
REFERENCES = "Litteratur"

# A theme.
NUMBER = "Nummer"
LEAD = "Kort indledning"

# An item.
RESPONSIBILITY = "Ansvar"
PLACE = "Sted"

# A reflection question.
QUESTION = "Spørgsmål"


def current_header(header: object) -> str:
    """A header cell as text."""
    return str(header).strip() if header is not None else ""
