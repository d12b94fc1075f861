"""Every spreadsheet column's header, named once.

The per-model files (values.spreadsheets.resources) and the framework workbook
(values.spreadsheets.workbook) write and read the same headers. They are Danish whatever language
the editor's admin is in: files go between municipalities. A header that was renamed keeps its
earlier names in EARLIER_HEADERS, so a file exported before the rename still imports.
"""

from __future__ import annotations

# Which row: a database id (per-model files), a key of the editor's choosing (workbook) or a slug.
ID = "ID"
KEY = "Nøgle"
SLUG = "Kortnavn"

# What a row belongs to. "Hører til" names the item by the ID column of a per-model file and by
# the key column of a workbook: the same column, each file's own way of naming an item.
FRAMEWORK = "Ramme"
THEME = "Tema"
PARENT = "Hører til"
PARENT_ITEM = "Hører til punkt"

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

#: Headers files carried before, and the header each is read as now.
EARLIER_HEADERS = {
    "Hører til (ID)": PARENT,
    "Hører til (nøgle)": PARENT,
    "Hører til punkt (ID)": PARENT_ITEM,
    "Hører til punkt (nøgle)": PARENT_ITEM,
}


def current_header(header: object) -> str:
    """A header cell as text, an earlier name read as today's."""
    text = str(header).strip() if header is not None else ""
    return EARLIER_HEADERS.get(text, text)
