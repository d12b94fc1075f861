"""Formula-looking text in every spreadsheet the portal writes: shown as text, read back unchanged.

One rule (values.spreadsheets.formulas) for the content files, the framework workbook and the
boards' answers (tests/reflections/test_exports.py): a cell a spreadsheet would run gets an
apostrophe in front, and text that already starts with an apostrophe gets one more, so nothing
is lost on the way back in.
"""

import csv
import io
import json

import openpyxl
import pytest

from tests.conftest import make_framework
from values.models import Item, Theme
from values.spreadsheets import workbook
from values.spreadsheets.formats import FORMATS, DanishCSV, SafeJSON, export_bytes, import_file
from values.spreadsheets.formulas import neutralise, neutralise_cell, restore
from values.spreadsheets.resources import RESOURCES

pytestmark = pytest.mark.django_db

HOSTILE = {
    "title": '=HYPERLINK("http://evil.example")',
    "group": "@SUM(A1)",
    "place": "+45 12 34 56 78",
    "text": "'=Et citat, der allerede begynder med en apostrof",
}


@pytest.fixture
def hostile_item(db) -> Item:
    make_framework()
    item = Item.objects.filter(kind=Item.Kind.INDICATOR).first()
    for name, value in HOSTILE.items():
        setattr(item, name, value)
    item.save()
    return item


def exported_cells(data: bytes, fmt) -> list:
    if fmt is DanishCSV:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        return [cell for row in rows for cell in row]
    if fmt is SafeJSON:
        return [value for row in json.loads(data) for value in row.values()]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells]


def test_apostrophe_text_gets_one_more_apostrophe_and_comes_back():
    text = HOSTILE["text"]
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text
    assert neutralise_cell(text) == "'" + text
    assert neutralise_cell(None) is None


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.__name__)
def test_a_content_file_writes_formula_text_as_text_and_reads_it_back(hostile_item, fmt):
    data = export_bytes(RESOURCES[Item], fmt)

    cells = exported_cells(data, fmt)
    for value in HOSTILE.values():
        assert "'" + value in cells
        assert value not in cells

    result = import_file(RESOURCES[Item], fmt, data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    hostile_item.refresh_from_db()
    assert {name: getattr(hostile_item, name) for name in HOSTILE} == HOSTILE


def test_the_framework_workbook_writes_formula_text_as_text_and_reads_it_back(hostile_item):
    theme = hostile_item.theme
    theme.title = "-Minus foran"
    theme.save()
    data = workbook.export_framework(theme.framework)

    book = openpyxl.load_workbook(io.BytesIO(data))
    items = [c for row in book[workbook.ITEMS_SHEET].iter_rows(min_row=2) for c in row if c.value]
    assert {"'" + value for value in HOSTILE.values()} <= {c.value for c in items}
    assert all(c.data_type == "s" for c in items)
    assert "'-Minus foran" in [c.value for c in book[workbook.THEMES_SHEET]["C"]]

    result = workbook.import_workbook(data, dry_run=False)
    assert result.errors == []
    assert {change.action for change in result.changes} == {"same"}
    assert Theme.objects.get(pk=theme.pk).title == "-Minus foran"


@pytest.mark.parametrize("text", ["=1+1", "+45 1234", "-minus", "@SUM(A1)", "\tfane", "\rretur"])
def test_formula_like_text_is_neutralised_and_restored(text):
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


def test_ordinary_and_apostrophe_text_survives_neutralising():
    for text in ["Forældre", "'citat'", "'=allerede", "", "a=b"]:
        assert restore(neutralise(text)) == text
    assert neutralise("Forældre") == "Forældre"
