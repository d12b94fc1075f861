"""Checking a workbook's rows before anything is written: one function per sheet.

Every problem is collected (with its sheet and row), so the editor sees them all at once; any
problem means nothing is written. What passes becomes an ImportPlan: plain dicts in workbook
order, with themes, parents and items resolved to the rows they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...models import Framework, Item, Publisher, ReflectionQuestion, Theme, danish_slugify
from .. import columns as c
from ..widgets import ChoiceLabelWidget, ConceptsWidget
from .read import SheetProblem, SheetRow, WorkbookInvalid
from .schema import (
    EXAMPLE_ROWS,
    FRAMEWORK_SHEET,
    ITEMS_SHEET,
    QUESTIONS_SHEET,
    SHEET_COLUMNS,
    THEMES_SHEET,
)

KIND = ChoiceLabelWidget(Item.Kind.choices, gettext_lazy("type"))
RESPONSIBILITY = ChoiceLabelWidget(
    Item.Responsibility.choices, gettext_lazy("ansvar"), allow_blank=True
)
PUBLISHER_KIND = ChoiceLabelWidget(
    Publisher.Kind.choices, gettext_lazy("udgivertype"), allow_blank=True
)


@dataclass
class ImportPlan:
    framework: dict
    themes: list[dict]
    items: list[dict]
    questions: list[dict]


@dataclass
class Findings:
    """The problems found so far, and the small checks every sheet makes."""

    problems: list[SheetProblem] = field(default_factory=list)
    #: concepts by name, looked up once per workbook
    concept_names: ConceptsWidget = field(default_factory=ConceptsWidget)

    def add(self, sheet: str, row: SheetRow | None, message: str) -> None:
        self.problems.append(SheetProblem(sheet, row.number if row else None, message))

    def on_sheet(self, sheet: str) -> bool:
        return any(p.sheet == sheet for p in self.problems)

    def required(self, sheet: str, row: SheetRow, column: str) -> str:
        value = row.get(column)
        if not value:
            self.add(sheet, row, _("Kolonnen «%(column)s» skal udfyldes.") % {"column": column})
        return value

    def choice(self, widget: ChoiceLabelWidget, sheet: str, row: SheetRow, column: str):
        """The stored value of a choice column, or None after noting the problem."""
        try:
            return widget.clean(row.get(column))
        except ValueError as error:
            self.add(sheet, row, str(error))
            return None

    def concepts(self, sheet: str, row: SheetRow) -> list[int]:
        try:
            return list(self.concept_names.clean(row.get(c.CONCEPTS)).values_list("pk", flat=True))
        except ValueError as error:
            self.add(sheet, row, str(error))
            return []

    def raise_if_any(self) -> None:
        if self.problems:
            order = list(SHEET_COLUMNS)
            self.problems.sort(
                key=lambda p: (order.index(p.sheet) if p.sheet in order else -1, p.row or 0)
            )
            raise WorkbookInvalid(self.problems)


def plan_import(sheets: dict[str, list[SheetRow]]) -> ImportPlan:
    """Check every sheet; the plan to apply, or WorkbookInvalid with every problem found."""
    findings = Findings()
    check_for_examples(sheets, findings)
    check_lengths(sheets, findings)
    framework = check_framework_sheet(sheets.get(FRAMEWORK_SHEET, []), findings)
    themes, theme_refs = check_themes_sheet(sheets.get(THEMES_SHEET, []), findings)
    items, keys = check_items_sheet(sheets.get(ITEMS_SHEET, []), theme_refs, findings)
    questions = check_questions_sheet(sheets.get(QUESTIONS_SHEET, []), theme_refs, keys, findings)
    findings.raise_if_any()
    return ImportPlan(framework, themes, items, questions)


def check_for_examples(sheets: dict[str, list[SheetRow]], findings: Findings) -> None:
    """A row that is still the template's example is refused, on every sheet."""
    for sheet, rows in sheets.items():
        for row in rows:
            if any(
                all(row.get(column) == value for column, value in example.items() if value)
                for example in EXAMPLE_ROWS[sheet]
            ):
                findings.add(
                    sheet,
                    row,
                    _(
                        "Rækken er skabelonens eksempel. Overskriv den med jeres eget indhold "
                        "eller slet den."
                    ),
                )


