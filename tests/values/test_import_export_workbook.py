"""A whole framework in one workbook: template, preview, draft, re-upload and bad workbooks."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_framework
from values.models import Concept, Framework, Item, Publisher, ReflectionQuestion, Status, Theme
from values.spreadsheets import workbook

UPLOAD_URL = "admin:values_framework_workbook"

SIXTH = {
    workbook.FRAMEWORK_SHEET: [
        {
            "Kortnavn": "",
            "Titel": "Sammen om skolen",
            "Udgiver": "Solrød Kommune",
            "Udgivertype": "Kommune",
            "År": "2025",
            "Dokumenttype": "Pejlemærker",
            "Betegnelse for temaer": "Pejlemærke",
            "Kildeangivelse": "Solrød Kommune: Sammen om skolen, 2025.",
            "Indledning": "Forældre og skole har et fælles ansvar.",
        }
    ],
    workbook.THEMES_SHEET: [
        {
            "Kortnavn": "",
            "Nummer": "1",
            "Titel": "Tydelig kommunikation",
            "Begreber": "Kommunikation",
        },
        {
            "Kortnavn": "faellesskab",
            "Nummer": "2",
            "Titel": "Fællesskab i klassen",
            "Tekst": "Alle børn.",
        },
    ],
    workbook.ITEMS_SHEET: [
        {"Nøgle": "E1", "Tema": "tydelig-kommunikation", "Type": "Eksempel", "Titel": "Ugebrevet"},
        {
            "Nøgle": "U1",
            "Tema": "tydelig-kommunikation",
            "Type": "Udsagn",
            "Tekst": "Forældrene ved, hvad der sker i ugen.",
            "Hører til": "E1",
        },
        {
            "Tema": "2",
            "Type": "Det kan vi se, når",
            "Tekst": "=Børnene leger på tværs.",
            "Begreber": "Fællesskab",
        },
    ],
    workbook.QUESTIONS_SHEET: [
        {
            "Tema": "tydelig-kommunikation",
            "Hører til punkt": "E1",
            "Spørgsmål": "Hvad skal ugebrevet indeholde?",
        },
        {
            "Tema": "faellesskab",
            "Overskrift i dokumentet": "Refleksion",
            "Spørgsmål": "Hvordan inviterer vi alle?",
        },
    ],
}


def filled_template(client, content: dict) -> bytes:
    """The downloaded template with its example rows replaced by `content`."""
    response = client.get(reverse("admin:values_framework_workbook_template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    for sheet_name, rows in content.items():
        sheet = book[sheet_name]
        header = [c.value for c in sheet[1]]
        sheet.delete_rows(2, sheet.max_row)
        for number, values in enumerate(rows, start=2):
            sheet.append([values.get(h, "") for h in header])
            for column in range(1, len(header) + 1):
                cell = sheet.cell(number, column)
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, as Excel stores a cell typed as '=…
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def preview(client, data: bytes, name="ramme.xlsx"):
    return client.post(reverse(UPLOAD_URL), {"file": SimpleUploadedFile(name, data)})


def confirm(client, response):
    return client.post(reverse(UPLOAD_URL), {"token": response.context["token"], "confirm": "1"})


def counts():
    return (
        Framework.objects.count(),
        Publisher.objects.count(),
        Theme.objects.count(),
        Item.objects.count(),
        ReflectionQuestion.objects.count(),
    )


@pytest.fixture
def concepts(db):
    Concept.objects.create(name="Kommunikation", description="Samtalen.")
    Concept.objects.create(name="Fællesskab", description="Det fælles.")


@pytest.mark.django_db
def test_template_has_instructions_sheets_and_an_example_row(editor_client, concepts):
    response = editor_client.get(reverse("admin:values_framework_workbook_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Vejledning",
        "Ramme",
        "Temaer",
        "Punkter",
        "Refleksionsspørgsmål",
        "Lister",
    ]
    guide = "\n".join(
        str(c.value) for row in book["Vejledning"].iter_rows() for c in row if c.value
    )
    assert "Sådan lægger I en hel ramme ind" in guide and "kladde" in guide
    assert book["Temaer"]["C2"].value == "Eksempel: Dialog"
    assert "Det kan vi se, når" in [c.value for c in book["Lister"]["A"]]
    assert "Fællesskab" in [c.value for c in book["Lister"]["D"]]


@pytest.mark.django_db
def test_a_sixth_framework_from_the_template_is_previewed_created_as_draft_and_published(
    editor_client, client, concepts
):
    make_framework()  # the site already has content
    before = counts()
    response = preview(editor_client, filled_template(editor_client, SIXTH))

    page = response.content.decode()
    assert "En ny ramme oprettes" in page and "Sammen om skolen" in page
    assert "Tydelig kommunikation" in page and "Hvad skal ugebrevet indeholde?" in page
    assert counts() == before  # the preview wrote nothing

    done = confirm(editor_client, response)
    framework = Framework.objects.get(title="Sammen om skolen")
    assert done.status_code == 302
    assert framework.status == Status.DRAFT
    assert framework.slug == "sammen-om-skolen"
    assert framework.publisher.name == "Solrød Kommune"
    assert [t.title for t in framework.themes.order_by("position")] == [
        "Tydelig kommunikation",
        "Fællesskab i klassen",
    ]
    statement = Item.objects.get(theme__framework=framework, kind=Item.Kind.STATEMENT)
    assert statement.parent.title == "Ugebrevet"
    indicator = Item.objects.get(theme__framework=framework, kind=Item.Kind.INDICATOR)
    assert indicator.text == "=Børnene leger på tværs."
    assert list(indicator.concepts.values_list("name", flat=True)) == ["Fællesskab"]
    assert (
        ReflectionQuestion.objects.get(text="Hvad skal ugebrevet indeholde?").item
        == statement.parent
    )

    assert client.get(framework.get_absolute_url()).status_code == 404  # a draft is not public
    framework.status = Status.PUBLISHED
    framework.save()
    public = client.get(framework.get_absolute_url())
    assert public.status_code == 200
    assert "Sammen om skolen" in public.content.decode()
    assert "Tydelig kommunikation" in public.content.decode()


@pytest.mark.django_db
def test_uploading_an_edited_workbook_again_updates_instead_of_duplicating(editor_client, concepts):
    confirm(editor_client, preview(editor_client, filled_template(editor_client, SIXTH)))
    framework = Framework.objects.get(title="Sammen om skolen")
    framework.status = Status.PUBLISHED
    framework.save()
    question = ReflectionQuestion.objects.get(text="Hvordan inviterer vi alle?")
    before = counts()

    edited = {key: [dict(row) for row in rows] for key, rows in SIXTH.items()}
    edited[workbook.ITEMS_SHEET][1]["Tekst"] = "Forældrene ved altid, hvad der sker i ugen."
    edited[workbook.QUESTIONS_SHEET].append(
        {"Tema": "faellesskab", "Spørgsmål": "Et nyt spørgsmål?"}
    )
    response = preview(editor_client, filled_template(editor_client, edited))
    assert "findes allerede og opdateres" in response.content.decode()
    confirm(editor_client, response)

    framework.refresh_from_db()
    assert counts() == (before[0], before[1], before[2], before[3], before[4] + 1)
    assert framework.status == Status.PUBLISHED  # re-uploading does not unpublish
    assert Item.objects.filter(text="Forældrene ved altid, hvad der sker i ugen.").exists()
    assert ReflectionQuestion.objects.filter(
        pk=question.pk, text="Hvordan inviterer vi alle?"
    ).exists()


@pytest.mark.django_db
def test_an_exported_framework_workbook_imports_back_without_changes(editor_client, concepts):
    framework = make_framework(concepts=list(Concept.objects.all()))
    response = editor_client.get(
        reverse("admin:values_framework_workbook_export", args=[framework.pk])
    )
    stamps = sorted(Item.objects.values_list("pk", "updated_at", "position", "parent_id"))

    result = workbook.import_workbook(response.content, dry_run=False)

    assert result.errors == []
    assert {c.action for c in result.changes} == {"same"}
    assert sorted(Item.objects.values_list("pk", "updated_at", "position", "parent_id")) == stamps


def broken(changes=None):
    content = {key: [dict(row) for row in rows] for key, rows in SIXTH.items()}
    for (sheet, index, column), value in (changes or {}).items():
        content[sheet][index][column] = value
    return content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            broken({(workbook.ITEMS_SHEET, 2, "Type"): "Drøm"}),
            "Arket «Punkter», række 4: Ukendt type “Drøm”",
        ),
        (
            broken({(workbook.ITEMS_SHEET, 0, "Tema"): "findes-ikke"}),
            "Arket «Punkter», række 2: Ukendt tema «findes-ikke»",
        ),
        (
            broken({(workbook.THEMES_SHEET, 1, "Kortnavn"): "tydelig-kommunikation"}),
            "Arket «Temaer», række 3: Kortnavnet «tydelig-kommunikation» bruges også i række 2",
        ),
        (
            broken({(workbook.ITEMS_SHEET, 1, "Hører til"): "X9"}),
            "Arket «Punkter», række 3: «Hører til» henviser til nøglen «X9»",
        ),
        (
            broken({(workbook.QUESTIONS_SHEET, 0, "Spørgsmål"): ""}),
            "Arket «Refleksionsspørgsmål», række 2: Kolonnen «Spørgsmål» skal udfyldes",
        ),
        (
            broken({(workbook.THEMES_SHEET, 0, "Begreber"): "Glæde"}),
            "Arket «Temaer», række 2: Ukendt begreb: “Glæde”",
        ),
        (
            {**SIXTH, workbook.THEMES_SHEET: workbook.EXAMPLE_ROWS[workbook.THEMES_SHEET]},
            "Arket «Temaer», række 2: Rækken er skabelonens eksempel",
        ),
        (
            {**SIXTH, workbook.FRAMEWORK_SHEET: SIXTH[workbook.FRAMEWORK_SHEET] * 2},
            "Arket «Ramme»: Arket skal have præcis én udfyldt række (der er 2)",
        ),
    ],
    ids=[
        "kind",
        "theme",
        "duplicate-slug",
        "parent",
        "required",
        "concept",
        "example",
        "two-frameworks",
    ],
)
def test_a_bad_workbook_names_sheet_and_row_and_writes_nothing(
    editor_client, concepts, content, message
):
    before = counts()
    response = preview(editor_client, filled_template(editor_client, content))
    page = response.content.decode()
    assert message in page
    assert "intet er gemt" in page
    assert "token" not in response.context or not response.context["token"]
    assert counts() == before


@pytest.mark.django_db
def test_a_workbook_with_the_earlier_key_headers_still_links_items(editor_client, concepts):
    book = openpyxl.load_workbook(io.BytesIO(filled_template(editor_client, SIXTH)))
    for sheet_name, earlier in (
        (workbook.ITEMS_SHEET, "Hører til (nøgle)"),
        (workbook.QUESTIONS_SHEET, "Hører til punkt (nøgle)"),
    ):
        header = next(c for c in book[sheet_name][1] if c.value == earlier.split(" (")[0])
        header.value = earlier
    out = io.BytesIO()
    book.save(out)

    result = workbook.import_workbook(out.getvalue(), dry_run=False)

    assert result.errors == []
    statement = Item.objects.get(kind=Item.Kind.STATEMENT, text__startswith="Forældrene ved")
    assert statement.parent.title == "Ugebrevet"
    assert ReflectionQuestion.objects.get(text="Hvad skal ugebrevet indeholde?").item.title == (
        "Ugebrevet"
    )


@pytest.mark.django_db
def test_a_workbook_without_a_sheet_or_column_is_refused(editor_client, concepts):
    book = openpyxl.load_workbook(io.BytesIO(filled_template(editor_client, SIXTH)))
    del book["Punkter"]
    book["Temaer"]["C1"] = "Overskrift"
    out = io.BytesIO()
    book.save(out)
    page = preview(editor_client, out.getvalue()).content.decode()
    assert "Arket «Punkter»: Arket mangler" in page
    assert "Arket «Temaer», række 1: Kolonnerne «Titel» mangler" in page
    assert not Framework.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "tom.xlsx", "er tom"),
        ("Titel;Udgiver\nSammen;Solrød\n".encode(), "ramme.xlsx", "ikke et Excel-regneark"),
        (b"PK\x03\x04" + b"\x00" * 64, "ødelagt.xlsx", "ikke et Excel-regneark"),
    ],
    ids=["empty", "csv-renamed", "broken-zip"],
)
def test_a_file_that_is_not_a_workbook_is_refused(editor_client, concepts, data, name, message):
    page = preview(editor_client, data, name).content.decode()
    assert message in page
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_a_workbook_with_ten_thousand_rows_is_refused_whole(editor_client, concepts):
    many = broken()
    many[workbook.QUESTIONS_SHEET] = [
        {"Tema": "faellesskab", "Spørgsmål": f"Spørgsmål {n}?"} for n in range(10_000)
    ]
    page = preview(editor_client, filled_template(editor_client, many)).content.decode()
    assert "mere end 300 rækker" in page and "Højst 300 rækker" in page
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_confirming_someone_elses_preview_is_refused(editor_client, client, concepts):
    response = preview(editor_client, filled_template(editor_client, SIXTH))
    other = User.objects.create_superuser("anden", "anden@example.com", "anden-kode-123")
    client.force_login(other)
    done = client.post(reverse(UPLOAD_URL), {"token": response.context["token"], "confirm": "1"})
    assert done.status_code == 302
    assert not Framework.objects.filter(title="Sammen om skolen").exists()


@pytest.mark.django_db
def test_only_users_with_the_import_permission_may_upload_a_workbook(client, concepts):
    user = User.objects.create_user("uden-import", password="kode-uden-import-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="values").exclude(
            codename="import_content"
        )
    )
    client.force_login(user)
    changelist = client.get(reverse("admin:values_framework_changelist")).content.decode()
    assert f'href="{reverse(UPLOAD_URL)}"' not in changelist
    assert client.get(reverse(UPLOAD_URL)).status_code == 403
    data = workbook.template_bytes()
    assert (
        client.post(reverse(UPLOAD_URL), {"file": SimpleUploadedFile("r.xlsx", data)}).status_code
        == 403
    )
    assert client.get(reverse("admin:values_framework_workbook_template")).status_code == 200
