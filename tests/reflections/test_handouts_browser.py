"""What the chair prints in Chromium: the blank handout and the overview for the meeting."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reflections.models import QuestionKind, WorksheetQuestion, WorksheetSection

from .conftest import Board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A worksheet the size boards use: twelve questions over four sections, every kind.
SECTIONS = [
    ("Dialog", [QuestionKind.OPEN, QuestionKind.RATING, QuestionKind.OPEN, QuestionKind.RATING]),
    ("Trivsel", [QuestionKind.RATING, QuestionKind.OPEN, QuestionKind.RATING, QuestionKind.OPEN]),
    ("Fællesskab", [QuestionKind.OPEN, QuestionKind.RATING, QuestionKind.OPEN]),
    ("Næste skridt", [QuestionKind.NEXT_STEPS]),
]


@pytest.fixture
def big_board(template) -> Board:
    board = Board(template)
    worksheet = board.worksheet
    worksheet.sections.all().delete()
    position = 0
    for s, (title, kinds) in enumerate(SECTIONS, start=1):
        section = WorksheetSection.objects.create(worksheet=worksheet, title=title, position=s)
        for kind in kinds:
            position += 1
            WorksheetQuestion.objects.create(
                worksheet=worksheet, section=section, kind=kind, position=position,
                text=f"Spørgsmål nummer {position} om {title.lower()}, som bestyrelsen taler om?",
                context="Vejle Kommune · 1. Dialog",
            )  # fmt: skip
    return board


def pdf_pages(page) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    return [p.extract_text() for p in reader.pages]


def question_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?m)^(\d+)\. Spørgsmål nummer", text)]


def test_the_blank_handout_is_compact_with_room_for_date_and_attendees(page, big_board):
    page.goto(big_board.chair_link)
    page.goto(reverse("reflections:blank", args=[big_board.key]))
    pages = pdf_pages(page)
    numbers = [question_numbers(text) for text in pages]
    assert sorted(n for ns in numbers for n in ns) == list(range(1, 13)), numbers
    # Compact: no page holds a single question, and twelve questions fit on four pages.
    assert all(len(ns) != 1 for ns in numbers), numbers
    assert len(pages) <= 4, numbers
    assert "Mødedato" in pages[0] and "Til stede" in pages[0]
