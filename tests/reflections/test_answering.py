"""How a board wants to answer: the chair's settings, and the section refreshing while open."""

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Answer, Worksheet

from .conftest import autosave, open_link
from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def set_answering(chair, board, **values):
    data = {"agreed_by": "everyone", "others_visible": "always", **values}
    if data.get("anonymous") is False:
        data.pop("anonymous")
    return chair.post(reverse("reflections:answering", args=[board.key]), data)


def section_page(client, board) -> str:
    return client.get(board.sections()[0].get_absolute_url()).content.decode()


def live_url(board) -> str:
    return reverse("reflections:section_live", args=[board.key, board.sections()[0].pk])


def live(client, board, url: str = "", **headers):
    return client.get(url or live_url(board), headers=headers)


def test_the_chair_sets_how_the_board_answers_and_members_are_told(chair, member, board):
    response = set_answering(
        chair, board, agreed_by="chairs", others_visible="after_own", anonymous="on"
    )
    assert response.status_code == 302
    ws = Worksheet.objects.get()
    assert (ws.agreed_by, ws.others_visible, ws.anonymous) == ("chairs", "after_own", True)
    page = section_page(member, board)
    assert "Svarene er anonyme" in page
    assert "når du selv har svaret på det" in page
    assert "Formanden og næstformanden skriver bestyrelsens fælles svar." in page


def test_a_bad_setting_is_refused_in_danish_and_nothing_changes(chair, board):
    response = set_answering(chair, board, agreed_by="alle")
    assert response.status_code == 400
    assert "gyldig valgmulighed" in response.content.decode()
    assert Worksheet.objects.get().agreed_by == "everyone"


def test_when_the_chairs_write_the_agreed_answer_members_read_it(chair, member, board):
    set_answering(chair, board, agreed_by="chairs")
    question = board.questions()[0]
    page = section_page(member, board)
    assert f'name="agreed-{question.pk}-text"' not in page
    assert f'name="own-{question.pk}-text"' in page
    refused = autosave(member, board, question, scope="agreed", text="Mit syn", version=0)
    assert refused.status_code == 403 and refused.json()["status"] == "chairs_only"
    # Nor through the plain form, with the field added by hand.
    fields = form_fields(page, "data-autosave-form")
    fields.update({f"agreed-{question.pk}-text": "Mit syn", f"agreed-{question.pk}-version": "0"})
    member.post(board.sections()[0].get_absolute_url(), fields)
    assert not Answer.objects.filter(participant=None).exists()
    saved = autosave(chair, board, question, scope="agreed", text="Fælles", version=0)
    assert saved.status_code == 200
    assert "Fælles" in section_page(member, board)


def test_others_answers_show_once_the_member_has_answered(chair, member, board):
    set_answering(chair, board, others_visible="after_own")
    question = board.questions()[0]
    autosave(chair, board, question, scope="own", text="Formandens tanker")
    page = section_page(member, board)
    assert "Formandens tanker" not in page
    assert "Du ser de andres svar, når du selv har svaret på spørgsmålet." in page
    assert "Formandens tanker" not in str(live(member, board).json())
    autosave(member, board, question, scope="own", text="Mine tanker")
    assert "Formandens tanker" in section_page(member, board)


def test_anonymous_answers_show_without_names(chair, member, board):
    set_answering(chair, board, anonymous="on")
    autosave(chair, board, board.questions()[0], scope="own", text="Formandens tanker")
    page = section_page(member, board)
    assert "Formandens tanker" in page
    assert "Formand Fie" not in page
    assert "Et medlem" in page
    assert "Formand Fie" not in live(member, board).content.decode()
    result = member.get(reverse("reflections:result", args=[board.key])).content.decode()
    assert "Formandens tanker" in result and "Formand Fie" not in result


def test_a_refresh_of_an_unchanged_section_is_a_304(member, board, django_assert_num_queries):
    first = live(member, board)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Cache-Control"].startswith("no-store")
    # session, worksheet, one aggregate over the section's answers
    url = live_url(board)
    with django_assert_num_queries(3):
        again = live(member, board, url, if_none_match=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag


def test_a_refresh_after_someone_saved_brings_their_words(chair, member, board):
    question = board.questions()[0]
    etag = live(member, board)["ETag"]
    autosave(chair, board, question, scope="own", text="Nye ord")
    autosave(chair, board, question, scope="agreed", text="Fælles ord", version=0)
    response = live(member, board, if_none_match=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    data = response.json()["questions"][str(question.pk)]
    assert "Nye ord" in data["others_html"] and "Formand Fie" in data["others_html"]
    assert data["agreed"]["text"] == "Fælles ord" and data["agreed"]["version"] == 1
    assert data["own"] is None


def test_a_full_refresh_is_a_fixed_number_of_queries(
    chair, member, board, django_assert_num_queries
):
    for client, name in ((chair, "x"), (member, "y")):
        for q in board.questions()[:2]:
            autosave(client, board, q, scope="own", text=name, rating="some")
    url = live_url(board)
    # session, worksheet, aggregate, section, questions, answers, steps
    with django_assert_num_queries(7):
        assert live(member, board, url).status_code == 200


def test_a_refresh_of_another_boards_section_is_404(other_boards_chair, member, board, other_board):
    url = reverse("reflections:section_live", args=[board.key, other_board.sections()[0].pk])
    assert member.get(url).status_code == 404
    assert (
        other_boards_chair.get(
            reverse("reflections:section_live", args=[board.key, board.sections()[0].pk])
        ).status_code
        == 404
    )


def test_a_visitor_without_a_name_gets_no_refresh(board):
    client = Client()
    open_link(client, board.member_link)
    assert live(client, board).status_code == 403
