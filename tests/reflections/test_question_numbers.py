"""A question has one number: on its section page, on the blank handout, in the PDF and in Excel."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

STEPS_QUESTION = "Hvilke næste skridt aftaler vi?"


def test_the_second_section_goes_on_counting_everywhere(member, board):
    """The template has two questions in "Dialog og tillid", then the steps question: it is
    number 3 wherever it appears, never a fresh "1." on its own section page."""
    from reflections.models import NextStep

    _first, last = board.sections()
    key = board.key
    NextStep.objects.create(worksheet=board.worksheet, question=last.questions.get(), what="Møde")

    section = member.get(last.get_absolute_url()).content.decode()
    assert re.search(r'question-number">3\.</span> ' + re.escape(STEPS_QUESTION), section)
    assert 'question-number">1.' not in section

    blank = member.get(reverse("reflections:blank", args=[key])).content.decode()
    assert re.search(r'question-number">3\.</span> ' + re.escape(STEPS_QUESTION), blank)

    result = member.get(reverse("reflections:result", args=[key])).content.decode()
    assert re.search(r'question-number">3\.</span> ' + re.escape(STEPS_QUESTION), result)

    pdf = member.get(reverse("reflections:result_pdf", args=[key])).content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"3. {STEPS_QUESTION}" in text

    raw = member.get(reverse("reflections:export_csv", args=[key])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert {row[1] for row in rows[1:] if row[2] == STEPS_QUESTION} == {"3"}

    xlsx = member.get(reverse("reflections:export_xlsx", args=[key])).content
    side = load_workbook(io.BytesIO(xlsx))["Side om side"]
    assert [(row[0].value, row[2].value) for row in side.iter_rows(min_row=2)][-1] == (
        3,
        STEPS_QUESTION,
    )


def test_numbers_follow_the_sections_order_not_the_order_questions_were_added(member, board):
    """A question added to the first section later still comes before the second section's."""
    from reflections.models import QuestionKind, WorksheetQuestion

    first, last = board.sections()
    WorksheetQuestion.objects.create(
        worksheet=board.worksheet, section=first, kind=QuestionKind.OPEN,
        text="Et spørgsmål mere", position=99,
    )  # fmt: skip
    section = member.get(last.get_absolute_url()).content.decode()
    assert re.search(r'question-number">4\.</span> ' + re.escape(STEPS_QUESTION), section)
    page = member.get(first.get_absolute_url()).content.decode()
    assert re.search(r'question-number">3\.</span> Et spørgsmål mere', page)
