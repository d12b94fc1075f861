"""Imports that are exact: what cannot be text is refused by its cell, values too long for their
field by sheet, row and column, unknown columns are named, the same file twice adds nothing
twice, line endings never count as a change, and previewed files do not linger."""

import json
import os
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_framework
from tests.values.spreadsheet_files import admin_url, csv_bytes, patched_xlsx, upload, xlsx_bytes
from tests.values.test_import_export_workbook import (
    SIXTH,
    confirm,
    counts,
    filled_template,
    preview,
)
from values.models import Concept, Framework, Item, Publisher, Status, Theme
from values.spreadsheets.formats import SafeXLSX, export_bytes
from values.spreadsheets.resources import RESOURCES
from values.spreadsheets.workbook import uploads

THEME_HEADER = ["Ramme", "Kortnavn", "Titel", "Status"]
ITEM_HEADER = ["ID", "Ramme", "Tema", "Type", "Titel", "Tekst"]


@pytest.fixture
def framework(db):
    Concept.objects.create(name="Kommunikation", description="Samtalen.")
    Concept.objects.create(name="Fællesskab", description="Det fælles.")
    return make_framework(themes=1)


def snapshot():
    return [(t.pk, t.title, t.body, t.lead) for t in Theme.objects.order_by("pk")] + [
        (i.pk, i.title, i.text) for i in Item.objects.order_by("pk")
    ]


def refused(response) -> str:
    assert response.status_code == 200
    assert not response.context.get("confirm_form")
    return response.content.decode()


# Control characters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "name"),
    [("\x07", "BEL"), ("\x1b", "ESC"), ("\x0c", "FF"), ("\x0b", "VT"), ("\x00", "NUL")],
)
@pytest.mark.django_db
def test_a_control_character_in_a_csv_file_is_refused_by_its_cell(
    editor_client, framework, character, name
):
    before = snapshot()
    rows = [
        [framework.slug, "nyt", "Godt tema", "Kladde"],
        [framework.slug, "ondt", f"Ond{character}t", "Kladde"],
    ]
    page = refused(upload(editor_client, Theme, csv_bytes(THEME_HEADER, rows), "temaer.csv"))
    assert f"Celle C3 (kolonnen «Titel») indeholder et usynligt styretegn ({name})" in page
    assert snapshot() == before


@pytest.mark.django_db
def test_a_control_character_in_an_xlsx_file_is_refused_by_its_cell(editor_client, framework):
    data = xlsx_bytes({"Temaer": [THEME_HEADER, [framework.slug, "nyt", "PLADSHOLDER", "Kladde"]]})
    data = patched_xlsx(data, {"PLADSHOLDER": "Ond_x001B_t"})
    page = refused(upload(editor_client, Theme, data, "temaer.xlsx"))
    assert "Celle C2 (kolonnen «Titel») indeholder et usynligt styretegn (ESC)" in page
    assert not Theme.objects.filter(slug="nyt").exists()


@pytest.mark.django_db
def test_a_control_character_in_a_json_file_is_refused(editor_client, framework):
    rows = [{"Ramme": framework.slug, "Kortnavn": "nyt", "Titel": "Ond\u0007t", "Status": "Kladde"}]
    page = refused(upload(editor_client, Theme, json.dumps(rows).encode(), "temaer.json"))
    assert "indeholder et usynligt styretegn (BEL)" in page
    assert not Theme.objects.filter(slug="nyt").exists()


@pytest.mark.django_db
def test_a_control_character_in_a_workbook_is_refused_by_sheet_and_cell(editor_client, framework):
    before = counts()
    data = patched_xlsx(filled_template(editor_client, SIXTH), {"Ugebrevet": "Uge_x0007_brevet"})
    page = preview(editor_client, data).content.decode()
    assert (
        "Arket «Punkter», celle F2 (kolonnen «Titel») indeholder et usynligt styretegn (BEL)"
        in page
    )
    assert counts() == before


@pytest.mark.django_db
def test_text_saved_with_control_characters_or_crlf_is_stored_clean(framework):
    theme = framework.themes.get()
    theme.body = "Første afsnit.\r\n\r\nAndet\x07 afsnit.\rTredje."
    theme.save()
    theme.refresh_from_db()
    assert theme.body == "Første afsnit.\n\nAndet afsnit.\nTredje."
    # …so every export of it works.
    assert export_bytes(RESOURCES[Theme], SafeXLSX)


