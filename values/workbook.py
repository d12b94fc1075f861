"""A whole framework in one workbook: the template, the import (with preview) and the export.

One XLSX file holds one framework: a sheet for the framework itself, one for its themes, one for
its items and one for its reflection questions, plus a sheet of instructions in Danish and a sheet
of allowed values. The import touches several models at once, so it lives here as a service:

- Everything is checked before anything is written; any problem (with its sheet and row) means
  nothing is written at all.
- A preview is the same import run inside a transaction that is rolled back.
- A new framework is created as a draft. Uploading an edited workbook again updates the
  framework it names (by its slug, or the slug of its title) instead of creating a second one:
  themes are matched by slug; items and questions by their text within their theme, then by
  their order. Rows that are gone from the workbook are not deleted, only reported.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Framework, Item, Publisher, ReflectionQuestion, Status, Theme, danish_slugify
from .spreadsheets.formats import MAX_IMPORT_ROWS
from .spreadsheets.formulas import neutralise, restore
from .spreadsheets.widgets import ChoiceLabelWidget, ConceptsWidget, danish_labels

MAX_ROWS = MAX_IMPORT_ROWS
MAX_FILE_BYTES = 10 * 1024 * 1024

GUIDE_SHEET = "Vejledning"
FRAMEWORK_SHEET = "Ramme"
THEMES_SHEET = "Temaer"
ITEMS_SHEET = "Punkter"
QUESTIONS_SHEET = "Refleksionsspørgsmål"
LISTS_SHEET = "Lister"

# (column, required, explanation) per sheet, in the order they appear.
FRAMEWORK_COLUMNS = [
    ("Kortnavn", False, "Bruges i adressen. Tom: dannes ud fra titlen."),
    ("Titel", True, "Dokumentets titel, som den står på forsiden."),
    ("Udgiver", True, "Kommunen eller organisationen. En ny udgiver oprettes."),
    ("Udgivertype", False, "Kommune, Kommunernes forening eller Andet. Tom: Kommune."),
    ("År", False, "Udgivelsesåret."),
    ("Dokumenttype", True, "Fx Værdigrundlag, Inspirationsmateriale eller Beslutningsoplæg."),
    ("Betegnelse for temaer", False, "Hvad dokumentet kalder sine temaer. Tom: Tema."),
    ("Kildeangivelse", True, "Udgiver, titel, år, udgave – en ærlig kildeangivelse."),
    ("Kildens adresse", False, "Internetadresse, hvis dokumentet findes online."),
    ("Indledning", False, "Dokumentets egen indledning, ordret."),
    ("Litteratur", False, "Litteraturliste, én henvisning pr. linje."),
]
THEME_COLUMNS = [
    ("Kortnavn", False, "Bruges i adressen og til at henvise til temaet. Tom: dannes af titlen."),
    ("Nummer", False, "Temaets nummer i dokumentet, hvis det har et."),
    ("Titel", True, "Temaets titel."),
    ("Kort indledning", False, "En eller to sætninger, der vises i oversigten."),
    ("Tekst", False, "Temaets egen tekst, ordret. Tom linje mellem afsnit."),
    ("Begreber", False, "Fælles begreber adskilt af komma (se arket Lister)."),
]
ITEM_COLUMNS = [
    ("Nøgle", False, "Et kort navn til punktet, fx 1.1, så andre rækker kan henvise til det."),
    ("Tema", True, "Temaets kortnavn (eller titel) fra arket Temaer."),
    ("Type", True, "Hvad dokumentet kalder teksten (se arket Lister)."),
    ("Overskrift i dokumentet", False, "Dokumentets egen overskrift over punktet."),
    ("Ansvar", False, "For hovedpointer: Forældrene, De fagprofessionelle eller Fælles."),
    ("Titel", False, "Fx eksemplets overskrift."),
    ("Sted", False, "For kommunale eksempler: kommunen eller institutionen."),
    ("Tekst", False, "Ordret fra dokumentet."),
    ("Hører til (nøgle)", False, "Nøglen på det punkt i samme tema, punktet hører til."),
    ("Begreber", False, "Fælles begreber adskilt af komma."),
]
QUESTION_COLUMNS = [
    ("Tema", True, "Temaets kortnavn (eller titel) fra arket Temaer."),
    ("Hører til punkt (nøgle)", False, "Nøglen på det punkt, spørgsmålet hører til. Tom: temaet."),
    ("Overskrift i dokumentet", False, "Fx Refleksion eller Refleksionsspørgsmål."),
    ("Spørgsmål", True, "Ordret fra dokumentet. Ét spørgsmål pr. række."),
    ("Begreber", False, "Fælles begreber adskilt af komma."),
]
SHEET_COLUMNS = {
    FRAMEWORK_SHEET: FRAMEWORK_COLUMNS,
    THEMES_SHEET: THEME_COLUMNS,
    ITEMS_SHEET: ITEM_COLUMNS,
    QUESTIONS_SHEET: QUESTION_COLUMNS,
}

EXAMPLE_ROWS = {
    FRAMEWORK_SHEET: [
        {
            "Kortnavn": "eksempelkommune-foraeldresamarbejde",
            "Titel": "Eksempel: Forældresamarbejde i Eksempelkommune",
            "Udgiver": "Eksempelkommune",
            "Udgivertype": "Kommune",
            "År": "2026",
            "Dokumenttype": "Værdigrundlag",
            "Betegnelse for temaer": "Værditema",
            "Kildeangivelse": "Eksempelkommune: Forældresamarbejde i Eksempelkommune, 2026.",
            "Kildens adresse": "",
            "Indledning": "Her står dokumentets egen indledning.",
            "Litteratur": "",
        }
    ],
    THEMES_SHEET: [
        {
            "Kortnavn": "dialog",
            "Nummer": "1",
            "Titel": "Eksempel: Dialog",
            "Kort indledning": "Vi taler med hinanden, ikke om hinanden.",
            "Tekst": "Her står temaets tekst.",
            "Begreber": "Kommunikation",
        }
    ],
    ITEMS_SHEET: [
        {
            "Nøgle": "1.1",
            "Tema": "dialog",
            "Type": "Eksempel",
            "Overskrift i dokumentet": "",
            "Ansvar": "",
            "Titel": "Eksempel: Skole-hjem-samtalen",
            "Sted": "",
            "Tekst": "",
            "Hører til (nøgle)": "",
            "Begreber": "",
        },
        {
            "Nøgle": "1.2",
            "Tema": "dialog",
            "Type": "Udsagn",
            "Overskrift i dokumentet": "Udsagn",
            "Ansvar": "",
            "Titel": "",
            "Sted": "",
            "Tekst": "Eksempel: Forældrene ved, hvad samtalen skal handle om.",
            "Hører til (nøgle)": "1.1",
            "Begreber": "",
        },
    ],
    QUESTIONS_SHEET: [
        {
            "Tema": "dialog",
            "Hører til punkt (nøgle)": "1.1",
            "Overskrift i dokumentet": "Refleksion",
            "Spørgsmål": "Eksempel: Hvordan forbereder vi samtalen sammen med forældrene?",
            "Begreber": "",
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
    "• «Type», «Ansvar» og «Begreber» skal stavet som på arket «Lister».",
    "• Hvis noget er galt, viser forhåndsvisningen arket og rækken, og intet bliver gemt.",
    "",
    "Kolonner",
]


def slug_for_filename(text: str) -> str:
    return danish_slugify(text) or "indhold"


# Problems and results --------------------------------------------------------------------------


@dataclass
class Problem:
    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.sheet and self.row:
            return _("Arket «%(sheet)s», række %(row)s: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "message": self.message,
            }
        if self.sheet:
            return _("Arket «%(sheet)s»: %(message)s") % {
                "sheet": self.sheet,
                "message": self.message,
            }
        return self.message


@dataclass
class RowChange:
    sheet: str
    row: int
    action: str  # "new", "update" or "same"
    label: str

    @property
    def action_label(self) -> str:
        return {"new": _("Ny"), "update": _("Ændres"), "same": _("Uændret")}[self.action]


@dataclass
class Result:
    errors: list[Problem] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    framework: Framework | None = None
    framework_is_new: bool = False
    framework_title: str = ""
    framework_status: str = ""
    outline: list[dict] = field(default_factory=list)
    left_alone: dict[str, int] = field(default_factory=dict)

    def count(self, sheet: str, action: str) -> int:
        return sum(1 for c in self.changes if c.sheet == sheet and c.action == action)

    @property
    def summary(self) -> list[dict]:
        return [
            {
                "sheet": sheet,
                "new": self.count(sheet, "new"),
                "update": self.count(sheet, "update"),
                "same": self.count(sheet, "same"),
                "left_alone": self.left_alone.get(sheet, 0),
            }
            for sheet in (FRAMEWORK_SHEET, THEMES_SHEET, ITEMS_SHEET, QUESTIONS_SHEET)
        ]

    @property
    def changed_rows(self) -> list[RowChange]:
        return [c for c in self.changes if c.action != "same"]


class WorkbookInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


class _DryRun(Exception):
    pass


# Reading ---------------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").strip()
    return restore(text)


def read_sheets(data: bytes) -> dict[str, list[Row]]:
    """Every data sheet's rows, or WorkbookInvalid with the problems found."""
    import openpyxl

    if not data:
        raise WorkbookInvalid([Problem("", None, _("Filen er tom."))])
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookInvalid(
            [
                Problem(
                    "",
                    None,
                    _(
                        "Filen er ikke et Excel-regneark (.xlsx). Hent skabelonen og gem "
                        "regnearket som «Excel-projektmappe (.xlsx)»."
                    ),
                )
            ]
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 – any parser failure means "not a workbook"
        raise WorkbookInvalid(
            [Problem("", None, _("Filen kunne ikke læses som et Excel-regneark (.xlsx)."))]
        ) from error
    problems: list[Problem] = []
    sheets: dict[str, list[Row]] = {}
    total = 0
    try:
        for sheet_name, columns in SHEET_COLUMNS.items():
            if sheet_name not in book.sheetnames:
                problems.append(
                    Problem(sheet_name, None, _("Arket mangler. Brug skabelonen fra portalen."))
                )
                continue
            rows_iter = book[sheet_name].iter_rows(values_only=True)
            header = [cell_text(h) for h in next(rows_iter, ())]
            missing = [name for name, required, _help in columns if required and name not in header]
            if missing:
                problems.append(
                    Problem(
                        sheet_name,
                        1,
                        _("Kolonnerne %(columns)s mangler i overskriftsrækken.")
                        % {"columns": ", ".join(f"«{c}»" for c in missing)},
                    )
                )
                continue
            rows = []
            for number, values in enumerate(rows_iter, start=2):
                texts = [cell_text(v) for v in values]
                if not any(texts):
                    continue
                total += 1
                if total > MAX_ROWS:
                    raise WorkbookInvalid(
                        [
                            Problem(
                                sheet_name,
                                number,
                                _(
                                    "Regnearket har mere end %(max)s rækker. Så stor er ingen "
                                    "ramme – er det den rigtige fil?"
                                )
                                % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                            )
                        ]
                    )
                rows.append(Row(number, {h: t for h, t in zip(header, texts, strict=False) if h}))
            sheets[sheet_name] = rows
    finally:
        book.close()
    if problems:
        raise WorkbookInvalid(problems)
    if not any(sheets.values()):
        raise WorkbookInvalid([Problem("", None, _("Regnearket er tomt. Udfyld arkene først."))])
    return sheets


# Checking --------------------------------------------------------------------------------------


@dataclass
class Plan:
    framework: dict
    themes: list[dict]
    items: list[dict]
    questions: list[dict]


KIND = ChoiceLabelWidget(Item.Kind.choices, gettext_lazy("type"))
RESPONSIBILITY = ChoiceLabelWidget(
    Item.Responsibility.choices, gettext_lazy("ansvar"), allow_blank=True
)
PUBLISHER_KIND = ChoiceLabelWidget(
    Publisher.Kind.choices, gettext_lazy("udgivertype"), allow_blank=True
)
CONCEPTS = ConceptsWidget()


def check(sheets: dict[str, list[Row]]) -> Plan:
    problems: list[Problem] = []

    def problem(sheet: str, row: Row | None, message: str) -> None:
        problems.append(Problem(sheet, row.number if row else None, message))

    def is_example(sheet: str, row: Row) -> bool:
        return any(
            all(row.get(c) == v for c, v in example.items() if v) for example in EXAMPLE_ROWS[sheet]
        )

    for sheet, rows in sheets.items():
        for row in rows:
            if is_example(sheet, row):
                problem(
                    sheet,
                    row,
                    _(
                        "Rækken er skabelonens eksempel. Overskriv den med jeres eget indhold "
                        "eller slet den."
                    ),
                )

    def concepts_of(sheet: str, row: Row) -> list[int]:
        try:
            return list(CONCEPTS.clean(row.get("Begreber")).values_list("pk", flat=True))
        except ValueError as error:
            problem(sheet, row, str(error))
            return []

    def required(sheet: str, row: Row, column: str) -> str:
        value = row.get(column)
        if not value:
            problem(sheet, row, _("Kolonnen «%(column)s» skal udfyldes.") % {"column": column})
        return value

    # The framework
    framework_rows = sheets.get(FRAMEWORK_SHEET, [])
    framework: dict = {}
    if len(framework_rows) != 1:
        problem(
            FRAMEWORK_SHEET,
            None,
            _("Arket skal have præcis én udfyldt række (der er %(n)s).")
            % {"n": len(framework_rows)},
        )
    else:
        row = framework_rows[0]
        framework = {
            "row": row.number,
            "slug": danish_slugify(row.get("Kortnavn") or row.get("Titel") or ""),
            "title": required(FRAMEWORK_SHEET, row, "Titel"),
            "publisher": required(FRAMEWORK_SHEET, row, "Udgiver"),
            "document_kind": required(FRAMEWORK_SHEET, row, "Dokumenttype"),
            "source": required(FRAMEWORK_SHEET, row, "Kildeangivelse"),
            # Content, so Danish whatever language the editor's admin is in.
            "theme_label": row.get("Betegnelse for temaer") or "Tema",
            "source_url": row.get("Kildens adresse"),
            "introduction": row.get("Indledning"),
            "references": row.get("Litteratur"),
            "year": None,
        }
        if len(framework["title"]) > 300:
            problem(FRAMEWORK_SHEET, row, _("Titlen er for lang (højst 300 tegn)."))
        try:
            framework["publisher_kind"] = PUBLISHER_KIND.clean(row.get("Udgivertype")) or (
                Publisher.Kind.MUNICIPALITY
            )
        except ValueError as error:
            problem(FRAMEWORK_SHEET, row, str(error))
        if row.get("År"):
            if re.fullmatch(r"\d{4}", row.get("År")):
                framework["year"] = int(row.get("År"))
            else:
                problem(FRAMEWORK_SHEET, row, _("«År» skal være et årstal, fx 2026."))
        if framework["source_url"] and not re.match(r"https?://", framework["source_url"]):
            problem(FRAMEWORK_SHEET, row, _("«Kildens adresse» skal begynde med https://."))

    # Themes
    themes: list[dict] = []
    theme_refs: dict[str, dict] = {}
    seen_slugs: dict[str, int] = {}
    for row in sheets.get(THEMES_SHEET, []):
        title = required(THEMES_SHEET, row, "Titel")
        slug = danish_slugify(row.get("Kortnavn") or title)
        if slug in seen_slugs:
            problem(
                THEMES_SHEET,
                row,
                _(
                    "Kortnavnet «%(slug)s» bruges også i række %(other)s. "
                    "Kortnavne skal være unikke."
                )
                % {"slug": slug, "other": seen_slugs[slug]},
            )
            continue
        seen_slugs[slug] = row.number
        theme = {
            "row": row.number,
            "slug": slug,
            "number": row.get("Nummer"),
            "title": title,
            "lead": row.get("Kort indledning"),
            "body": row.get("Tekst"),
            "concepts": concepts_of(THEMES_SHEET, row),
        }
        themes.append(theme)
        for ref in (row.get("Kortnavn"), slug, title, row.get("Nummer")):
            if ref:
                theme_refs.setdefault(ref.casefold(), theme)
    if not themes and not any(p.sheet == THEMES_SHEET for p in problems):
        problem(THEMES_SHEET, None, _("Rammen skal have mindst ét tema."))

    def theme_of(sheet: str, row: Row) -> dict | None:
        ref = required(sheet, row, "Tema")
        if not ref:
            return None
        theme = theme_refs.get(ref.casefold()) or theme_refs.get(danish_slugify(ref))
        if theme is None:
            problem(
                sheet,
                row,
                _("Ukendt tema «%(ref)s». Brug et kortnavn fra arket «Temaer».") % {"ref": ref},
            )
        return theme

    # Items
    items: list[dict] = []
    keys: dict[str, dict] = {}
    for row in sheets.get(ITEMS_SHEET, []):
        theme = theme_of(ITEMS_SHEET, row)
        try:
            kind = KIND.clean(row.get("Type"))
        except ValueError as error:
            problem(ITEMS_SHEET, row, str(error))
            kind = None
        try:
            responsibility = RESPONSIBILITY.clean(row.get("Ansvar"))
        except ValueError as error:
            problem(ITEMS_SHEET, row, str(error))
            responsibility = ""
        if not row.get("Tekst") and not row.get("Titel"):
            problem(ITEMS_SHEET, row, _("Et punkt skal have en titel eller en tekst."))
        item = {
            "row": row.number,
            "key": row.get("Nøgle"),
            "theme": theme,
            "kind": kind,
            "group": row.get("Overskrift i dokumentet"),
            "responsibility": responsibility,
            "title": row.get("Titel"),
            "place": row.get("Sted"),
            "text": row.get("Tekst"),
            "parent_key": row.get("Hører til (nøgle)"),
            "concepts": concepts_of(ITEMS_SHEET, row),
        }
        if item["key"]:
            folded = item["key"].casefold()
            if folded in keys:
                problem(
                    ITEMS_SHEET,
                    row,
                    _("Nøglen «%(key)s» bruges også i række %(other)s. Nøgler skal være unikke.")
                    % {"key": item["key"], "other": keys[folded]["row"]},
                )
            else:
                keys[folded] = item
        items.append(item)
    for item in items:
        if not item["parent_key"]:
            item["parent"] = None
            continue
        parent = keys.get(item["parent_key"].casefold())
        row = Row(item["row"], {})
        if parent is None:
            problem(
                ITEMS_SHEET,
                row,
                _("«Hører til» henviser til nøglen «%(key)s», som ikke findes på arket.")
                % {"key": item["parent_key"]},
            )
        elif parent is item:
            problem(ITEMS_SHEET, row, _("Et punkt kan ikke høre til sig selv."))
        elif parent["theme"] is not item["theme"]:
            problem(ITEMS_SHEET, row, _("Punktet, det hører til, står i et andet tema."))
        item["parent"] = parent

    # Questions
    questions: list[dict] = []
    for row in sheets.get(QUESTIONS_SHEET, []):
        theme = theme_of(QUESTIONS_SHEET, row)
        text = required(QUESTIONS_SHEET, row, "Spørgsmål")
        item = None
        if row.get("Hører til punkt (nøgle)"):
            item = keys.get(row.get("Hører til punkt (nøgle)").casefold())
            if item is None:
                problem(
                    QUESTIONS_SHEET,
                    row,
                    _("«Hører til punkt» henviser til nøglen «%(key)s», som ikke findes.")
                    % {"key": row.get("Hører til punkt (nøgle)")},
                )
            elif item["theme"] is not theme:
                problem(
                    QUESTIONS_SHEET, row, _("Punktet, spørgsmålet hører til, står i et andet tema.")
                )
        questions.append(
            {
                "row": row.number,
                "theme": theme,
                "item": item,
                "group": row.get("Overskrift i dokumentet"),
                "text": text,
                "concepts": concepts_of(QUESTIONS_SHEET, row),
            }
        )

    if problems:
        problems.sort(
            key=lambda p: (
                list(SHEET_COLUMNS).index(p.sheet) if p.sheet in SHEET_COLUMNS else -1,
                p.row or 0,
            )
        )
        raise WorkbookInvalid(problems)
    return Plan(framework, themes, items, questions)


# Writing ---------------------------------------------------------------------------------------


def assign(obj, values: dict) -> bool:
    """Set the attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def set_concepts(obj, pks: list[int]) -> bool:
    current = set(obj.concepts.values_list("pk", flat=True))
    if current == set(pks):
        return False
    obj.concepts.set(pks)
    return True


def positions_in_order(matched: list) -> list[int]:
    """Positions for rows in workbook order: keep an existing position while the order holds."""
    result, last = [], 0
    for obj in matched:
        if obj is not None and obj.pk and obj.position > last:
            last = obj.position
        else:
            last += 10
        result.append(last)
    return result


def match_rows(rows: list[dict], existing: list, same) -> list:
    """Pair workbook rows with existing objects: first identical ones, then by order."""
    pool = list(existing)
    matched: list = [None] * len(rows)
    for i, row in enumerate(rows):
        for obj in pool:
            if same(row, obj):
                matched[i] = obj
                pool.remove(obj)
                break
    for i in range(len(rows)):
        if matched[i] is None and pool:
            matched[i] = pool.pop(0)
    return matched


def apply(plan: Plan, result: Result) -> None:
    data = plan.framework
    publisher = Publisher.objects.filter(name__iexact=data["publisher"]).first()
    if publisher is None:
        publisher = Publisher.objects.create(name=data["publisher"], kind=data["publisher_kind"])
    framework = Framework.objects.filter(slug=data["slug"]).first()
    is_new = framework is None
    if is_new:
        framework = Framework(slug=data["slug"], status=Status.DRAFT)
        position = (
            Framework.objects.order_by("-position").values_list("position", flat=True).first()
        )
        framework.position = (position or 0) + 10
    changed = assign(
        framework,
        {
            "title": data["title"],
            "publisher_id": publisher.pk,
            "year": data["year"],
            "document_kind": data["document_kind"],
            "theme_label": data["theme_label"],
            "source": data["source"],
            "source_url": data["source_url"],
            "introduction": data["introduction"],
            "references": data["references"],
        },
    )
    if is_new or changed:
        framework.full_clean()
        framework.save()
    result.framework = framework
    result.framework_is_new = is_new
    result.framework_title = framework.title
    result.framework_status = framework.get_status_display()
    result.changes.append(
        RowChange(
            FRAMEWORK_SHEET,
            data["row"],
            "new" if is_new else ("update" if changed else "same"),
            framework.title,
        )
    )

    # Themes, by slug
    existing_themes = {t.slug: t for t in framework.themes.all()} if not is_new else {}
    matched_themes = [existing_themes.get(t["slug"]) for t in plan.themes]
    theme_objects: dict[int, Theme] = {}
    for theme_row, obj, position in zip(
        plan.themes, matched_themes, positions_in_order(matched_themes), strict=True
    ):
        new = obj is None
        if new:
            obj = Theme(framework=framework, slug=theme_row["slug"])
        changed = assign(
            obj,
            {
                "number": theme_row["number"],
                "title": theme_row["title"],
                "lead": theme_row["lead"],
                "body": theme_row["body"],
                "position": position,
            },
        )
        if new or changed:
            obj.full_clean(exclude=["framework"])
            obj.save()
        changed = set_concepts(obj, theme_row["concepts"]) or changed
        theme_objects[id(theme_row)] = obj
        result.changes.append(
            RowChange(
                THEMES_SHEET,
                theme_row["row"],
                "new" if new else ("update" if changed else "same"),
                str(obj),
            )
        )
    result.left_alone[THEMES_SHEET] = len(set(existing_themes) - {t["slug"] for t in plan.themes})

    # Items, theme by theme; parents are set once every item of the workbook exists.
    item_objects: dict[int, Item] = {}
    records: list[tuple[dict, Item, bool, bool]] = []
    left_items = 0
    for theme_row in plan.themes:
        theme = theme_objects[id(theme_row)]
        rows = [i for i in plan.items if i["theme"] is theme_row]
        existing = list(theme.items.order_by("position", "pk")) if theme.pk else []
        matched = match_rows(
            rows,
            existing,
            lambda r, o: (r["kind"], r["title"], r["text"]) == (o.kind, o.title, o.text),
        )
        left_items += len(existing) - sum(1 for m in matched if m is not None)
        for item_row, obj, position in zip(rows, matched, positions_in_order(matched), strict=True):
            new = obj is None
            if new:
                obj = Item(theme=theme)
            changed = assign(
                obj,
                {
                    "kind": item_row["kind"],
                    "group": item_row["group"],
                    "responsibility": item_row["responsibility"],
                    "title": item_row["title"],
                    "place": item_row["place"],
                    "text": item_row["text"],
                    "position": position,
                },
            )
            if new or changed:
                obj.full_clean(exclude=["theme", "parent"])
                obj.save()
            changed = set_concepts(obj, item_row["concepts"]) or changed
            item_objects[id(item_row)] = obj
            records.append((item_row, obj, new, changed))
    for item_row, obj, new, changed in records:
        parent = item_objects[id(item_row["parent"])] if item_row["parent"] else None
        if obj.parent_id != (parent.pk if parent else None):
            obj.parent = parent
            obj.save(update_fields=["parent", "updated_at"])
            changed = True
        action = "new" if new else ("update" if changed else "same")
        result.changes.append(RowChange(ITEMS_SHEET, item_row["row"], action, str(obj)))
    result.left_alone[ITEMS_SHEET] = left_items

    # Questions, theme by theme
    left_questions = 0
    for theme_row in plan.themes:
        theme = theme_objects[id(theme_row)]
        rows = [q for q in plan.questions if q["theme"] is theme_row]
        existing = list(theme.questions.order_by("position", "pk")) if theme.pk else []
        matched = match_rows(rows, existing, lambda r, o: r["text"] == o.text)
        left_questions += len(existing) - sum(1 for m in matched if m is not None)
        for question_row, obj, position in zip(
            rows, matched, positions_in_order(matched), strict=True
        ):
            new = obj is None
            if new:
                obj = ReflectionQuestion(theme=theme)
            item = item_objects[id(question_row["item"])] if question_row["item"] else None
            changed = assign(
                obj,
                {
                    "item_id": item.pk if item else None,
                    "group": question_row["group"],
                    "text": question_row["text"],
                    "position": position,
                },
            )
            if new or changed:
                obj.full_clean(exclude=["theme", "item"])
                obj.save()
            changed = set_concepts(obj, question_row["concepts"]) or changed
            result.changes.append(
                RowChange(
                    QUESTIONS_SHEET,
                    question_row["row"],
                    "new" if new else ("update" if changed else "same"),
                    str(obj),
                )
            )
    result.left_alone[QUESTIONS_SHEET] = left_questions
    result.changes.sort(key=lambda c: (list(SHEET_COLUMNS).index(c.sheet), c.row))

    # What the framework will look like, as plain text (the preview is rolled back).
    result.outline = [
        {
            "title": str(theme),
            "items": [str(i) for i in theme.items.order_by("position", "pk")],
            "questions": [str(q) for q in theme.questions.order_by("position", "pk")],
        }
        for theme in framework.themes.order_by("position", "pk")
    ]


def import_workbook(data: bytes, user=None, dry_run: bool = True) -> Result:
    """Check and import a workbook; with dry_run (the preview) nothing is kept."""
    result = Result()
    try:
        plan = check(read_sheets(data))
    except WorkbookInvalid as invalid:
        result.errors = invalid.problems
        return result
    try:
        with transaction.atomic():
            if dry_run:
                apply(plan, result)
                raise _DryRun
            with reversion.create_revision():
                if user is not None:
                    reversion.set_user(user)
                reversion.set_comment(_("Importeret fra regneark."))
                apply(plan, result)
    except _DryRun:
        pass
    except ValidationError as error:
        # A database rule the checks above did not foresee: report it, keep nothing.
        result.errors = [Problem("", None, message) for message in error.messages]
        result.changes = []
        result.outline = []
    return result


# The template and the export -------------------------------------------------------------------


def _new_book():
    import openpyxl

    book = openpyxl.Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    return book


def _write_sheet(book, name: str, columns, rows: list[dict]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for col, (header, _required, _help) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font = bold
        cell.fill = fill
        width = 50 if header in ("Tekst", "Indledning", "Spørgsmål", "Kildeangivelse") else 22
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=2):
        for col, (header, _required, _help) in enumerate(columns, start=1):
            value = values.get(header, "")
            cell = sheet.cell(row=r, column=col)
            cell.value = neutralise(str(value)) if value not in (None, "") else None
            cell.data_type = "s" if cell.value is not None else cell.data_type
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _write_guide(book) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book[GUIDE_SHEET]
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    r = 1
    for line in GUIDE_LINES:
        sheet.cell(row=r, column=1, value=line or None)
        if r == 1 or line in ("Godt at vide", "Kolonner"):
            sheet.cell(row=r, column=1).font = Font(bold=True, size=14 if r == 1 else 12)
        r += 1
    for sheet_name, columns in SHEET_COLUMNS.items():
        r += 1
        sheet.cell(row=r, column=1, value=f"Arket «{sheet_name}»").font = Font(bold=True)
        r += 1
        for header, required, help_text in columns:
            sheet.cell(row=r, column=1, value=header + (" *" if required else ""))
            cell = sheet.cell(row=r, column=2, value=help_text)
            cell.alignment = Alignment(wrap_text=True)
            r += 1
    r += 1
    sheet.cell(row=r, column=1, value="* skal udfyldes.")


def _write_lists(book) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from .models import Concept

    sheet = book.create_sheet(LISTS_SHEET)
    lists = {
        # In Danish like the rest of the file, whatever language the editor's admin is in.
        "Type": list(danish_labels(Item.Kind.choices).values()),
        "Ansvar": list(danish_labels(Item.Responsibility.choices).values()),
        "Udgivertype": list(danish_labels(Publisher.Kind.choices).values()),
        "Begreber": list(Concept.objects.values_list("name", flat=True)),
    }
    for col, (header, values) in enumerate(lists.items(), start=1):
        sheet.cell(row=1, column=col, value=header).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=col, value=value)
        sheet.column_dimensions[chr(64 + col)].width = 30
    # Drop-down lists where one value per cell is expected.
    for target, header, column, source_col in (
        (ITEMS_SHEET, "Type", "C", "A"),
        (ITEMS_SHEET, "Ansvar", "E", "B"),
        (FRAMEWORK_SHEET, "Udgivertype", "D", "C"),
    ):
        count = len(lists[header])
        validation = DataValidation(
            type="list",
            formula1=f"=Lister!${source_col}$2:${source_col}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ukendt værdi",
            error=f"Vælg en {header.lower()} fra listen på arket «Lister».",
        )
        validation.add(f"{column}2:{column}{MAX_ROWS}")
        book[target].add_data_validation(validation)


def template_bytes() -> bytes:
    """The empty workbook with instructions and one example row per sheet."""
    book = _new_book()
    _write_guide(book)
    for sheet_name, columns in SHEET_COLUMNS.items():
        _write_sheet(book, sheet_name, columns, EXAMPLE_ROWS[sheet_name])
    _write_lists(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_framework(framework: Framework) -> bytes:
    """An existing framework as a filled workbook; uploading it again changes nothing."""
    themes = list(framework.themes.order_by("position", "pk").prefetch_related("concepts"))
    items = list(
        Item.objects.filter(theme__framework=framework)
        .select_related("theme")
        .prefetch_related("concepts")
        .order_by("theme__position", "theme_id", "position", "pk")
    )
    questions = list(
        ReflectionQuestion.objects.filter(theme__framework=framework)
        .select_related("theme")
        .prefetch_related("concepts")
        .order_by("theme__position", "theme_id", "position", "pk")
    )
    keys = {item.pk: f"P{n}" for n, item in enumerate(items, start=1)}

    def names(obj) -> str:
        return ", ".join(sorted(c.name for c in obj.concepts.all()))

    kinds = danish_labels(Item.Kind.choices)
    responsibilities = danish_labels(Item.Responsibility.choices)
    publisher_kinds = danish_labels(Publisher.Kind.choices)
    book = _new_book()
    _write_guide(book)
    _write_sheet(
        book,
        FRAMEWORK_SHEET,
        FRAMEWORK_COLUMNS,
        [
            {
                "Kortnavn": framework.slug,
                "Titel": framework.title,
                "Udgiver": framework.publisher.name,
                "Udgivertype": publisher_kinds.get(framework.publisher.kind, ""),
                "År": framework.year or "",
                "Dokumenttype": framework.document_kind,
                "Betegnelse for temaer": framework.theme_label,
                "Kildeangivelse": framework.source,
                "Kildens adresse": framework.source_url,
                "Indledning": framework.introduction,
                "Litteratur": framework.references,
            }
        ],
    )
    _write_sheet(
        book,
        THEMES_SHEET,
        THEME_COLUMNS,
        [
            {
                "Kortnavn": t.slug,
                "Nummer": t.number,
                "Titel": t.title,
                "Kort indledning": t.lead,
                "Tekst": t.body,
                "Begreber": names(t),
            }
            for t in themes
        ],
    )
    _write_sheet(
        book,
        ITEMS_SHEET,
        ITEM_COLUMNS,
        [
            {
                "Nøgle": keys[i.pk],
                "Tema": i.theme.slug,
                "Type": kinds.get(i.kind, i.kind),
                "Overskrift i dokumentet": i.group,
                "Ansvar": responsibilities.get(i.responsibility, ""),
                "Titel": i.title,
                "Sted": i.place,
                "Tekst": i.text,
                "Hører til (nøgle)": keys.get(i.parent_id, ""),
                "Begreber": names(i),
            }
            for i in items
        ],
    )
    _write_sheet(
        book,
        QUESTIONS_SHEET,
        QUESTION_COLUMNS,
        [
            {
                "Tema": q.theme.slug,
                "Hører til punkt (nøgle)": keys.get(q.item_id, ""),
                "Overskrift i dokumentet": q.group,
                "Spørgsmål": q.text,
                "Begreber": names(q),
            }
            for q in questions
        ],
    )
    _write_lists(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The upload form and keeping the file between preview and confirmation -------------------------


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Regneark (.xlsx)"),
        help_text=gettext_lazy(
            "Udfyldt ud fra skabelonen. Intet gemmes, før I har set forhåndsvisningen."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Filen er for stor (højst %(mb)s MB).") % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
                code="too_big",
            )
        data = b"".join(upload.chunks())
        if not data:
            raise forms.ValidationError(_("Filen er tom."), code="empty")
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise forms.ValidationError(
                _(
                    "Filen er ikke et Excel-regneark (.xlsx). Hent skabelonen og gem regnearket "
                    "som «Excel-projektmappe (.xlsx)»."
                ),
                code="not_xlsx",
            )
        self.cleaned_data["data"] = data
        return upload


UPLOAD_DIR = Path(tempfile.gettempdir()) / "foraeldresamarbejde-regneark"
UPLOAD_SALT = "values.workbook.upload"
UPLOAD_MAX_AGE = 60 * 60
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def store_upload(data: bytes, user) -> str:
    """Keep the previewed file until it is confirmed; returns a signed token for the form."""
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    token = secrets.token_hex(16)
    (UPLOAD_DIR / f"{token}.xlsx").write_bytes(data)
    return signing.dumps({"t": token, "u": user.pk}, salt=UPLOAD_SALT)


def _upload_path(signed: str, user) -> Path | None:
    try:
        payload = signing.loads(signed, salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    token = str(payload.get("t", ""))
    if payload.get("u") != user.pk or not TOKEN_RE.fullmatch(token):
        return None
    return UPLOAD_DIR / f"{token}.xlsx"


def load_upload(signed: str, user) -> bytes | None:
    upload = _upload_path(signed, user)
    if upload is None or not upload.exists():
        return None
    return upload.read_bytes()


def discard_upload(signed: str, user=None) -> None:
    try:
        payload = signing.loads(signed, salt=UPLOAD_SALT)
    except signing.BadSignature:
        return
    token = str(payload.get("t", ""))
    if TOKEN_RE.fullmatch(token):
        path = UPLOAD_DIR / f"{token}.xlsx"
        if path.exists():
            os.remove(path)
