"""Other groups' ratings in the CSV and XLSX downloads: a column (and rows) per group with at
least five responses, nothing for a smaller group, never a comment."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reflections import rounds
from reflections.models import Round

from .round_data import respond
from .rounds_helpers import round_dates

pytestmark = pytest.mark.django_db

COMMENT = "Min datter i 3.A keder sig."


def open_round(board, group: str, label: str = "") -> Round:
    created, _token = rounds.open_round(board.worksheet, group=group, label=label, **round_dates())
    return created


@pytest.fixture
def asked(board):
    indicator = board.worksheet.questions.get(kind="rating")
    respond(open_round(board, "staff"), {indicator: "high"}, times=5, comment=COMMENT)
    respond(open_round(board, "parents", "5.B"), {indicator: "little"}, times=6)
    respond(open_round(board, "pupils"), {indicator: "none"}, times=4)
    return board


def test_the_xlsx_has_a_column_per_group_with_five_responses(member, asked):
    content = member.get(reverse("reflections:export_xlsx", args=[asked.key])).content
    book = load_workbook(io.BytesIO(content))
    rows = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    assert rows[0][-2:] == ["Skolens personale (5 svar)", "Alle forældre: 5.B (6 svar)"]
    assert rows[2][-2:] == ["I høj grad 5", "I mindre grad 6"]
    assert rows[1][-2:] == [None, None]  # not a rated question
    every = {
        v for sheet in book.worksheets for row in sheet.iter_rows() for v in (c.value for c in row)
    }
    assert "Elever (4 svar)" not in every and COMMENT not in every
    assert "Alle forældre: 5.B (6 svar)" in {row[4].value for row in book["Alle svar"].iter_rows()}


def test_the_csv_has_a_row_per_group_with_five_responses(member, asked):
    response = member.get(reverse("reflections:export_csv", args=[asked.key]))
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    groups = {row[4]: row[6] for row in table[1:] if "svar)" in row[4]}
    assert groups == {
        "Skolens personale (5 svar)": "I høj grad 5",
        "Alle forældre: 5.B (6 svar)": "I mindre grad 6",
    }
    assert COMMENT not in text and "Elever" not in text


@pytest.mark.parametrize("count", [1, 3])
def test_the_downloads_queries_do_not_grow_with_rounds(
    member, board, django_assert_num_queries, count
):
    indicator = board.worksheet.questions.get(kind="rating")
    for _ in range(count):
        respond(open_round(board, "parents"), {indicator: "some"})
    # Each as before, and the shown rounds and their ratings.
    with django_assert_num_queries(8):
        member.get(reverse("reflections:export_csv", args=[board.key]))
    with django_assert_num_queries(9):
        member.get(reverse("reflections:export_xlsx", args=[board.key]))
