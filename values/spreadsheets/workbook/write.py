"""Writing workbooks: the empty template with its guide, and an existing framework filled in.

Both have the same sheets and columns (values.spreadsheets.workbook.schema), so an exported
framework uploaded again changes nothing. Every text cell is stored as text and neutralised, so
no spreadsheet runs it as a formula.
"""

from __future__ import annotations

import io

from ...models import Concept, Framework, Item, Publisher, ReflectionQuestion
from .. import columns as c
from ..formulas import neutralise
from ..widgets import danish_labels
from .schema import (
    EXAMPLE_ROWS,
    FRAMEWORK_SHEET,
    GUIDE_HEADINGS,
    GUIDE_LINES,
    GUIDE_SHEET,
    ITEMS_SHEET,
    LISTS_SHEET,
    MAX_ROWS,
    QUESTIONS_SHEET,
    SHEET_COLUMNS,
    THEMES_SHEET,
    WIDE_COLUMNS,
)


def template_bytes() -> bytes:
    """The empty workbook with instructions and one example row per sheet."""
    return _book_bytes(EXAMPLE_ROWS)


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
    kinds = danish_labels(Item.Kind.choices)
    responsibilities = danish_labels(Item.Responsibility.choices)
    return _book_bytes(
        {
            FRAMEWORK_SHEET: [_framework_row(framework)],
            THEMES_SHEET: [_theme_row(t) for t in themes],
            ITEMS_SHEET: [_item_row(i, keys, kinds, responsibilities) for i in items],
            QUESTIONS_SHEET: [_question_row(q, keys) for q in questions],
        }
    )


# One row per object ---------------------------------------------------------------------------


def _concept_names(obj) -> str:
    return ", ".join(sorted(concept.name for concept in obj.concepts.all()))


def _framework_row(framework: Framework) -> dict:
    return {
        c.SLUG: framework.slug,
        c.TITLE: framework.title,
        c.PUBLISHER: framework.publisher.name,
        c.PUBLISHER_KIND: danish_labels(Publisher.Kind.choices).get(framework.publisher.kind, ""),
        c.YEAR: framework.year or "",
        c.DOCUMENT_KIND: framework.document_kind,
        c.THEME_LABEL: framework.theme_label,
        c.SOURCE: framework.source,
        c.SOURCE_URL: framework.source_url,
        c.INTRODUCTION: framework.introduction,
        c.REFERENCES: framework.references,
    }


def _theme_row(theme) -> dict:
    return {
        c.SLUG: theme.slug,
        c.NUMBER: theme.number,
        c.TITLE: theme.title,
        c.LEAD: theme.lead,
        c.TEXT: theme.body,
        c.CONCEPTS: _concept_names(theme),
    }


def _item_row(item: Item, keys: dict[int, str], kinds: dict, responsibilities: dict) -> dict:
    return {
        c.KEY: keys[item.pk],
        c.THEME: item.theme.slug,
        c.KIND: kinds.get(item.kind, item.kind),
        c.GROUP: item.group,
        c.RESPONSIBILITY: responsibilities.get(item.responsibility, ""),
        c.TITLE: item.title,
        c.PLACE: item.place,
        c.TEXT: item.text,
        c.PARENT: keys.get(item.parent_id, ""),
        c.CONCEPTS: _concept_names(item),
    }


def _question_row(question: ReflectionQuestion, keys: dict[int, str]) -> dict:
    return {
        c.THEME: question.theme.slug,
        c.PARENT_ITEM: keys.get(question.item_id, ""),
        c.GROUP: question.group,
        c.QUESTION: question.text,
        c.CONCEPTS: _concept_names(question),
    }


# The sheets -------------------------------------------------------------------------------------


def _book_bytes(rows_by_sheet: dict[str, list[dict]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = GUIDE_SHEET
    _write_guide(book)
    for sheet_name, sheet_columns in SHEET_COLUMNS.items():
        _write_sheet(book, sheet_name, sheet_columns, rows_by_sheet[sheet_name])
    _write_lists(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(book, name: str, sheet_columns, rows: list[dict]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for col, column in enumerate(sheet_columns, start=1):
        cell = sheet.cell(row=1, column=col, value=column.header)
        cell.font = bold
        cell.fill = fill
        width = 50 if column.header in WIDE_COLUMNS else 22
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=2):
        for col, column in enumerate(sheet_columns, start=1):
            value = values.get(column.header, "")
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
        if r == 1 or line in GUIDE_HEADINGS:
            sheet.cell(row=r, column=1).font = Font(bold=True, size=14 if r == 1 else 12)
        r += 1
    for sheet_name, sheet_columns in SHEET_COLUMNS.items():
        r += 1
        sheet.cell(row=r, column=1, value=f"Arket «{sheet_name}»").font = Font(bold=True)
        r += 1
        for column in sheet_columns:
            sheet.cell(row=r, column=1, value=column.header + (" *" if column.required else ""))
            cell = sheet.cell(row=r, column=2, value=column.help)
            cell.alignment = Alignment(wrap_text=True)
            r += 1
    r += 1
    sheet.cell(row=r, column=1, value="* skal udfyldes.")


def _write_lists(book) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(LISTS_SHEET)
    lists = {
        # In Danish like the rest of the file, whatever language the editor's admin is in.
        c.KIND: list(danish_labels(Item.Kind.choices).values()),
        c.RESPONSIBILITY: list(danish_labels(Item.Responsibility.choices).values()),
        c.PUBLISHER_KIND: list(danish_labels(Publisher.Kind.choices).values()),
        c.CONCEPTS: list(Concept.objects.values_list("name", flat=True)),
    }
    for col, (header, values) in enumerate(lists.items(), start=1):
        sheet.cell(row=1, column=col, value=header).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=col, value=value)
        sheet.column_dimensions[chr(64 + col)].width = 30
    # Drop-down lists where one value per cell is expected.
    for target, header, column, source_col in (
        (ITEMS_SHEET, c.KIND, "C", "A"),
        (ITEMS_SHEET, c.RESPONSIBILITY, "E", "B"),
        (FRAMEWORK_SHEET, c.PUBLISHER_KIND, "D", "C"),
    ):
        count = len(lists[header])
        validation = DataValidation(
            type="list",
            formula1=f"=Lister!${source_col}$2:${source_col}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ukendt værdi",
            error=f"Vælg en værdi fra kolonnen «{header}» på arket «Lister».",
        )
        validation.add(f"{column}2:{column}{MAX_ROWS}")
        book[target].add_data_validation(validation)
