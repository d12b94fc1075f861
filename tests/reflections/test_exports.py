"""PDF, CSV and XLSX of a board's answers: Danish letters intact, text never run as a formula."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
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
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="skovvejens-skole-vaerdier-i-samarbejdet-{today}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Afsnit", "Nr.", "Spørgsmål", "Type", "Svar fra", "Svar"]
    assert rows[1][4:6] == ["Bestyrelsens fælles svar", "Vi går på opdagelse i skolegården"]
    texts = {cell for row in rows for cell in row}
    assert "Forældrene føler sig velkomne – æøå ÆØÅ" in texts
    assert {"I nogen grad", "I høj grad", "Trivselsmåling", "Holde åbent hus", "Søren"} <= texts


def test_formula_text_gets_an_apostrophe_in_csv_and_is_plain_typed_text_in_xlsx(member, board):
    question = board.questions()[0]
    for text in HOSTILE:
        autosave(member, board, question, scope="own", text=text)
        csv_text = member.get(reverse("reflections:export_csv", args=[board.key])).content
        cells = {c for row in csv.reader(io.StringIO(csv_text.decode("utf-8-sig")), delimiter=";")
                 for c in row}  # fmt: skip
        assert "'" + text in cells, text
        assert text not in cells
        xlsx = member.get(reverse("reflections:export_xlsx", args=[board.key])).content
        book = load_workbook(io.BytesIO(xlsx))
        for sheet in book.worksheets:
            values = [cell for row in sheet.iter_rows() for cell in row if cell.value]
            # Exactly what the member wrote – no apostrophe to see – typed as text, kept as text.
            mine = [c for c in values if isinstance(c.value, str) and text in c.value]
            assert mine and all(c.value == text for c in mine), (sheet.title, text)
            assert all(c.data_type == "s" for c in values if isinstance(c.value, str))
            assert all(c.quotePrefix for c in mine if c.value.startswith(("=", "+", "-", "@")))
        with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            xml = b"".join(archive.read(name) for name in sheets)
        assert b"<f>" not in xml and b"<f " not in xml  # not a single formula in the file


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_prefix_gets_an_apostrophe(value):
    assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("Helt almindelig tekst") == "Helt almindelig tekst"
    assert neutralise_cell(3) == 3


def test_the_xlsx_holds_every_answer_with_danish_letters(member, answered):
    response = member.get(reverse("reflections:export_xlsx", args=[answered.key]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Alle svar"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Afsnit"
    flat = {value for row in rows for value in row if value}
    assert "Forældrene føler sig velkomne – æøå ÆØÅ" in flat
    assert {"Medlem Mads", "Bestyrelsens fælles svar", "Holde åbent hus"} <= flat
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions


def test_the_first_xlsx_sheet_puts_questions_and_members_side_by_side(chair, member, answered):
    question, indicator, steps = answered.questions()
    autosave(chair, answered, question, scope="own", text="Formandens eget svar")
    content = member.get(reverse("reflections:export_xlsx", args=[answered.key])).content
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    assert sheet.title == "Side om side"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    # Both members as columns, in the order they joined; one row per question, numbered.
    assert rows[0] == [
        "Nr.", "Afsnit", "Spørgsmål", "Bestyrelsens fælles svar", "Formand Fie", "Medlem Mads"
    ]  # fmt: skip
    assert [row[0] for row in rows[1:]] == [1, 2, 3]
    assert rows[1][3:] == [
        "Vi går på opdagelse i skolegården",
        "Formandens eget svar",
        "Forældrene føler sig velkomne – æøå ÆØÅ",
    ]
    assert rows[2][3] == "I høj grad\nHvordan ved vi det? Årsmødet"
    assert rows[2][4] is None  # the chair has not rated: an empty cell, not "None"
    assert rows[2][5] == "I nogen grad\nHvordan ved vi det? Trivselsmåling"
    assert rows[3][3] == "Holde åbent hus · Søren · Maj"
    # Filters on every column, the header row and the question column stay put when scrolling.
    assert sheet.auto_filter.ref == "A1:F4"
    assert sheet.freeze_panes == "D2"


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


def test_the_pdf_is_named_after_school_worksheet_and_day_and_lists_who_took_part(
    chair, member, answered
):
    response = member.get(reverse("reflections:result_pdf", args=[answered.key]))
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="skovvejens-skole-vaerdier-i-samarbejdet-{today}.pdf"'
    )
    text = pdf_text(response.content).replace("\n", " ")
    assert "Deltagere (2): Formand Fie, Medlem Mads" in text


def test_no_heading_is_left_alone_at_the_bottom_of_a_pdf_page(board):
    """Many sections of answers of different lengths: wherever a page ends, it never ends on
    a section heading or a question without its answer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from reflections.exports.pdf import _PdfStory
    from reflections.models import Answer, WorksheetQuestion, WorksheetSection
    from reflections.results import build_result

    worksheet = board.worksheet
    for n in range(40):
        section = WorksheetSection.objects.create(
            worksheet=worksheet, title=f"Afsnit {n}", position=10 + n
        )
        for m in range(1 + n % 3):
            question = WorksheetQuestion.objects.create(
                worksheet=worksheet, section=section, kind="open", text=f"Spørgsmål {n}.{m}",
                position=100 + 10 * n + m,
            )  # fmt: skip
            words = 9 + 17 * ((n * 7 + m) % 5)
            Answer.objects.create(worksheet=worksheet, question=question, text="Et svar. " * words)
    last_on_page: dict[int, str] = {}

    class Recorder(SimpleDocTemplate):
        def afterFlowable(self, flowable):
            if isinstance(flowable, Paragraph | Table):  # what prints, not page-break markers
                name = flowable.style.name if isinstance(flowable, Paragraph) else "table"
                last_on_page[self.page] = name

    story = _PdfStory(build_result(worksheet), [], with_members=False).story()
    Recorder(io.BytesIO(), pagesize=A4).build(story)
    assert len(last_on_page) >= 4  # the test spans several page ends
    assert not {"h2", "question"} & set(last_on_page.values()), last_on_page


def test_anonymous_answers_leave_no_name_in_any_download(chair, member, answered):
    answered.worksheet.anonymous = True
    answered.worksheet.save()
    key = answered.key
    texts = {
        "csv": member.get(reverse("reflections:export_csv", args=[key])).content.decode(
            "utf-8-sig"
        ),
        "pdf": "".join(
            page.extract_text()
            for page in PdfReader(
                io.BytesIO(
                    member.get(
                        reverse("reflections:result_pdf", args=[key]) + "?medlemmer=1"
                    ).content
                )
            ).pages
        ),
        "xlsx": " ".join(
            str(cell.value)
            for sheet in load_workbook(
                io.BytesIO(member.get(reverse("reflections:export_xlsx", args=[key])).content)
            )
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ),
        "overview": chair.get(reverse("reflections:overview", args=[key])).content.decode(),
        "meeting": chair.get(reverse("reflections:meeting", args=[key, 1])).content.decode(),
    }
    # As words: a random key or token in a page's links may hold the letters "Fie" by chance.
    name = re.compile(r"(?<![\w-])(Mads|Fie)(?![\w-])")
    for where, text in texts.items():
        assert not name.search(text), where
    # Each member keeps one pseudonym everywhere, so answers can still be told apart.
    for where in ("csv", "pdf", "xlsx", "overview"):
        assert "Medlem 2" in texts[where], where