#: The text columns of each sheet whose model field has a maximum length.
STORED_AS = {
    FRAMEWORK_SHEET: {
        c.TITLE: (Framework, "title"),
        c.PUBLISHER: (Publisher, "name"),
        c.DOCUMENT_KIND: (Framework, "document_kind"),
        c.THEME_LABEL: (Framework, "theme_label"),
        c.SOURCE: (Framework, "source"),
        c.SOURCE_URL: (Framework, "source_url"),
    },
    THEMES_SHEET: {c.NUMBER: (Theme, "number"), c.TITLE: (Theme, "title"), c.LEAD: (Theme, "lead")},
    ITEMS_SHEET: {c.GROUP: (Item, "group"), c.TITLE: (Item, "title"), c.PLACE: (Item, "place")},
    QUESTIONS_SHEET: {c.GROUP: (ReflectionQuestion, "group")},
}


def check_lengths(sheets: dict[str, list[SheetRow]], findings: Findings) -> None:
    """A value longer than its field is named by sheet, row and column, before any saving."""
    for sheet, stored_as in STORED_AS.items():
        limits = {
            column: model._meta.get_field(name).max_length
            for column, (model, name) in stored_as.items()
        }
        for row in sheets.get(sheet, []):
            for column, longest in limits.items():
                if longest and len(row.get(column)) > longest:
                    findings.add(
                        sheet,
                        row,
                        _(
                            "Kolonnen «%(column)s» har %(length)s tegn; der er plads til "
                            "højst %(max)s."
                        )
                        % {"column": column, "length": len(row.get(column)), "max": longest},
                    )


def check_framework_sheet(rows: list[SheetRow], findings: Findings) -> dict:
    sheet = FRAMEWORK_SHEET
    if len(rows) != 1:
        findings.add(
            sheet,
            None,
            _("Arket skal have præcis én udfyldt række (der er %(n)s).") % {"n": len(rows)},
        )
        return {}
    row = rows[0]
    framework = {
        "row": row.number,
        "slug": danish_slugify(row.get(c.SLUG) or row.get(c.TITLE) or ""),
        "title": findings.required(sheet, row, c.TITLE),
        "publisher": findings.required(sheet, row, c.PUBLISHER),
        "document_kind": findings.required(sheet, row, c.DOCUMENT_KIND),
        "source": findings.required(sheet, row, c.SOURCE),
        # Content, so Danish whatever language the editor's admin is in.
        "theme_label": row.get(c.THEME_LABEL) or "Tema",
        "source_url": row.get(c.SOURCE_URL),
        "introduction": row.get(c.INTRODUCTION),
        "references": row.get(c.REFERENCES),
        "year": None,
    }
    publisher_kind = findings.choice(PUBLISHER_KIND, sheet, row, c.PUBLISHER_KIND)
    if publisher_kind is not None:
        framework["publisher_kind"] = publisher_kind or Publisher.Kind.MUNICIPALITY
    if row.get(c.YEAR):
        if re.fullmatch(r"\d{4}", row.get(c.YEAR)):
            framework["year"] = int(row.get(c.YEAR))
        else:
            findings.add(sheet, row, _("«År» skal være et årstal, fx 2026."))
    if framework["source_url"] and not re.match(r"https?://", framework["source_url"]):
        findings.add(sheet, row, _("«Kildens adresse» skal begynde med https://."))
    return framework


def check_themes_sheet(
    rows: list[SheetRow], findings: Findings
) -> tuple[list[dict], dict[str, dict]]:
    """The themes, and every way the other sheets may name one (slug, title, number)."""
    themes: list[dict] = []
    refs: dict[str, dict] = {}
    seen_slugs: dict[str, int] = {}
    for row in rows:
        title = findings.required(THEMES_SHEET, row, c.TITLE)
        slug = danish_slugify(row.get(c.SLUG) or title)
        if slug in seen_slugs:
            findings.add(
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
            "number": row.get(c.NUMBER),
            "title": title,
            "lead": row.get(c.LEAD),
            "body": row.get(c.TEXT),
            "concepts": findings.concepts(THEMES_SHEET, row),
        }
        themes.append(theme)
        for ref in (row.get(c.SLUG), slug, title, row.get(c.NUMBER)):
            if ref:
                refs.setdefault(ref.casefold(), theme)
    if not themes and not findings.on_sheet(THEMES_SHEET):
        findings.add(THEMES_SHEET, None, _("Rammen skal have mindst ét tema."))
    return themes, refs


