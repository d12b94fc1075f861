"""Import and export in the admin: human columns, round trips, previews, bad files, permissions."""

import csv
import io
import json

import openpyxl
import pytest

from tests.conftest import make_framework
from tests.values.spreadsheet_files import admin_url, csv_bytes, upload
from values.models import Concept, Framework, Item, Publisher, ReflectionQuestion, Theme
from values.spreadsheets.formats import (
    FORMATS,
    DanishCSV,
    SafeJSON,
    SafeXLSX,
    export_bytes,
    import_file,
)
from values.spreadsheets.resources import RESOURCES

MODELS = [Concept, Publisher, Framework, Theme, Item, ReflectionQuestion]
FORMAT_INDEX = {DanishCSV: "0", SafeXLSX: "1", SafeJSON: "2"}


@pytest.fixture
def content(db):
    kommunikation = Concept.objects.create(name="Kommunikation", description="Samtalen.")
    faellesskab = Concept.objects.create(name="Fællesskab", description="Det fælles.")
    framework = make_framework(concepts=[kommunikation, faellesskab])
    item = Item.objects.filter(kind=Item.Kind.INDICATOR).first()
    item.concepts.set([faellesskab])
    item.text = '=HYPERLINK("http://evil.example")\n\nAndet afsnit med æøå.'
    item.responsibility = Item.Responsibility.PARENTS
    item.save()
    return framework


def snapshot(model) -> list[tuple]:
    """Every stored value of every row, including when it was last changed."""
    rows = []
    for obj in model.objects.order_by("pk"):
        values = [getattr(obj, f.attname) for f in obj._meta.concrete_fields]
        if hasattr(obj, "concepts"):
            values.append(sorted(obj.concepts.values_list("pk", flat=True)))
        rows.append(tuple(values))
    return rows


def rows_of(data: bytes, fmt) -> list[dict]:
    if fmt is DanishCSV:
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    if fmt is SafeJSON:
        return json.loads(data)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_export_then_import_changes_nothing(content, model, fmt):
    before = snapshot(model)
    data = export_bytes(RESOURCES[model], fmt)

    result = import_file(RESOURCES[model], fmt, data, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    assert snapshot(model) == before


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.__name__)
def test_items_are_exported_in_human_columns(content, fmt):
    rows = rows_of(export_bytes(RESOURCES[Item], fmt), fmt)
    indicator = next(r for r in rows if r["Type"] == "Det kan vi se, når" and r["Ansvar"])
    assert indicator["Ramme"] == content.slug
    assert indicator["Tema"] == content.themes.first().slug
    assert indicator["Ansvar"] == "Forældrene"
    assert indicator["Begreber"] == "Fællesskab"
    statement = next(r for r in rows if r["Type"] == "Udsagn")
    parent = Item.objects.get(pk=int(statement["Hører til"]))
    assert parent.kind == Item.Kind.EXAMPLE


@pytest.mark.django_db
def test_csv_export_opens_in_danish_excel(content):
    data = export_bytes(RESOURCES[Theme], DanishCSV)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.split(";")[:3] == ["Ramme", "Kortnavn", "Nummer"]
    assert "Fællesskab" in data.decode("utf-8-sig")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.__name__)
def test_no_exported_cell_starts_like_a_formula(content, fmt):
    item = Item.objects.get(text__startswith="=HYPERLINK")
    item.title = "@evil"
    item.place = "+45 12 34 56 78"
    item.group = "-minus"
    item.save()
    data = export_bytes(RESOURCES[Item], fmt)
    if fmt is SafeXLSX:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type != "f" for c in cells)
        values = [c.value for c in cells]
    else:
        values = [v for row in rows_of(data, fmt) for v in row.values()]
    assert not [
        v for v in values if isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]
    assert '\'=HYPERLINK("http://evil.example")\n\nAndet afsnit med æøå.' in values


# The admin: preview, confirm, bad files ---------------------------------------------------------


THEME_HEADER = [
    "Ramme",
    "Kortnavn",
    "Nummer",
    "Titel",
    "Kort indledning",
    "Tekst",
    "Status",
    "Rækkefølge",
    "Begreber",
]