# Formulas, dimensions, lengths --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_formula_without_a_stored_result_is_refused_by_name(editor_client, framework):
    rows = [[framework.slug, f"tema-{n}", f"Tema {n}", "Kladde"] for n in range(3)]
    rows[2][2] = '=CONCATENATE("Tema ", 3)'  # C4: openpyxl stores formulas without a result
    page = refused(
        upload(editor_client, Theme, xlsx_bytes({"Temaer": [THEME_HEADER, *rows]}), "f.xlsx")
    )
    assert "Celle C4 (kolonnen «Titel») er en formel uden et gemt resultat" in page
    assert not Theme.objects.filter(slug="tema-0").exists()


@pytest.mark.django_db
def test_a_sheet_whose_dimension_is_smaller_than_its_data_is_read_whole(editor_client, framework):
    rows = [[framework.slug, f"tema-{n}", f"Tema {n}", "Kladde"] for n in range(3)]
    data = xlsx_bytes({"Temaer": [THEME_HEADER, *rows]})
    data = patched_xlsx(data, {r'<dimension ref="[^"]*"': '<dimension ref="A1:B2"'})
    response = upload(editor_client, Theme, data, "temaer.xlsx")
    assert response.context["confirm_form"]
    assert "3 nye, 0 ændres" in response.content.decode()


@pytest.mark.django_db
def test_a_value_longer_than_its_field_is_refused_in_the_preview(editor_client, framework):
    header = ["Kortnavn", "Titel", "Udgiver", "Dokumenttype", "Kildeangivelse", "Status"]
    row = ["ny-ramme", "Ny ramme", "K" * 300, "Værdigrundlag", "Kilde", "Kladde"]
    before = Publisher.objects.count()
    page = refused(upload(editor_client, Framework, csv_bytes(header, [row]), "rammer.csv"))
    assert "Kolonnen «Udgiver» har 300 tegn; der er plads til højst 200." in page
    assert "Række 2" in page
    assert Publisher.objects.count() == before
    assert not Framework.objects.filter(slug="ny-ramme").exists()


@pytest.mark.django_db
def test_a_value_longer_than_its_field_in_a_workbook_is_named_by_sheet_row_and_column(
    editor_client, framework
):
    data = filled_template(
        editor_client,
        {**SIXTH, "Ramme": [{**SIXTH["Ramme"][0], "Udgiver": "K" * 300}]},
    )
    before = counts()
    page = preview(editor_client, data).content.decode()
    assert (
        "Arket «Ramme», række 2: Kolonnen «Udgiver» har 300 tegn; der er plads til højst 200."
        in page
    )
    assert counts() == before


# Columns, repeats, published frameworks -------------------------------------------------------


@pytest.mark.django_db
def test_unknown_and_misspelled_columns_are_named_in_the_preview(editor_client, framework):
    header = [*THEME_HEADER, "Tekts", "Noter"]
    rows = [[framework.slug, "nyt", "Nyt tema", "Kladde", "Skulle have været tekst", ""]]
    response = upload(editor_client, Theme, csv_bytes(header, rows), "temaer.csv")
    assert response.context["confirm_form"]
    assert "Kolonnerne «Tekts», «Noter» kendes ikke og bliver ikke importeret" in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_unknown_columns_of_a_workbook_are_named_in_the_preview(editor_client, framework):
    data = filled_template(editor_client, SIXTH)
    data = patched_xlsx(data, {"Kort indledning": "Kort indledningg"})
    page = preview(editor_client, data).content.decode()
    assert "Arket «Temaer», række 1: Kolonnerne «Kort indledningg» kendes ikke" in page


@pytest.mark.django_db
def test_uploading_the_same_items_file_twice_adds_its_new_rows_once(editor_client, framework):
    theme = framework.themes.get()
    rows = [
        ["", framework.slug, theme.slug, "Eksempel", "Ugebrevet", "Hver fredag."],
        ["", framework.slug, theme.slug, "Det kan vi se, når", "", "Forældrene svarer."],
    ]
    data = csv_bytes(ITEM_HEADER, rows)
    before = Item.objects.count()
    for _ in range(2):
        response = upload(editor_client, Item, data, "punkter.csv")
        confirm_data = response.context["confirm_form"].initial
        editor_client.post(admin_url(Item, "process_import"), {**confirm_data, "confirm": "1"})
    assert Item.objects.count() == before + 2
    again = upload(editor_client, Item, data, "punkter.csv")
    assert "0 nye, 0 ændres og 2 er uændrede" in again.content.decode()


