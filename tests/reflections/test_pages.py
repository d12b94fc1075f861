"""Board pages: one <h1>, Danish, bounded queries that don't grow with answers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import NextStep

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db


def fill(board, members: int) -> None:
    """`members` people answer every question; the agreed answers and a step are written."""
    questions = board.questions()
    for n in range(members):
        client = Client()
        open_link(client, board.member_link, f"Medlem {n}")
        for q in questions:
            payload = {"scope": "own", "text": f"Svar {n}"}
            if q.is_rating:
                payload["rating"] = "some"
            autosave(client, board, q, **payload)
    NextStep.objects.create(worksheet=board.worksheet, question=questions[2], what="Skridt")


def board_pages(board) -> dict[str, str]:
    first, last = board.sections()
    key = board.key
    return {
        "overview": reverse("reflections:worksheet", args=[key]),
        "section": first.get_absolute_url(),
        "steps-section": last.get_absolute_url(),
        "result": reverse("reflections:result", args=[key]),
        "blank": reverse("reflections:blank", args=[key]),
        "manage": reverse("reflections:manage", args=[key]),
        "delete": reverse("reflections:delete", args=[key]),
        "prepare": reverse("reflections:prepare", args=[key]),
        "overview-sheet": reverse("reflections:overview", args=[key]),
        "meeting": reverse("reflections:meeting", args=[key, 2]),
        "step": reverse(
            "reflections:step_edit",
            args=[key, NextStep.objects.filter(worksheet=board.worksheet).first().pk],
        ),
    }


# Queries per page (session + worksheet first, then what the page shows).
# HTML pages include one query for the source documents listed in the footer.
QUERY_COUNTS = {
    "overview": 5,
    "section": 7,
    "steps-section": 8,  # + the deleted steps, which can be undone
    "result": 8,  # + the perspectives rounds with their response counts
    "blank": 7,
    "manage": 7,
    "delete": 7,  # + whether the space holds other worksheets, its rounds and their responses
    "step": 4,
    "pdf": 8,  # + the perspectives rounds
    "csv": 7,  # + the perspectives rounds with enough responses
    "xlsx": 8,  # + the perspectives rounds with enough responses
    "prepare": 8,
    "overview-sheet": 8,
    "overview-pdf": 7,
    "calendar": 3,
    "meeting": 7,
}


def test_every_board_page_has_one_h1_danish_lang_and_the_privacy_reminder(chair, board):
    fill(board, 1)
    for name, url in board_pages(board).items():
        html = chair.get(url).content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, name
        assert '<html lang="da">' in html, name
    for name in ("overview", "section"):
        html = chair.get(board_pages(board)[name]).content.decode()
        assert "personoplysninger om enkelte børn" in html


@pytest.mark.parametrize("members", [1, 4])
def test_board_pages_have_a_fixed_number_of_queries(
    chair, board, members, django_assert_num_queries
):
    fill(board, members)
    chair.get(board_pages(board)["overview"])  # shows (and forgets) the personal link once
    urls = board_pages(board)
    urls.update(
        {
            "pdf": reverse("reflections:result_pdf", args=[board.key]),
            "csv": reverse("reflections:export_csv", args=[board.key]),
            "xlsx": reverse("reflections:export_xlsx", args=[board.key]),
            "overview-pdf": reverse("reflections:overview_pdf", args=[board.key]),
            "calendar": reverse("reflections:calendar", args=[board.key]),
        }
    )
    for name, url in urls.items():
        with django_assert_num_queries(QUERY_COUNTS[name]):
            assert chair.get(url).status_code == 200, name


def test_the_public_worksheet_pages_have_a_fixed_number_of_queries(
    client, template, django_assert_num_queries
):
    with django_assert_num_queries(2):  # templates, footer
        assert client.get(reverse("reflections:index")).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(template.get_absolute_url()).status_code == 200


def test_the_result_shows_progress_chart_table_and_steps(chair, board):
    fill(board, 3)
    html = chair.get(reverse("reflections:result", args=[board.key])).content.decode()
    assert "0 af 2 spørgsmål har et fælles svar" not in html
    assert 'role="img"' in html and '<title id="chart-title">' in html
    # The three members' "I nogen grad" appear as one segment of 3 and as 3 in the table.
    assert re.search(r'<text class="seg-number seg-number-some"[^>]*>3</text>', html)
    assert re.search(r"<td>0</td><td>3</td><td>0</td><td>0</td><td>0</td>", html)
    assert "Skridt" in html