@pytest.mark.django_db
def test_import_previews_every_row_before_anything_is_written(editor_client, content):
    data = csv_bytes(
        THEME_HEADER,
        [
            [content.slug, "nyt-tema", "3", "Nyt tema", "", "", "Kladde", "30", "Kommunikation"],
            [
                content.slug,
                content.themes.first().slug,
                "1",
                "Rettet titel",
                "",
                "",
                "Offentliggjort",
                "1",
                "",
            ],
        ],
    )
    response = upload(editor_client, Theme, data, "temaer.csv")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Forhåndsvisning" in page and "Bekræft import" in page
    assert "Ny" in page and "Ændres" in page and "Rettet titel" in page
    assert not Theme.objects.filter(slug="nyt-tema").exists()
    assert not Theme.objects.filter(title="Rettet titel").exists()

    confirm = response.context["confirm_form"].initial
    done = editor_client.post(admin_url(Theme, "process_import"), {**confirm, "confirm": "1"})
    assert done.status_code == 302
    assert Theme.objects.get(slug="nyt-tema").concepts.get().name == "Kommunikation"
    assert Theme.objects.filter(title="Rettet titel").exists()


@pytest.mark.django_db
def test_one_bad_row_writes_nothing_and_names_its_row(editor_client, content):
    data = csv_bytes(
        THEME_HEADER,
        [
            [content.slug, "godt-tema", "3", "Godt tema", "", "", "Kladde", "30", ""],
            ["findes-ikke", "andet-tema", "4", "Andet tema", "", "", "Kladde", "40", ""],
        ],
    )
    response = upload(editor_client, Theme, data, "temaer.csv")
    page = response.content.decode()
    assert "intet er gemt" in page
    assert "Række 3" in page and "Ukendt ramme “findes-ikke”" in page
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert not Theme.objects.filter(slug__in=["godt-tema", "andet-tema"]).exists()


def item_row(content, **changes):
    theme = content.themes.first()
    row = {
        "ID": "",
        "Ramme": content.slug,
        "Tema": theme.slug,
        "Type": "Udsagn",
        "Overskrift i dokumentet": "",
        "Ansvar": "",
        "Titel": "",
        "Sted": "",
        "Tekst": "Nyt udsagn",
        "Hører til": "",
        "Rækkefølge": "50",
        "Begreber": "",
    }
    row.update(changes)
    return row


def item_csv(rows: list[dict], encoding="utf-8-sig") -> bytes:
    return csv_bytes(list(rows[0].keys()), [list(r.values()) for r in rows], encoding)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"Type": "Drømmescenarie"}, "Ukendt type “Drømmescenarie”"),
        ({"Ramme": "ukendt-ramme"}, "Ukendt ramme “ukendt-ramme”"),
        ({"Tema": "ukendt-tema"}, "Ukendt tema “ukendt-tema”"),
        ({"Begreber": "Kommunikation, Glæde"}, "Ukendt begreb: “Glæde”"),
        ({"ID": "999999"}, "Der findes ingen række med ID 999999"),
        ({"Hører til": "999999"}, "Der findes intet punkt med ID 999999"),
    ],
    ids=["kind", "framework", "theme", "concept", "id", "parent"],
)
def test_an_unknown_reference_names_the_row_and_writes_nothing(
    editor_client, content, changes, message
):
    before = snapshot(Item)
    rows = [item_row(content, Tekst="God række"), item_row(content, **changes)]
    response = upload(editor_client, Item, item_csv(rows), "punkter.csv")
    page = response.content.decode()
    assert "Række 3" in page
    assert message in page
    assert snapshot(Item) == before


