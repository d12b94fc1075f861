"""The chair's delete page says how much goes, in proper Danish (and English) plurals."""

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import RoundRating, RoundResponse

from .conftest import autosave, open_link
from .round_data import respond
from .rounds_helpers import open_round

pytestmark = pytest.mark.django_db


def answer(client: Client, board, text: str) -> None:
    response = autosave(client, board, board.questions()[0], scope="own", text=text)
    assert response.status_code == 200


def delete_page(client: Client, board) -> str:
    response = client.get(reverse("reflections:delete", args=[board.key]))
    assert response.status_code == 200
    return response.content.decode()


def second_member(board) -> Client:
    client = Client()
    open_link(client, board.member_link, "Medlem Mads")
    return client


def test_one_participant_and_one_answer_are_singular(chair, board):
    answer(chair, board, "Mit svar")
    html = delete_page(chair, board)
    assert "slettes sammen med 1 deltager og 1 svar." in html
    assert "1 deltagere" not in html


def test_two_participants_and_two_answers_are_plural(chair, board):
    answer(chair, board, "Mit svar")
    answer(second_member(board), board, "Også mit svar")
    assert "slettes sammen med 2 deltagere og 2 svar." in delete_page(chair, board)


def test_no_answers_yet_is_plural(chair, board):
    assert "slettes sammen med 1 deltager og 0 svar." in delete_page(chair, board)


def test_the_english_page_pluralises_too(chair, board):
    chair.post(reverse("set_language"), {"language": "en", "next": "/"})
    answer(chair, board, "Mit svar")
    assert "deleted together with 1 participant and 1 answer." in delete_page(chair, board)
    answer(second_member(board), board, "Også mit svar")
    assert "deleted together with 2 participants and 2 answers." in delete_page(chair, board)


def test_the_page_counts_the_rounds_and_their_responses_it_deletes(chair, board):
    indicator = board.worksheet.questions.get(kind="rating")
    respond(open_round(chair, board, "staff")[0], {indicator: "high"}, times=3)
    respond(open_round(chair, board, "parents")[0], {indicator: "some"}, times=4)
    assert (
        "Arkets 2 spørgerunder til personale, forældre eller elever slettes også med 7 svar."
        in (delete_page(chair, board))
    )
    chair.post(reverse("reflections:delete", args=[board.key]))
    assert not RoundResponse.objects.exists() and not RoundRating.objects.exists()


def test_without_rounds_the_page_does_not_mention_them(chair, board):
    assert "spørgerunde" not in delete_page(chair, board)


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_queries_do_not_grow_with_rounds(chair, board, django_assert_num_queries, count):
    indicator = board.worksheet.questions.get(kind="rating")
    for _ in range(count):
        respond(open_round(chair, board)[0], {indicator: "high"}, times=2)
    with django_assert_num_queries(7):
        delete_page(chair, board)


def test_the_english_page_counts_the_rounds_too(chair, board):
    chair.post(reverse("set_language"), {"language": "en", "next": "/"})
    indicator = board.worksheet.questions.get(kind="rating")
    respond(open_round(chair, board, "staff")[0], {indicator: "high"}, times=1)
    assert (
        "Also deleted: the worksheet's 1 round for staff, parents or pupils, with 1 answer."
        in delete_page(chair, board)
    )
