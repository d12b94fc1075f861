"""The JSON autosave endpoint: saves, versions, conflicts, retries and refusals."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Answer, Participant

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db


def test_a_members_own_answer_is_saved_and_committed_before_the_reply(member, board):
    question = board.questions()[0]
    response = autosave(member, board, question, scope="own", text="Vores første tanker – æøå")
    assert response.status_code == 200
    assert response.json()["status"] == "saved"
    answer = Answer.objects.get(question=question, participant__isnull=False)
    assert answer.text == "Vores første tanker – æøå"
    assert answer.participant.display_name == "Medlem Mads"


def test_saving_again_updates_the_same_own_answer(member, board):
    question = board.questions()[0]
    autosave(member, board, question, scope="own", text="Første udkast")
    autosave(member, board, question, scope="own", text="Andet udkast")
    assert list(Answer.objects.values_list("text", flat=True)) == ["Andet udkast"]


def test_an_overwritten_own_answer_keeps_when_it_was_last_saved(member, board):
    question = board.questions()[0]
    autosave(member, board, question, scope="own", text="Første udkast")
    first = Answer.objects.get()
    autosave(member, board, question, scope="own", text="Andet udkast", rating="", version=1)
    second = Answer.objects.get()
    # Read back through the model on either database: the time is a real, later, aware datetime.
    assert second.updated_at >= first.updated_at
    assert second.updated_at.tzinfo is not None
    assert second.version == first.version + 1


def test_the_agreed_answer_counts_versions(chair, board):
    question = board.questions()[0]
    first = autosave(chair, board, question, scope="agreed", text="Enige", version=0).json()
    assert first["version"] == 1
    second = autosave(chair, board, question, scope="agreed", text="Enige igen", version=1).json()
    assert second["version"] == 2
    agreed = Answer.objects.get(question=question, participant__isnull=True)
    assert (agreed.text, agreed.version, agreed.updated_by) == ("Enige igen", 2, "Formand Fie")


def test_a_stale_agreed_save_gets_a_conflict_with_both_texts_and_overwrites_nothing(
    chair, member, board
):
    question = board.questions()[0]
    autosave(chair, board, question, scope="agreed", text="Formandens tekst", version=0)
    response = autosave(member, board, question, scope="agreed", text="Mads' tekst", version=0)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict"
    assert body["text"] == "Formandens tekst"
    assert body["updated_by"] == "Formand Fie"
    assert body["version"] == 1
    assert "Formand Fie har ændret fællessvaret" in body["message"]
    assert Answer.objects.get(question=question, participant__isnull=True).text == (
        "Formandens tekst"
    )
    # The member merges and saves on top of the version they have now seen.
    merged = "Formandens tekst\n\nMads' tekst"
    response = autosave(member, board, question, scope="agreed", text=merged, version=1)
    assert response.status_code == 200
    assert Answer.objects.get(question=question, participant__isnull=True).text == merged


def test_a_retried_save_whose_reply_was_lost_is_not_a_conflict(chair, board):
    question = board.questions()[0]
    autosave(chair, board, question, scope="agreed", text="Samme tekst", version=0)
    again = autosave(chair, board, question, scope="agreed", text="Samme tekst", version=0)
    assert again.status_code == 200
    assert again.json()["version"] == 1


def test_ratings_and_evidence_are_saved_for_indicators(member, board):
    indicator = board.questions()[1]
    response = autosave(
        member, board, indicator, scope="own", rating="little", evidence="Vi spurgte forældrene"
    )
    assert response.status_code == 200
    answer = Answer.objects.get(question=indicator)
    assert (answer.rating, answer.evidence) == ("little", "Vi spurgte forældrene")


@pytest.mark.parametrize("rating", ["excellent", "HIGH", "1", "<script>"])
def test_an_invalid_rating_is_refused_with_a_danish_message(member, board, rating):
    indicator = board.questions()[1]
    response = autosave(member, board, indicator, scope="own", rating=rating)
    assert response.status_code == 400
    assert "Vælg en af vurderingerne" in response.json()["message"]
    assert not Answer.objects.exists()


def test_a_rating_on_an_open_question_is_ignored(member, board):
    question = board.questions()[0]
    autosave(member, board, question, scope="own", text="Tekst", rating="high")
    assert Answer.objects.get().rating == ""


def test_5001_characters_are_refused_and_the_saved_text_is_kept(member, board):
    question = board.questions()[0]
    autosave(member, board, question, scope="own", text="Gemt tidligere")
    response = autosave(member, board, question, scope="own", text="a" * 5001)
    assert response.status_code == 400
    message = response.json()["message"]
    assert "højst 5.000 tegn" in message and "5.001" in message
    assert Answer.objects.get().text == "Gemt tidligere"
    assert autosave(member, board, question, scope="own", text="a" * 5000).status_code == 200


@pytest.mark.parametrize("text", ["Eleven har cpr 010203-1234", "0102031234", "CPR: 311299 1234"])
def test_text_that_looks_like_a_cpr_number_is_refused(member, board, text):
    question = board.questions()[0]
    response = autosave(member, board, question, scope="own", text=text)
    assert response.status_code == 400
    assert "CPR-nummer" in response.json()["message"]
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "text",
    ["Mødet er 12. marts kl. 17", "Telefon 12345678", "Vi er 2024-2025 i gang", "1234567890123"],
)
def test_ordinary_numbers_are_not_mistaken_for_cpr_numbers(member, board, text):
    question = board.questions()[0]
    assert autosave(member, board, question, scope="own", text=text).status_code == 200


@pytest.mark.parametrize(
    "body",
    ["ikke json", "[1, 2]", json.dumps({"scope": "alle", "text": "x"}), json.dumps({"text": "x"})],
)
def test_malformed_requests_get_400(member, board, body):
    url = reverse("reflections:autosave", args=[board.key, board.questions()[0].pk])
    response = member.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_next_steps_have_no_agreed_text_answer(chair, board):
    steps_question = board.questions()[2]
    response = autosave(chair, board, steps_question, scope="agreed", text="x", version=0)
    assert response.status_code == 400


def test_a_visitor_without_a_name_is_asked_for_one(board):
    client = Client()
    open_link(client, board.member_link)
    response = autosave(client, board, board.questions()[0], scope="own", text="x")
    assert response.status_code == 403
    assert response.json()["status"] == "no_name"
    assert not Participant.objects.exists()


def test_a_finished_worksheet_refuses_changes_until_reopened(chair, member, board):
    question = board.questions()[0]
    chair.post(reverse("reflections:status", args=[board.key]), {"done": "1"})
    response = autosave(member, board, question, scope="own", text="x")
    assert response.status_code == 409
    assert response.json()["status"] == "closed"
    chair.post(reverse("reflections:status", args=[board.key]), {"done": "0"})
    assert autosave(member, board, question, scope="own", text="x").status_code == 200


def test_an_autosave_is_a_handful_of_queries(member, board, django_assert_num_queries):
    question = board.questions()[0]
    autosave(member, board, question, scope="own", text="første")  # creates the row
    # session, worksheet (with whether the member is still on it), question, update answer
    # (last activity was just touched)
    with django_assert_num_queries(4):
        autosave(member, board, question, scope="own", text="anden")
    autosave(member, board, question, scope="agreed", text="fælles", version=0)
    with django_assert_num_queries(4):
        autosave(member, board, question, scope="agreed", text="fælles 2", version=1)


def test_a_stale_second_tab_cannot_overwrite_a_newer_own_answer(member, board):
    """Save "A", then "A + B" in tab 2, then "A + C" from tab 1: B must not be lost."""
    question = board.questions()[0]
    first = autosave(member, board, question, scope="own", text="A", version=0).json()
    assert first["version"] == 1
    tab2 = autosave(member, board, question, scope="own", text="A + B", version=1)
    assert tab2.json()["version"] == 2
    tab1 = autosave(member, board, question, scope="own", text="A + C", version=1)
    assert tab1.status_code == 409
    body = tab1.json()
    assert body["status"] == "conflict"
    assert body["text"] == "A + B" and body["version"] == 2
    assert "et andet sted" in body["message"]
    assert Answer.objects.get(question=question).text == "A + B"
    # Tab 1 merges and saves on top of the version it has now seen.
    merged = autosave(member, board, question, scope="own", text="A + B\n\nA + C", version=2)
    assert merged.status_code == 200
    assert Answer.objects.get(question=question).text == "A + B\n\nA + C"


def test_a_first_own_save_in_two_tabs_at_once_is_a_conflict_not_an_overwrite(member, board):
    question = board.questions()[0]
    autosave(member, board, question, scope="own", text="Fra telefonen", version=0)
    response = autosave(member, board, question, scope="own", text="Fra computeren", version=0)
    assert response.status_code == 409
    assert Answer.objects.get(question=question).text == "Fra telefonen"


@pytest.mark.parametrize("scope", ["own", "agreed"])
def test_an_identical_save_changes_nothing_not_even_the_version(chair, board, scope):
    question = board.questions()[0]
    autosave(chair, board, question, scope=scope, text="Samme", version=0)
    before = Answer.objects.get()
    again = autosave(chair, board, question, scope=scope, text="Samme", version=1)
    assert again.status_code == 200 and again.json()["version"] == 1
    after = Answer.objects.get()
    assert (after.version, after.updated_at) == (1, before.updated_at)


def test_an_identical_save_from_a_stale_version_is_no_false_alarm(chair, member, board):
    """The chair's repeated save of what is stored never reads as someone else's change."""
    question = board.questions()[0]
    autosave(chair, board, question, scope="agreed", text="Fælles", version=0)
    autosave(member, board, question, scope="agreed", text="Fælles ændret", version=1)
    autosave(chair, board, question, scope="agreed", text="Fælles", version=2)
    repeat = autosave(chair, board, question, scope="agreed", text="Fælles", version=3)
    assert repeat.status_code == 200
    assert repeat.json()["version"] == 3


def test_a_member_removed_by_the_chair_is_told_why_their_save_failed(member, board):
    question = board.questions()[0]
    Participant.objects.filter(display_name="Medlem Mads").delete()
    response = autosave(member, board, question, scope="own", text="Mine ord")
    assert response.status_code == 403
    assert response.json()["status"] == "removed"
    assert "personlige link" in response.json()["message"]
    assert not Answer.objects.exists()