def theme_of(
    sheet: str, row: SheetRow, theme_refs: dict[str, dict], findings: Findings
) -> dict | None:
    """The theme a row of the items or questions sheet names in its «Tema» column."""
    ref = findings.required(sheet, row, c.THEME)
    if not ref:
        return None
    theme = theme_refs.get(ref.casefold()) or theme_refs.get(danish_slugify(ref))
    if theme is None:
        findings.add(
            sheet,
            row,
            _("Ukendt tema «%(ref)s». Brug et kortnavn fra arket «Temaer».") % {"ref": ref},
        )
    return theme


def check_items_sheet(
    rows: list[SheetRow], theme_refs: dict[str, dict], findings: Findings
) -> tuple[list[dict], dict[str, dict]]:
    """The items, and the items by their key (case-insensitive) for «Hører til» columns."""
    items: list[dict] = []
    keys: dict[str, dict] = {}
    for row in rows:
        item = _item_of(row, theme_refs, findings)
        if item["key"]:
            folded = item["key"].casefold()
            if folded in keys:
                findings.add(
                    ITEMS_SHEET,
                    row,
                    _("Nøglen «%(key)s» bruges også i række %(other)s. Nøgler skal være unikke.")
                    % {"key": item["key"], "other": keys[folded]["row"]},
                )
            else:
                keys[folded] = item
        items.append(item)
    for item in items:
        item["parent"] = _parent_of(item, keys, findings)
    return items, keys


def _item_of(row: SheetRow, theme_refs: dict[str, dict], findings: Findings) -> dict:
    theme = theme_of(ITEMS_SHEET, row, theme_refs, findings)
    kind = findings.choice(KIND, ITEMS_SHEET, row, c.KIND)
    responsibility = findings.choice(RESPONSIBILITY, ITEMS_SHEET, row, c.RESPONSIBILITY)
    if not row.get(c.TEXT) and not row.get(c.TITLE):
        findings.add(ITEMS_SHEET, row, _("Et punkt skal have en titel eller en tekst."))
    return {
        "row": row.number,
        "key": row.get(c.KEY),
        "theme": theme,
        "kind": kind,
        "group": row.get(c.GROUP),
        "responsibility": responsibility or "",
        "title": row.get(c.TITLE),
        "place": row.get(c.PLACE),
        "text": row.get(c.TEXT),
        "parent_key": row.get(c.PARENT),
        "concepts": findings.concepts(ITEMS_SHEET, row),
    }


def _parent_of(item: dict, keys: dict[str, dict], findings: Findings) -> dict | None:
    if not item["parent_key"]:
        return None
    parent = keys.get(item["parent_key"].casefold())
    row = SheetRow(item["row"], {})
    if parent is None:
        findings.add(
            ITEMS_SHEET,
            row,
            _("«Hører til» henviser til nøglen «%(key)s», som ikke findes på arket.")
            % {"key": item["parent_key"]},
        )
    elif parent is item:
        findings.add(ITEMS_SHEET, row, _("Et punkt kan ikke høre til sig selv."))
    elif parent["theme"] is not item["theme"]:
        findings.add(ITEMS_SHEET, row, _("Punktet, det hører til, står i et andet tema."))
    return parent


def check_questions_sheet(
    rows: list[SheetRow],
    theme_refs: dict[str, dict],
    keys: dict[str, dict],
    findings: Findings,
) -> list[dict]:
    questions: list[dict] = []
    for row in rows:
        theme = theme_of(QUESTIONS_SHEET, row, theme_refs, findings)
        text = findings.required(QUESTIONS_SHEET, row, c.QUESTION)
        item = None
        item_key = row.get(c.PARENT_ITEM)
        if item_key:
            item = keys.get(item_key.casefold())
            if item is None:
                findings.add(
                    QUESTIONS_SHEET,
                    row,
                    _("«Hører til punkt» henviser til nøglen «%(key)s», som ikke findes.")
                    % {"key": item_key},
                )
            elif item["theme"] is not theme:
                findings.add(
                    QUESTIONS_SHEET, row, _("Punktet, spørgsmålet hører til, står i et andet tema.")
                )
        questions.append(
            {
                "row": row.number,
                "theme": theme,
                "item": item,
                "group": row.get(c.GROUP),
                "text": text,
                "concepts": findings.concepts(QUESTIONS_SHEET, row),
            }
        )
    return questions