@pytest.mark.django_db
def test_duplicate_slugs_in_one_file_are_refused(editor_client, content):
    data = csv_bytes(
        THEME_HEADER,
        [
            [content.slug, "samme", "3", "Et", "", "", "Kladde", "30", ""],
            [content.slug, "samme", "4", "To", "", "", "Kladde", "40", ""],
        ],
    )
    response = upload(editor_client, Theme, data, "temaer.csv")
    page = response.content.decode()
    assert "Række 3" in page and "står også i række 2" in page
    assert not Theme.objects.filter(slug="samme").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "tom.csv", "fil er tom"),
        (b"Ramme;Kortnavn;Titel\r\n", "kun-overskrift.csv", "ingen rækker"),
        (
            "Ramme;Kortnavn;Titel\r\nx;y;Forældre\r\n".encode("cp1252"),
            "ansi.csv",
            "ikke gemt som UTF-8",
        ),
        ("Ramme;Titel\r\nx;Forældre\r\n".encode(), "mangler.csv", "mangler kolonnerne: “Kortnavn”"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "billede.csv", "kunne ikke læses som CSV"),
        (b"PK\x03\x04 not really a zip", "falsk.xlsx", "kunne ikke læses som XLSX"),
        (b"{not json", "ødelagt.json", "kunne ikke læses som JSON"),
        (b"hello", "noter.txt", "filnavnet ender ikke på .csv, .xlsx eller .json"),
    ],
    ids=[
        "empty",
        "header-only",
        "encoding",
        "missing-column",
        "binary",
        "fake-xlsx",
        "bad-json",
        "txt",
    ],
)
def test_a_bad_file_gets_a_danish_message_and_writes_nothing(
    editor_client, content, data, name, message
):
    before = snapshot(Theme)
    response = upload(editor_client, Theme, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert snapshot(Theme) == before


@pytest.mark.django_db
def test_a_ten_thousand_row_file_is_refused_whole(editor_client, content):
    rows = [
        [content.slug, f"tema-{n}", "", f"Tema {n}", "", "", "Kladde", "", ""]
        for n in range(10_000)
    ]
    response = upload(editor_client, Theme, csv_bytes(THEME_HEADER, rows), "stor.csv")
    page = response.content.decode()
    assert "Filen er for stor: den har mere end 300 rækker" in page
    assert "Højst 300 rækker, 30 kolonner og 4.500 udfyldte celler pr. fil" in page
    assert Theme.objects.count() == 2


@pytest.mark.django_db
def test_changes_made_between_preview_and_confirm_roll_the_whole_file_back(editor_client, content):
    data = csv_bytes(
        THEME_HEADER,
        [
            [content.slug, "nyt-tema", "3", "Nyt tema", "", "", "Kladde", "30", ""],
            [content.slug, "andet-nyt", "4", "Andet nyt", "", "", "Kladde", "40", "Kommunikation"],
        ],
    )
    response = upload(editor_client, Theme, data, "temaer.csv")
    confirm = response.context["confirm_form"].initial
    Concept.objects.filter(name="Kommunikation").delete()  # someone else deletes it meanwhile

    done = editor_client.post(admin_url(Theme, "process_import"), {**confirm, "confirm": "1"})

    assert done.status_code == 302
    assert not Theme.objects.filter(slug__in=["nyt-tema", "andet-nyt"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.__name__)
def test_admin_export_downloads_each_format(editor_client, content, fmt):
    response = editor_client.post(
        admin_url(ReflectionQuestion, "export"), {"resource": "0", "format": FORMAT_INDEX[fmt]}
    )
    assert response.status_code == 200
    assert "refleksionsspoergsmaal-" in response["Content-Disposition"]
    rows = rows_of(response.content, fmt)
    assert len(rows) == ReflectionQuestion.objects.count()
    assert {r["Ramme"] for r in rows} == {content.slug}


@pytest.mark.django_db
def test_a_file_exported_with_the_earlier_parent_header_still_sets_the_parent(content):
    statement = Item.objects.filter(kind=Item.Kind.STATEMENT).first()
    new_parent = Item.objects.create(
        theme=statement.theme, kind=Item.Kind.EXAMPLE, title="Et andet eksempel", position=9
    )
    rows = rows_of(export_bytes(RESOURCES[Item], DanishCSV), DanishCSV)
    for row in rows:
        row["Hører til (ID)"] = row.pop("Hører til")
        if row["ID"] == str(statement.pk):
            row["Hører til (ID)"] = str(new_parent.pk)

    result = import_file(RESOURCES[Item], DanishCSV, item_csv(rows), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    statement.refresh_from_db()
    assert statement.parent == new_parent


@pytest.mark.django_db
def test_an_xlsx_export_names_its_sheet_and_writes_numbers_as_numbers(editor_client):
    make_framework(themes=1)
    response = editor_client.post(admin_url(Item, "export"), {"format": "1", "resource": "0"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Punkter"
    header, *rows = list(sheet.iter_rows(values_only=True))
    ids, positions = header.index("ID"), header.index("Rækkefølge")
    assert all(isinstance(row[ids], int) and isinstance(row[positions], int) for row in rows)
    text = header.index("Tekst")
    assert any(isinstance(row[text], str) for row in rows)  # text stays text


@pytest.mark.django_db
def test_an_exported_xlsx_with_numbers_uploads_again_as_no_changes(editor_client):
    make_framework(themes=1)
    exported = editor_client.post(admin_url(Item, "export"), {"format": "1", "resource": "0"})
    again = upload(editor_client, Item, exported.content, "punkter.xlsx")
    count = Item.objects.count()
    assert f"0 nye, 0 ændres og {count} er uændrede" in again.content.decode()
