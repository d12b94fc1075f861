"""Perspectives: the chair opens a round for another group, who answer anonymously through an
open link, once per browser, in Danish or English."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reflections.models import Round, RoundResponse, TemplateQuestion

from .rounds_helpers import LINK, answer, nonce_of, open_round, round_dates

pytestmark = pytest.mark.django_db


def change_round(chair, board, round_, action: str):
    url = reverse("reflections:change_round", args=[board.key, round_.pk])
    assert chair.post(url, {"action": action}).status_code == 302


def rating_question(board):
    return board.worksheet.questions.get(kind="rating")


def test_the_chair_opens_a_round_and_sees_its_link_and_qr_code_once(chair, board):
    url = reverse("reflections:rounds", args=[board.key])
    chair.post(url, {"group": "staff", "label": "Lærerne", **round_dates()})
    first = chair.get(url).content.decode()
    assert "/arbejdsark/runde/" in first
    assert 'src="data:image/svg+xml' in first  # the QR code to print
    round_ = Round.objects.get(worksheet=board.worksheet)
    assert round_.name == "Skolens personale: Lærerne"
    again = chair.get(url).content.decode()
    assert "/arbejdsark/runde/" not in again
    assert "Skolens personale: Lærerne" in again


def test_a_parent_answers_and_is_thanked_instead_of_asked_again(chair, board):
    round_, path = open_round(chair, board)
    question = rating_question(board)
    client, sent = answer(path, {question: "some"}, comment="Godt samarbejde")
    assert sent.status_code == 302
    saved = RoundResponse.objects.get(round=round_)
    assert saved.comment == "Godt samarbejde"
    assert list(saved.ratings.values_list("question_id", "rating")) == [(question.pk, "some")]
    page = client.get(path).content.decode()
    assert "Tak for dit svar" in page
    assert 'name="nonce"' not in page


def test_a_response_stores_the_ratings_and_the_comment_and_nothing_about_who(chair, board):
    fields = {f.name for f in RoundResponse._meta.get_fields()}
    assert fields == {"id", "round", "nonce_hash", "comment", "ratings"}
    _round, path = open_round(chair, board)
    client, _sent = answer(path, {rating_question(board): "high"})
    assert "sessionid" not in client.cookies  # no session either


def test_the_same_browser_answering_again_is_refused_and_nothing_is_added(chair, board):
    round_, path = open_round(chair, board)
    question = rating_question(board)
    client, _sent = answer(path, {question: "high"})
    again = client.post(path, {"nonce": "x", f"q{question.pk}": "none"})
    assert again.status_code == 409
    assert "allerede modtaget" in again.content.decode()
    assert list(ratings_of(round_)) == ["high"]


def ratings_of(round_):
    return RoundResponse.objects.filter(round=round_).values_list("ratings__rating", flat=True)


def test_the_same_form_sent_twice_is_saved_once(chair, board):
    """A double tap, or the request replayed from another browser without the cookie."""
    round_, path = open_round(chair, board)
    question = rating_question(board)
    page = Client().get(path)
    data = {"nonce": nonce_of(page), f"q{question.pk}": "little"}
    assert Client().post(path, data).status_code == 302
    replay = Client().post(path, data)
    assert replay.status_code == 409
    assert RoundResponse.objects.filter(round=round_).count() == 1


def test_a_form_with_a_forged_or_old_nonce_keeps_the_choice_and_offers_a_fresh_form(chair, board):
    round_, path = open_round(chair, board)
    question = rating_question(board)
    sent = Client().post(path, {"nonce": "forfalsket", f"q{question.pk}": "some"})
    assert sent.status_code == 400
    page = sent.content.decode()
    assert "Formularen er for gammel" in page
    assert 'value="some" id="id_q' in page and "checked" in page
    assert "forfalsket" not in page  # a fresh one-time number to send with
    assert not RoundResponse.objects.exists()


def test_nothing_rated_is_a_clear_danish_error(chair, board):
    _round, path = open_round(chair, board)
    client = Client()
    sent = client.post(path, {"nonce": nonce_of(client.get(path)), "comment": "Hej"})
    assert sent.status_code == 400
    page = sent.content.decode()
    assert "Vælg en vurdering ved mindst ét spørgsmål." in page
    assert "&lt;span" not in page  # the summary names the question as plain text
    assert "Hej" in page  # the comment is still there
    assert not RoundResponse.objects.exists()


def test_a_round_that_has_not_started_says_when_it_opens_and_takes_nothing(chair, board):
    start = timezone.localdate() + datetime.timedelta(days=3)
    _round, path = open_round(
        chair, board, starts_on=str(start), ends_on=str(start + datetime.timedelta(days=5))
    )
    page = Client().get(path)
    assert page.status_code == 200
    assert "Runden er ikke åbnet endnu" in page.content.decode()
    posted = Client().post(path, {"nonce": "x", "comment": "tidligt"})
    assert "Runden er ikke åbnet endnu" in posted.content.decode()
    assert not RoundResponse.objects.exists()


def test_an_ended_closed_renewed_or_deleted_round_answers_410_in_danish(chair, board):
    round_, path = open_round(chair, board)
    Round.objects.filter(pk=round_.pk).update(ends_on=timezone.localdate() - datetime.timedelta(1))
    assert Client().get(path).status_code == 410
    Round.objects.filter(pk=round_.pk).update(ends_on=timezone.localdate())
    assert Client().get(path).status_code == 200

    change_round(chair, board, round_, "renew")
    old = Client().get(path)
    assert old.status_code == 410
    assert "Runden er slut" in old.content.decode()

    round_, path = open_round(chair, board)
    chair.post(
        reverse("reflections:change_round", args=[board.key, round_.pk]), {"action": "close"}
    )
    assert Client().get(path).status_code == 410

    round_, path = open_round(chair, board)
    chair.post(
        reverse("reflections:change_round", args=[board.key, round_.pk]), {"action": "delete"}
    )
    assert not Round.objects.filter(pk=round_.pk).exists()
    assert Client().get(path).status_code == 410
    assert Client().get("/arbejdsark/runde/findes-ikke/").status_code == 410


def test_a_renewed_link_is_shown_once_and_works_where_the_old_one_stopped(chair, board):
    round_, old = open_round(chair, board)
    change_round(chair, board, round_, "renew")
    page = chair.get(reverse("reflections:rounds", args=[board.key])).content.decode()
    new = re.search(LINK.format(pk=round_.pk), page).group(1)
    assert urlsplit(new).path != old
    assert Client().get(urlsplit(new).path).status_code == 200
    assert Client().get(old).status_code == 410
    assert new not in chair.get(reverse("reflections:rounds", args=[board.key])).content.decode()


def test_deleting_a_round_deletes_its_responses(chair, board):
    round_, path = open_round(chair, board)
    answer(path, {rating_question(board): "high"}, comment="Slet mig")
    chair.post(
        reverse("reflections:change_round", args=[board.key, round_.pk]), {"action": "delete"}
    )
    assert not RoundResponse.objects.exists()


@pytest.mark.parametrize(
    ("group", "plain"),
    [("pupils", True), ("parents", True), ("class_council", True), ("staff", False)],
)
def test_parents_and_pupils_get_the_plain_wording_where_the_template_has_one(
    chair, board, group, plain
):
    question = rating_question(board)
    TemplateQuestion.objects.filter(pk=question.template_question_id).update(
        plain_text="Taler de voksne godt sammen om dig?"
    )
    _round, path = open_round(chair, board, group=group)
    page = Client().get(path).content.decode()
    assert ("Taler de voksne godt sammen om dig?" in page) is plain
    assert (question.text in page) is not plain


def test_the_answering_page_is_in_english_when_the_browser_asks_for_it(chair, board):
    _round, path = open_round(chair, board)
    page = Client(headers={"accept-language": "en"}).get(path).content.decode()
    assert '<html lang="en">' in page
    assert "What do you think?" in page
    assert '<span lang="da">' in page  # the board's Danish question, marked as Danish


def test_the_chair_cannot_open_a_round_that_ends_before_it_starts(chair, board):
    url = reverse("reflections:rounds", args=[board.key])
    today = timezone.localdate()
    sent = chair.post(
        url,
        {"group": "staff", "starts_on": str(today), "ends_on": str(today - datetime.timedelta(1))},
    )
    assert sent.status_code == 400
    assert "Runden skal lukke samme dag eller efter, den åbner." in sent.content.decode()
    assert not Round.objects.exists()


def test_the_new_pages_have_pinned_query_counts(chair, board, django_assert_num_queries):
    _round, path = open_round(chair, board)
    question = rating_question(board)
    url = reverse("reflections:rounds", args=[board.key])
    with django_assert_num_queries(5):  # session, worksheet, rounds, any rating question, menu
        assert chair.get(url).status_code == 200
    client = Client()
    with django_assert_num_queries(4):  # the round, the questions, their plain wording, the menu
        page = client.get(path)
    # The round, the questions and their wording, the response with its ratings in one transaction.
    with django_assert_num_queries(7):
        sent = client.post(path, {"nonce": nonce_of(page), f"q{question.pk}": "high"})
    assert sent.status_code == 302
    with django_assert_num_queries(2):  # the round, the menu
        assert "Tak for dit svar" in client.get(path).content.decode()
    Round.objects.update(closed_at=timezone.now())
    with django_assert_num_queries(2):
        assert Client().get(path).status_code == 410
