"""Import and export files are Danish whatever language the editor's admin is in.

Files go between municipalities: the column names are Danish, and so are the labels of kinds,
responsibilities and statuses. An editor with the admin in English exports the same file and can
import a file made in Danish.
"""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_framework
from values.models import Framework, Item, Publisher
from values.spreadsheets import workbook
from values.spreadsheets.formats import DanishCSV, export_bytes, import_file
from values.spreadsheets.resources import RESOURCES
from values.spreadsheets.widgets import ChoiceLabelWidget

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db) -> Framework:
    framework = make_framework()
    item = Item.objects.filter(kind=Item.Kind.INDICATOR).first()
    item.responsibility = Item.Responsibility.PARENTS
    item.save()
    return framework


@pytest.fixture
def english_editor(editor_client):
    """An editor whose admin is in English (the language switch sets the cookie)."""
    editor_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = editor_client.get(reverse("admin:values_item_changelist")).content.decode()
    assert '<html lang="en"' in page
    return editor_client


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def export_in_admin(client, model) -> list[dict]:
    response = client.post(
        reverse(f"admin:values_{model._meta.model_name}_export"), {"resource": "0", "format": "0"}
    )
    assert response.status_code == 200
    return csv_rows(response.content)


def snapshot() -> list[tuple]:
    return sorted(Item.objects.values_list("pk", "kind", "responsibility", "text", "updated_at"))


def test_the_english_admin_exports_danish_labels(english_editor, content):
    items = export_in_admin(english_editor, Item)
    assert {row["Type"] for row in items} == {"Eksempel", "Udsagn", "Det kan vi se, når"}
    assert {row["Ansvar"] for row in items} == {"", "Forældrene"}
    assert {row["Status"] for row in export_in_admin(english_editor, Framework)} == {
        "Offentliggjort"
    }
    assert {row["Type"] for row in export_in_admin(english_editor, Publisher)} == {"Kommune"}


def test_a_danish_file_imports_unchanged_in_the_english_admin(english_editor, content):
    with translation.override("da"):
        data = export_bytes(RESOURCES[Item], DanishCSV)
    before = snapshot()

    response = english_editor.post(
        reverse("admin:values_item_import"),
        {"resource": "0", "format": "", "import_file": SimpleUploadedFile("punkter.csv", data)},
    )

    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    confirm = response.context["confirm_form"].initial
    done = english_editor.post(
        reverse("admin:values_item_process_import"), {**confirm, "confirm": "1"}
    )
    assert done.status_code == 302
    assert snapshot() == before


def test_a_file_exported_in_english_imports_back_in_danish(content):
    with translation.override("en"):
        data = export_bytes(RESOURCES[Item], DanishCSV)
    assert "Det kan vi se, når" in data.decode("utf-8-sig")
    before = snapshot()

    with translation.override("da"):
        result = import_file(RESOURCES[Item], DanishCSV, data, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert snapshot() == before


def test_the_interface_languages_label_and_the_stored_value_are_accepted_too():
    widget = ChoiceLabelWidget(Item.Kind.choices, "type")
    with translation.override("en"):
        assert widget.clean("Det kan vi se, når") == Item.Kind.INDICATOR
        assert widget.clean("we can see it when") == Item.Kind.INDICATOR
        assert widget.clean("indicator") == Item.Kind.INDICATOR
    with translation.override("da"):
        assert widget.clean("det kan vi se, når") == Item.Kind.INDICATOR
        assert widget.clean("indicator") == Item.Kind.INDICATOR


def test_an_unknown_label_in_english_names_the_danish_labels_to_use():
    widget = ChoiceLabelWidget(Item.Responsibility.choices, "responsibility")
    with translation.override("en"), pytest.raises(ValueError) as error:
        widget.clean("Teachers")
    assert str(error.value).startswith("Unknown responsibility “Teachers”. Use one of:")
    assert "“Forældrene”, “De fagprofessionelle”, “Fælles”" in str(error.value)


def test_the_framework_workbook_from_the_english_admin_is_danish_and_imports_back(
    english_editor, content
):
    response = english_editor.get(
        reverse("admin:values_framework_workbook_export", args=[content.pk])
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    items = list(book[workbook.ITEMS_SHEET].iter_rows(values_only=True))
    kind_column = items[0].index("Type")
    assert {row[kind_column] for row in items[1:]} == {"Eksempel", "Udsagn", "Det kan vi se, når"}
    lists = [row[0] for row in book[workbook.LISTS_SHEET].iter_rows(values_only=True)]
    assert "Det kan vi se, når" in lists and "We can see it when" not in lists
    framework_row = list(book[workbook.FRAMEWORK_SHEET].iter_rows(values_only=True))
    assert "Kommune" in framework_row[1]
    before = snapshot()

    with translation.override("en"):
        result = workbook.import_workbook(response.content, dry_run=False)

    assert result.errors == []
    assert {c.action for c in result.changes} == {"same"}
    assert snapshot() == before


def test_a_workbook_without_a_theme_label_gets_the_danish_one_in_english(content):
    content.theme_label = "Værditema"
    content.save()
    book = openpyxl.load_workbook(io.BytesIO(workbook.export_framework(content)))
    sheet = book[workbook.FRAMEWORK_SHEET]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("Betegnelse for temaer") + 1).value = None
    out = io.BytesIO()
    book.save(out)

    with translation.override("en"):
        result = workbook.import_workbook(out.getvalue(), dry_run=False)

    assert result.errors == []
    content.refresh_from_db()
    assert content.theme_label == "Tema"
