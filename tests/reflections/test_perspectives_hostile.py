"""Hostile input on a round's open link: floods, huge bodies, scripts, forged and repeated
submissions get a 4xx with a Danish page, and no one else's response is lost or changed."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import RoundResponse

from .conftest import Board
from .rounds_helpers import answer, nonce_of, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(chair, board):
    """A parents' round with one response already in: the one nothing may touch."""
    _round, path = open_round(chair, board)
    question = board.worksheet.questions.get(kind="rating")
    _client, sent = answer(path, {question: "some"}, comment="Det første svar")
    assert sent.status_code == 302
    return path, question


def first_response_is_intact() -> bool:
    first = RoundResponse.objects.order_by("pk").first()
    ratings = list(first.ratings.values_list("rating", flat=True))
    return first.comment == "Det første svar" and ratings == ["some"]


def fresh_form(path, question, **data) -> tuple[Client, dict]:
    client = Client()
    return client, {"nonce": nonce_of(client.get(path)), f"q{question.pk}": "high", **data}


def test_a_huge_body_is_refused_before_it_is_read(opened):
    path, question = opened
    client, data = fresh_form(path, question, comment="x" * 200_000)
    response = client.post(path, data)
    assert response.status_code == 413
    assert "Svaret er for stort" in response.content.decode()
    assert RoundResponse.objects.count() == 1 and first_response_is_intact()


def test_a_comment_over_the_limit_is_a_danish_error_and_the_text_stays(opened):
    path, question = opened
    client, data = fresh_form(path, question, comment="ø" * 1001)
    response = client.post(path, data)
    assert response.status_code == 400
    assert "Højst 1000 tegn." in response.content.decode()
    assert "ø" * 1001 in response.content.decode()
    assert RoundResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("comment", "Mit barn 010190-1234 ", "CPR-nummer"),
        ("comment", "a\x00b", "Null-tegn er ikke tilladte."),
        ("rating", "<script>", "Vælg en af vurderingerne"),
    ],
)
def test_bad_values_are_refused_with_a_message(opened, field, value, message):
    path, question = opened
    client, data = fresh_form(path, question)
    data["comment" if field == "comment" else f"q{question.pk}"] = value
    response = client.post(path, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert RoundResponse.objects.count() == 1 and first_response_is_intact()


def test_a_flood_of_forged_submissions_saves_nothing(opened):
    path, question = opened
    flood = Client()
    for n in range(60):
        sent = flood.post(path, {"nonce": f"falsk-{n}", f"q{question.pk}": "none"})
        assert sent.status_code == 400
    assert RoundResponse.objects.count() == 1 and first_response_is_intact()


def test_a_nonce_from_another_round_is_refused(chair, board, opened):
    path, question = opened
    _other, other_path = open_round(chair, board, group="staff")
    stolen = nonce_of(Client().get(other_path))
    response = Client().post(path, {"nonce": stolen, f"q{question.pk}": "none"})
    assert response.status_code == 400
    assert RoundResponse.objects.count() == 1


def test_a_rating_for_another_boards_question_is_ignored(opened, template):
    path, question = opened
    other = Board(template, school="Bakkeskolen").worksheet.questions.get(kind="rating")
    client, data = fresh_form(path, question, **{f"q{other.pk}": "none"})
    assert client.post(path, data).status_code == 302
    newest = RoundResponse.objects.latest("pk")
    assert list(newest.ratings.values_list("question_id", flat=True)) == [question.pk]


def test_a_post_without_the_csrf_token_is_forbidden(opened):
    path, question = opened
    client = Client(enforce_csrf_checks=True)
    nonce = nonce_of(client.get(path))
    response = client.post(path, {"nonce": nonce, f"q{question.pk}": "high"})
    assert response.status_code == 403
    assert RoundResponse.objects.count() == 1


def test_json_or_too_many_fields_are_bad_requests(opened):
    path, question = opened
    client, data = fresh_form(path, question)
    assert client.post(path, '{"a": 1}', content_type="application/json").status_code == 400
    many = urlencode({**data, **{f"f{n}": "x" for n in range(1100)}})
    form = "application/x-www-form-urlencoded"
    assert client.post(path, many, content_type=form).status_code == 400
    assert RoundResponse.objects.count() == 1 and first_response_is_intact()


def test_the_open_page_is_never_cached_nor_indexed(opened):
    path, _question = opened
    response = Client().get(path)
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_chair_pages_of_rounds_answer_404_to_another_boards_chair_even_by_its_own_key(
    chair, board, other_board, other_boards_chair
):
    round_, _path = open_round(chair, board)
    url = reverse("reflections:change_round", args=[other_board.key, round_.pk])
    response = other_boards_chair.post(url, {"action": "delete"})
    assert response.status_code == 404
    assert RoundResponse.objects.count() == 0
    assert round_.__class__.objects.filter(pk=round_.pk).exists()