@pytest.mark.django_db
def test_a_workbook_for_a_published_framework_says_the_changes_go_live(editor_client, framework):
    response = preview(editor_client, filled_template(editor_client, SIXTH))
    confirm(editor_client, response)
    Framework.objects.filter(title="Sammen om skolen").update(status=Status.PUBLISHED)
    changed = {**SIXTH, "Ramme": [{**SIXTH["Ramme"][0], "Indledning": "Ny indledning."}]}
    page = preview(editor_client, filled_template(editor_client, changed)).content.decode()
    assert "Rammen er offentliggjort:" in page
    assert "ændringerne bliver synlige på den offentlige side med det samme" in page


@pytest.mark.django_db
def test_a_workbook_for_a_draft_does_not_warn(editor_client, framework):
    page = preview(editor_client, filled_template(editor_client, SIXTH)).content.decode()
    assert "Rammen er offentliggjort:" not in page


# Line endings -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_reads_crlf_as_no_change(editor_client, framework):
    theme = framework.themes.get()
    Theme.objects.filter(pk=theme.pk).update(body="Første linje.\nAnden linje.")
    url = reverse("admin:values_theme_change", args=[theme.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    data["body"] = "Første linje.\r\nAnden linje."  # what a browser sends from a textarea
    data.update(_management_forms(editor_client.get(url)))
    done = editor_client.post(url, data)
    assert done.status_code == 302
    entry = LogEntry.objects.filter(object_id=str(theme.pk)).latest("pk")
    assert entry.get_change_message() == "Ingen felter ændret."


def _management_forms(response) -> dict:
    """The inlines' management forms, submitting none of their rows."""
    data = {}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{name}"] = "0" if name != "MAX_NUM_FORMS" else "1000"
    return data


# Files awaiting confirmation ----------------------------------------------------------------------


@pytest.mark.django_db
def test_workbooks_awaiting_confirmation_are_deleted_after_a_day(editor):
    old = uploads.store_upload(b"gammel", editor, "gammel.xlsx")
    old_path = uploads._upload_path(old, editor)
    day_ago = time.time() - uploads.KEEP_SECONDS - 60
    os.utime(old_path, (day_ago, day_ago))
    new = uploads.store_upload(b"ny", editor, "ny.xlsx")
    assert not old_path.exists()
    assert uploads.load_upload(new, editor) == b"ny"


@pytest.mark.django_db
def test_a_changelist_import_awaiting_confirmation_is_deleted_after_a_day(editor_client, framework):
    """The files of django-import-export's previews (items, themes …) are swept like the
    workbooks': a real upload's preview, left unconfirmed for a day, is gone at the next."""
    theme = framework.themes.get()
    rows = [["", framework.slug, theme.slug, "Eksempel", "Ugebrevet", "Hver fredag."]]
    data = csv_bytes(ITEM_HEADER, rows)
    first = upload(editor_client, Item, data, "punkter.csv")
    name = first.context["confirm_form"].initial["import_file_name"]
    stored = uploads.UPLOAD_DIR / f"{name}.upload"
    assert stored.exists()
    day_ago = time.time() - uploads.KEEP_SECONDS - 60
    os.utime(stored, (day_ago, day_ago))
    upload(editor_client, Item, data, "punkter.csv")
    assert not stored.exists()


@pytest.mark.django_db
def test_the_list_keeps_its_filter_after_confirming_an_import(editor_client, framework):
    theme = framework.themes.get()
    filtered = f"theme__framework__id__exact={framework.pk}"
    listing = editor_client.get(f"{admin_url(Item, 'changelist')}?{filtered}").content.decode()
    assert "_changelist_filters=theme__framework__id__exact%3D" in listing
    import_url = f"{admin_url(Item, 'import')}?_changelist_filters={filtered.replace('=', '%3D')}"
    rows = [["", framework.slug, theme.slug, "Eksempel", "Ugebrevet", "Hver fredag."]]
    response = editor_client.post(
        import_url,
        {
            "resource": "0",
            "format": "",
            "import_file": SimpleUploadedFile("punkter.csv", csv_bytes(ITEM_HEADER, rows)),
        },
    )
    page = response.content.decode()
    process = admin_url(Item, "process_import")
    action = process + page.split(f'action="{process}', 1)[1].split('"', 1)[0]
    assert "_changelist_filters=" in action
    confirm_data = response.context["confirm_form"].initial
    done = editor_client.post(action.replace("&amp;", "&"), {**confirm_data, "confirm": "1"})
    assert done["Location"] == f"{admin_url(Item, 'changelist')}?{filtered}"
