"""The board sees each group's ratings beside its own – on the result page and in the PDF – once
at least five have answered; deleting the worksheet, by hand or by age, takes the rounds along."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reflections.models import BoardSpace, Round, RoundRating, RoundResponse, Worksheet

from .conftest import autosave
from .rounds_helpers import answer, open_round

pytestmark = pytest.mark.django_db


def rating_question(board):
    return board.worksheet.questions.get(kind="rating")


def respond(path, question, ratings: list[str], comments: list[str] = ()):
    for n, rating in enumerate(ratings):
        comment = comments[n] if n < len(comments) else ""
        _client, sent = answer(path, {question: rating}, comment=comment)
        assert sent.status_code == 302


def result_page(client, board) -> str:
    return client.get(reverse("reflections:result", args=[board.key])).content.decode()


def test_fewer_than_five_responses_show_no_result_only_how_many(chair, board):
    _round, path = open_round(chair, board, group="staff")
    respond(path, rating_question(board), ["high"] * 4, ["Hemmelig kommentar"])
    page = result_page(chair, board)
    assert "Skolens personale: 4 svar indtil videre." in page
    assert "Hemmelig kommentar" not in page
    assert "perspectives-table" not in page


def test_five_responses_show_beside_the_boards_own_ratings_with_spread_and_comments(
    chair, member, board
):
    question = rating_question(board)
    autosave(member, board, question, scope="own", rating="little")
    _round, parents = open_round(chair, board, group="parents")
    respond(parents, question, ["high", "high", "high", "some", "none"], ["Tak for i år", "Mere"])
    _round, staff = open_round(chair, board, group="staff")
    respond(staff, question, ["some"] * 5)
    page = result_page(member, board)  # every board member sees them
    table = page[page.index("perspectives-table") :]
    assert '<th scope="row">Bestyrelsen</th><td>0</td><td>0</td><td>1</td>' in table
    assert '<th scope="row">Alle forældre</th><td>3</td><td>1</td><td>0</td><td>1</td>' in table
    assert "<td>1,2</td>" in table  # the parents' spread: far apart
    assert '<th scope="row">Skolens personale</th><td>0</td><td>5</td>' in table
    assert "<td>0,0</td>" in table  # staff agree completely
    assert "Tak for i år" in page and "Mere" in page
    assert 'class="ratings-chart perspectives-chart"' in page


def test_a_comment_with_markup_is_shown_as_text(chair, board):
    _round, path = open_round(chair, board)
    question = rating_question(board)
    respond(path, question, ["high"] * 5, ["<script>alert(1)</script>"])
    page = result_page(chair, board)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_result_pdf_has_each_groups_ratings_and_comments(chair, board):
    _round, path = open_round(chair, board, group="class_council", label="5.B")
    respond(path, rating_question(board), ["some"] * 5, ["Klassens kommentar æøå"])
    _round, few = open_round(chair, board, group="pupils")
    respond(few, rating_question(board), ["high"] * 2)
    response = chair.get(reverse("reflections:result_pdf", args=[board.key]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Perspektiver" in text
    assert "Et klasseforældreråd: 5.B" in text
    assert "Klassens kommentar æøå" in text
    assert "Elever: 2 svar – vises først fra 5 svar." in text


def test_the_result_page_has_a_fixed_number_of_queries_however_many_rounds(
    chair, board, django_assert_num_queries
):
    question = rating_question(board)
    for group in ("parents", "staff", "pupils"):
        _round, path = open_round(chair, board, group=group)
        respond(path, question, ["high"] * 5, ["En kommentar"])
    # The board's result (as before), then the rounds, their ratings and their comments.
    with django_assert_num_queries(10):
        assert chair.get(reverse("reflections:result", args=[board.key])).status_code == 200


def test_deleting_the_worksheet_deletes_its_rounds_and_every_response(chair, board):
    round_, path = open_round(chair, board)
    respond(path, rating_question(board), ["high"] * 2, ["Væk"])
    chair.post(reverse("reflections:delete", args=[board.key]))
    assert not Round.objects.exists()
    assert not RoundResponse.objects.exists()
    assert not RoundRating.objects.exists()
    assert Client().get(path).status_code == 410


def test_the_retention_command_deletes_old_spaces_with_their_rounds(chair, board):
    round_, path = open_round(chair, board)
    respond(path, rating_question(board), ["high"])
    long_ago = timezone.now() - timedelta(days=800)
    BoardSpace.objects.filter(worksheets=board.worksheet).update(last_activity_at=long_ago)
    Round.objects.filter(pk=round_.pk).update(
        starts_on=long_ago.date(), ends_on=long_ago.date() + timedelta(days=14)
    )
    call_command("delete_stale_worksheets")
    assert not Worksheet.objects.exists()
    assert not RoundResponse.objects.exists()


def test_a_round_still_taking_responses_keeps_an_old_space(chair, board):
    _round, _path = open_round(chair, board)
    long_ago = timezone.now() - timedelta(days=800)
    BoardSpace.objects.filter(worksheets=board.worksheet).update(last_activity_at=long_ago)
    call_command("delete_stale_worksheets")
    assert Worksheet.objects.filter(pk=board.worksheet.pk).exists()
