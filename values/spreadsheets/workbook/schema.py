"""What a framework workbook holds: its sheets, their columns, the example rows and the guide.

Everything an editor reads in the template comes from here, in Danish: the guide sheet lists
each sheet's columns with the explanation below, and `*` marks the columns that must be filled.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import columns as c
from ..reading import MAX_ROWS as MAX_ROWS_IN_FILE

#: A workbook with more data rows than this (all sheets together) is refused as a whole.
MAX_ROWS = MAX_ROWS_IN_FILE

GUIDE_SHEET = "Vejledning"
FRAMEWORK_SHEET = "Ramme"
THEMES_SHEET = "Temaer"
ITEMS_SHEET = "Punkter"
QUESTIONS_SHEET = "Refleksionsspørgsmål"
LISTS_SHEET = "Lister"


class SheetColumn(NamedTuple):
    header: str
    required: bool
    help: str


FRAMEWORK_COLUMNS = [
    SheetColumn(c.SLUG, False, "Bruges i adressen. Tom: dannes ud fra titlen."),
    SheetColumn(c.TITLE, True, "Dokumentets titel, som den står på forsiden."),
    SheetColumn(c.PUBLISHER, True, "Kommunen eller organisationen. En ny udgiver oprettes."),
    SheetColumn(
        c.PUBLISHER_KIND, False, "Kommune, Kommunernes forening eller Andet. Tom: Kommune."
    ),
    SheetColumn(c.YEAR, False, "Udgivelsesåret."),
    SheetColumn(
        c.DOCUMENT_KIND, True, "Fx Værdigrundlag, Inspirationsmateriale eller Beslutningsoplæg."
    ),
    SheetColumn(c.THEME_LABEL, False, "Hvad dokumentet kalder sine temaer. Tom: Tema."),
    SheetColumn(c.SOURCE, True, "Udgiver, titel, år, udgave – en ærlig kildeangivelse."),
    SheetColumn(c.SOURCE_URL, False, "Internetadresse, hvis dokumentet findes online."),
    SheetColumn(c.INTRODUCTION, False, "Dokumentets egen indledning, ordret."),
    SheetColumn(c.REFERENCES, False, "Litteraturliste, én henvisning pr. linje."),
]
THEME_COLUMNS = [
    SheetColumn(
        c.SLUG, False, "Bruges i adressen og til at henvise til temaet. Tom: dannes af titlen."
    ),
    SheetColumn(c.NUMBER, False, "Temaets nummer i dokumentet, hvis det har et."),
    SheetColumn(c.TITLE, True, "Temaets titel."),
    SheetColumn(c.LEAD, False, "En eller to sætninger, der vises i oversigten."),
    SheetColumn(c.TEXT, False, "Temaets egen tekst, ordret. Tom linje mellem afsnit."),
    SheetColumn(c.CONCEPTS, False, "Fælles begreber adskilt af komma (se arket Lister)."),
]
ITEM_COLUMNS = [
    SheetColumn(
        c.KEY, False, "Et kort navn til punktet, fx 1.1, så andre rækker kan henvise til det."
    ),
    SheetColumn(c.THEME, True, "Temaets kortnavn (eller titel) fra arket Temaer."),
    SheetColumn(c.KIND, True, "Hvad dokumentet kalder teksten (se arket Lister)."),
    SheetColumn(c.GROUP, False, "Dokumentets egen overskrift over punktet."),
    SheetColumn(
        c.RESPONSIBILITY, False, "For hovedpointer: Forældrene, De fagprofessionelle eller Fælles."
    ),
    SheetColumn(c.TITLE, False, "Fx eksemplets overskrift."),
    SheetColumn(c.PLACE, False, "For kommunale eksempler: kommunen eller institutionen."),
    SheetColumn(c.TEXT, False, "Ordret fra dokumentet."),
    SheetColumn(c.PARENT, False, "Nøglen på det punkt i samme tema, punktet hører til."),
    SheetColumn(c.CONCEPTS, False, "Fælles begreber adskilt af komma."),
]
QUESTION_COLUMNS = [
    SheetColumn(c.THEME, True, "Temaets kortnavn (eller titel) fra arket Temaer."),
    SheetColumn(c.PARENT_ITEM, False, "Nøglen på det punkt, spørgsmålet hører til. Tom: temaet."),
    SheetColumn(c.GROUP, False, "Fx Refleksion eller Refleksionsspørgsmål."),
    SheetColumn(c.QUESTION, True, "Ordret fra dokumentet. Ét spørgsmål pr. række."),
    SheetColumn(c.CONCEPTS, False, "Fælles begreber adskilt af komma."),
]
#: The data sheets, in the order they are read, checked and reported.
SHEET_COLUMNS = {
    FRAMEWORK_SHEET: FRAMEWORK_COLUMNS,
    THEMES_SHEET: THEME_COLUMNS,
    ITEMS_SHEET: ITEM_COLUMNS,
    QUESTIONS_SHEET: QUESTION_COLUMNS,
}
#: Columns written wide in the template and the export.
WIDE_COLUMNS = (c.TEXT, c.INTRODUCTION, c.QUESTION, c.SOURCE)

#: The template's example rows; a workbook that still contains one is refused.
EXAMPLE_ROWS = {
    FRAMEWORK_SHEET: [
        {
            c.SLUG: "eksempelkommune-foraeldresamarbejde",
            c.TITLE: "Eksempel: Forældresamarbejde i Eksempelkommune",
            c.PUBLISHER: "Eksempelkommune",
            c.PUBLISHER_KIND: "Kommune",
            c.YEAR: "2026",
            c.DOCUMENT_KIND: "Værdigrundlag",
            c.THEME_LABEL: "Værditema",
            c.SOURCE: "Eksempelkommune: Forældresamarbejde i Eksempelkommune, 2026.",
            c.SOURCE_URL: "",
            c.INTRODUCTION: "Her står dokumentets egen indledning.",
            c.REFERENCES: "",
        }
    ],
    THEMES_SHEET: [
        {
            c.SLUG: "dialog",
            c.NUMBER: "1",
            c.TITLE: "Eksempel: Dialog",
            c.LEAD: "Vi taler med hinanden, ikke om hinanden.",
            c.TEXT: "Her står temaets tekst.",
            c.CONCEPTS: "Kommunikation",
        }
    ],
    ITEMS_SHEET: [
        {
            c.KEY: "1.1",
            c.THEME: "dialog",
            c.KIND: "Eksempel",
            c.GROUP: "",
            c.RESPONSIBILITY: "",
            c.TITLE: "Eksempel: Skole-hjem-samtalen",
            c.PLACE: "",
            c.TEXT: "",
            c.PARENT: "",
            c.CONCEPTS: "",
        },
        {
            c.KEY: "1.2",
            c.THEME: "dialog",
            c.KIND: "Udsagn",
            c.GROUP: "Udsagn",
            c.RESPONSIBILITY: "",
            c.TITLE: "",
            c.PLACE: "",
            c.TEXT: "Eksempel: Forældrene ved, hvad samtalen skal handle om.",
            c.PARENT: "1.1",
            c.CONCEPTS: "",
        },
    ],
    QUESTIONS_SHEET: [
        {
            c.THEME: "dialog",
            c.PARENT_ITEM: "1.1",
            c.GROUP: "Refleksion",
            c.QUESTION: "Eksempel: Hvordan forbereder vi samtalen sammen med forældrene?",
            c.CONCEPTS: "",
        }
    ],
}

GUIDE_LINES = [
    "Sådan lægger I en hel ramme ind fra ét regneark",
    "",
    "1. Udfyld arket «Ramme» med én række: dokumentets titel, udgiver, dokumenttype og kilde.",
    "2. Udfyld arket «Temaer» med én række pr. tema i dokumentets rækkefølge.",
    "3. Udfyld arket «Punkter» med udsagn, eksempler, indikatorer, anbefalinger m.m. i "
    "dokumentets rækkefølge. Kolonnen «Tema» henviser til temaets kortnavn.",
    "4. Udfyld arket «Refleksionsspørgsmål» med ét spørgsmål pr. række.",
    "5. Slet eller overskriv eksempelrækkerne (de begynder med «Eksempel»). Et regneark med "
    "skabelonens eksempler bliver ikke importeret.",
    "6. Upload regnearket under Rammer › «Importér ramme fra regneark». Først vises en "
    "forhåndsvisning; intet gemmes, før I bekræfter.",
    "",
    "Godt at vide",
    "• En ny ramme gemmes som kladde. Den vises først på portalen, når den er offentliggjort.",
    "• Uploader I et rettet regneark igen, opdateres den samme ramme (den findes ud fra "
    "kortnavnet eller titlen) i stedet for at blive oprettet to gange.",
    "• Rækker, I sletter i regnearket, slettes ikke på portalen – det gør I i administrationen.",
    "• Rækkefølgen i arkene er rækkefølgen på portalen.",
    "• Tillad kun tekst: celler, der begynder med =, +, - eller @, gemmes med en apostrof foran "
    "ved eksport, så regnearket ikke udfører dem som formler.",
    "• «Type», «Ansvar» og «Begreber» skal staves som på arket «Lister».",
    "• Hvis noget er galt, viser forhåndsvisningen arket og rækken, og intet bliver gemt.",
    "",
    "Kolonner",
]
#: Guide lines shown as headings.
GUIDE_HEADINGS = ("Godt at vide", "Kolonner")
