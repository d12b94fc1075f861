"""Imports that are bounded: every upload is read within limits on rows, columns, cells, size and
time, the limits are stated on the upload pages and in every refusal, and nothing is written."""

import pytest
from django.urls import reverse

from tests.conftest import make_framework
from tests.values.spreadsheet_files import (
    admin_url,
    csv_bytes,
    empty_rows_xml,
    patched_xlsx,
    upload,
    xlsx_bytes,
)
from tests.values.test_import_export_workbook import SIXTH, counts, filled_template, preview
from values.models import Concept, Theme
from values.spreadsheets import reading

THEME_HEADER = ["Ramme", "Kortnavn", "Titel", "Status"]
LIMITS = "Højst 300 rækker, 30 kolonner og 4.500 udfyldte celler pr. fil"


@pytest.fixture(autouse=True)
def no_time_limit(monkeypatch):
    """The other limits, whatever the machine's load: reading time is tested on its own below."""
    monkeypatch.setattr(reading, "MAX_SECONDS", 600.0)


@pytest.fixture
def framework(db):
    return make_framework(themes=1)


def theme_rows(framework, count: int) -> list[list]:
    return [[framework.slug, f"nyt-tema-{n}", f"Nyt tema {n}", "Kladde"] for n in range(count)]


def themes_xlsx(framework, count: int = 3) -> bytes:
    return xlsx_bytes({"Temaer": [THEME_HEADER, *theme_rows(framework, count)]})


def refused(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200
    assert not response.context.get("confirm_form")
    return page


@pytest.mark.django_db
def test_the_upload_pages_state_the_limits(editor_client):
    assert LIMITS in editor_client.get(admin_url(Theme, "import")).content.decode()
    workbook_page = editor_client.get(reverse("admin:values_framework_workbook"))
    assert LIMITS in workbook_page.content.decode()


@pytest.mark.django_db
def test_two_hundred_thousand_empty_rows_are_refused_with_the_limits(editor_client, framework):
    data = patched_xlsx(themes_xlsx(framework), {}, empty_rows_xml(10, 200_000))
    before = Theme.objects.count()
    page = refused(upload(editor_client, Theme, data, "tomme-raekker.xlsx"))
    assert "Filen er for stor: den har for mange celler – også tomme celler" in page
    assert LIMITS in page
    assert Theme.objects.count() == before


@pytest.mark.django_db
def test_twenty_thousand_empty_rows_below_the_data_are_not_rows(editor_client, framework):
    data = patched_xlsx(themes_xlsx(framework), {}, empty_rows_xml(10, 20_000))
    response = upload(editor_client, Theme, data, "tomme-raekker.xlsx")
    assert response.context["confirm_form"]
    assert "3 nye, 0 ændres og 0 er uændrede" in response.content.decode()


@pytest.mark.django_db
def test_a_dimension_claiming_columns_up_to_xfd_reads_the_filled_columns(editor_client, framework):
    wide = {r'<dimension ref="[^"]*"': '<dimension ref="A1:XFD4"'}
    response = upload(editor_client, Theme, patched_xlsx(themes_xlsx(framework), wide), "b.xlsx")
    assert response.context["confirm_form"]
    assert "3 nye" in response.content.decode()


@pytest.mark.django_db
def test_content_beyond_the_last_allowed_column_is_refused(editor_client, framework):
    far = '<row r="6"><c r="XFD6" t="inlineStr"><is><t>x</t></is></c></row>'
    page = refused(
        upload(editor_client, Theme, patched_xlsx(themes_xlsx(framework), {}, far), "b.xlsx")
    )
    assert "celle XFD6 ligger ud over kolonne AD" in page
    assert LIMITS in page


@pytest.mark.django_db
def test_a_file_that_unpacks_too_large_is_refused(editor_client, framework):
    zeros = "0" * (reading.MAX_UNPACKED_BYTES + 1)
    bomb = f'<row r="7"><c r="A7" t="inlineStr"><is><t>{zeros}</t></is></c></row>'
    data = patched_xlsx(themes_xlsx(framework), {}, bomb)
    assert len(data) < 1024 * 1024
    page = refused(upload(editor_client, Theme, data, "bombe.xlsx"))
    assert "den fylder for meget, når den pakkes ud" in page


@pytest.mark.django_db
def test_too_many_filled_cells_are_refused(editor_client, framework):
    header = THEME_HEADER + [f"Ekstra {n}" for n in range(20)]
    rows = [row + ["x"] * 20 for row in theme_rows(framework, 250)]
    page = refused(upload(editor_client, Theme, csv_bytes(header, rows), "mange.csv"))
    assert "den har mere end 4.500 udfyldte celler" in page


@pytest.mark.django_db
def test_a_file_that_takes_too_long_to_read_is_refused(editor_client, framework, monkeypatch):
    monkeypatch.setattr(reading, "MAX_SECONDS", -1.0)
    page = refused(upload(editor_client, Theme, themes_xlsx(framework), "temaer.xlsx"))
    assert "den tager for lang tid at læse" in page


@pytest.mark.django_db
def test_a_file_over_five_megabytes_is_refused(editor_client, framework):
    data = csv_bytes(THEME_HEADER, [[framework.slug, "x", "y" * (6 * 1024 * 1024), "Kladde"]])
    page = refused(upload(editor_client, Theme, data, "stor.csv"))
    assert "den fylder mere end 5 MB" in page


@pytest.mark.django_db
def test_a_workbook_with_fifty_thousand_empty_rows_is_refused(editor_client):
    Concept.objects.create(name="Kommunikation", description="Samtalen.")
    Concept.objects.create(name="Fællesskab", description="Det fælles.")
    before = counts()
    data = patched_xlsx(filled_template(editor_client, SIXTH), {}, empty_rows_xml(10, 50_000))
    page = preview(editor_client, data).content.decode()
    assert "for mange celler" in page and LIMITS in page, page[page.find("errorlist") :][:400]
    assert counts() == before


@pytest.mark.django_db
def test_a_workbook_with_empty_rows_below_its_data_imports_its_rows(editor_client):
    Concept.objects.create(name="Kommunikation", description="Samtalen.")
    Concept.objects.create(name="Fællesskab", description="Det fælles.")
    data = patched_xlsx(filled_template(editor_client, SIXTH), {}, empty_rows_xml(10, 5_000))
    response = preview(editor_client, data)
    assert response.context.get("token"), response.content.decode()[-3000:]
    summary = {line["sheet"]: line["new"] for line in response.context["result"].summary}
    assert summary == {"Ramme": 1, "Temaer": 2, "Punkter": 3, "Refleksionsspørgsmål": 2}
