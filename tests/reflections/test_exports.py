"""PDF, CSV and XLSX of a board's answers: Danish letters intact, formula cells neutralised."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reflections.models import NextStep
from values.spreadsheets.formulas import neutralise_cell

from .conftest import autosave

pytestmark = pytest.mark.django_db

# Leading tab and CR never reach the database (answers are stripped); see the unit test below.
HOSTILE = ['=HYPERLINK("http://x")', "+SUM(1)", "-1+2", "@cmd", "'=apostrophe first"]


@pytest.fixture
def answered(chair, member, board):
    question, indicator, steps = board.questions()
    autosave(member, board, question, scope="own", text="Forældrene føler sig velkomne – æøå ÆØÅ")
    autosave(member, board, indicator, scope="own", rating="some", evidence="Trivselsmåling")
    autosave(
        chair, board, question, scope="agreed", text="Vi går på opdagelse i skolegården", version=0
    )
    autosave(chair, board, indicator, scope="agreed", rating="high", evidence="Årsmødet", version=0)
    NextStep.objects.create(
        worksheet=board.worksheet, question=steps, what="Holde åbent hus", who="Søren", when="Maj"
    )
    return board


def test_the_csv_opens_in_danish_excel(member, answered):
    response = member.get(reverse("reflections:export_csv", args=[answered.key]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="arbejdsark-')
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Afsnit", "Nr.", "Spørgsmål", "Type", "Svar fra", "Svar"]
    assert rows[1][4:6] == ["Bestyrelsens fælles svar", "Vi går på opdagelse i skolegården"]
    texts = {cell for row in rows for cell in row}
    assert "Forældrene føler sig velkomne – æøå ÆØÅ" in texts
    assert {"I nogen grad", "I høj grad", "Trivselsmåling", "Holde åbent hus", "Søren"} <= texts


def test_formula_cells_are_neutralised_in_csv_and_xlsx(member, board):
    question = board.questions()[0]
    for text in HOSTILE:
        autosave(member, board, question, scope="own", text=text)
        csv_text = member.get(reverse("reflections:export_csv", args=[board.key])).content
        cells = {c for row in csv.reader(io.StringIO(csv_text.decode("utf-8-sig")), delimiter=";")
                 for c in row}  # fmt: skip
        assert "'" + text in cells, text
        assert text not in cells
        xlsx = member.get(reverse("reflections:export_xlsx", args=[board.key])).content
        sheet = load_workbook(io.BytesIO(xlsx)).active
        values = [cell for row in sheet.iter_rows() for cell in row if cell.value]
        mine = [c for c in values if isinstance(c.value, str) and c.value.endswith(text[1:])]
        assert any(c.value == "'" + text for c in mine), text
        assert all(c.data_type == "s" for c in values if isinstance(c.value, str))


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_prefix_gets_an_apostrophe(value):
    assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("Helt almindelig tekst") == "Helt almindelig tekst"
    assert neutralise_cell(3) == 3


def test_the_xlsx_holds_every_answer_with_danish_letters(member, answered):
    response = member.get(reverse("reflections:export_xlsx", args=[answered.key]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Afsnit"
    flat = {value for row in rows for value in row if value}
    assert "Forældrene føler sig velkomne – æøå ÆØÅ" in flat
    assert {"Medlem Mads", "Bestyrelsens fælles svar", "Holde åbent hus"} <= flat


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_the_agreed_answers_ratings_and_steps_with_danish_letters(member, answered):
    response = member.get(reverse("reflections:result_pdf", args=[answered.key]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Vi går på opdagelse i skolegården" in text
    assert "Værdier i samarbejdet" in text and "Skovvejens Skole" in text
    assert "I høj grad" in text and "Holde åbent hus" in text and "Søren" in text
    # Members' answers only on request.
    assert "Forældrene føler sig velkomne" not in text
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(response.content)).pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert any("DejaVuSans" in name for name in fonts)


def test_the_pdf_can_include_the_members_answers(member, answered):
    url = reverse("reflections:result_pdf", args=[answered.key]) + "?medlemmer=1"
    text = pdf_text(member.get(url).content)
    assert "Medlem Mads" in text
    assert "Forældrene føler sig velkomne – æøå ÆØÅ" in text.replace("\n", " ")


def test_user_markup_cannot_break_the_pdf(member, board):
    question = board.questions()[0]
    autosave(member, board, question, scope="agreed", text="<b>fed</b> & <para> </i>", version=0)
    response = member.get(reverse("reflections:result_pdf", args=[board.key]))
    assert response.status_code == 200
    assert "<b>fed</b> & <para> </i>" in pdf_text(response.content)
