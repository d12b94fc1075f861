"""Hostile request bodies and addresses: the answer is a 4xx with a clear message, never a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Answer

from .conftest import Board

pytestmark = pytest.mark.django_db


def autosave_url(board, question=None):
    question = question or board.questions()[0]
    return reverse("reflections:autosave", args=[board.key, question.pk])


def test_deeply_nested_json_to_autosave_is_a_bad_request(member, board):
    response = member.post(autosave_url(board), "[" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "Forkert forespørgsel."


def test_a_multipart_body_to_autosave_is_a_bad_request(board):
    # A real browser session: CSRF checks on, so the middleware reads the form body first.
    member = Client(enforce_csrf_checks=True)
    open_link_response = member.get(board.member_link)
    assert open_link_response.status_code == 302
    member.get(board.worksheet.get_absolute_url())
    token = member.cookies["csrftoken"].value
    member.post(
        reverse("reflections:join", args=[board.key]),
        {"display_name": "Medlem Mads", "csrfmiddlewaretoken": token},
    )
    response = member.post(
        autosave_url(board),
        {"scope": "own", "text": "Hej", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_a_lone_surrogate_in_an_answer_is_refused_and_the_saved_answer_kept(member, board):
    url = autosave_url(board)
    saved = member.post(
        url, json.dumps({"scope": "own", "text": "Første udgave"}), content_type="application/json"
    )
    assert saved.status_code == 200
    response = member.post(
        url, '{"scope": "own", "text": "a\\ud800b"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert Answer.objects.get().text == "Første udgave"


@pytest.mark.parametrize("number", ["9" * 30, str(2**63), str(2**64 + 1), "9" * 5000])
def test_an_out_of_range_id_in_a_board_address_is_not_found(member, board, number):
    for name in ("section", "autosave", "step_edit"):
        url = reverse(f"reflections:{name}", args=[board.key, 1]).replace("/1/", f"/{number}/")
        response = member.post(url) if name == "autosave" else member.get(url)
        assert response.status_code == 404, (name, response.status_code)


@pytest.mark.parametrize(
    "address",
    [
        "/admin/reflections/worksheet/?q=%00",
        "/admin/reflections/worksheet/?done_at__isnull=%00",
        "/admin/reflections/worksheet/?%00=1",
        # Choice filters compare text: PostgreSQL refuses a NUL in it.
        "/admin/reflections/answer/?rating__exact=%00",
        "/admin/reflections/worksheettemplate/?status=a%00b",
        "/admin/values/framework/?status__exact=%00",
    ],
)
def test_a_nul_byte_in_an_admin_filter_is_no_server_error(superuser, board, address):
    client = Client()
    client.force_login(superuser)
    response = client.get(address)
    assert response.status_code in (200, 302), response.status_code


def test_a_nul_byte_in_an_admin_search_is_dropped_and_the_rest_searched(superuser, board):
    client = Client()
    client.force_login(superuser)
    Board(board.worksheet.template, school="Bakkeskolen")
    response = client.get("/admin/reflections/worksheet/?q=Skov%00vejens")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skovvejens Skole" in html and "Bakkeskolen" not in html


def test_a_nul_byte_in_an_address_gets_the_danish_bad_request_page(client, db):
    response = client.get("/rammer/a%00b/")
    assert response.status_code == 400
    assert "Forkert forespørgsel" in response.content.decode()
    assert client.get("/arbejdsark/ark/a%00b/").status_code == 400


@pytest.mark.parametrize("value", ["²", "9" * 5000])
def test_a_strange_number_as_the_step_to_delete_keeps_the_page_working(chair, board, value):
    last = board.sections()[1]
    response = chair.post(last.get_absolute_url(), {"delete_step": value})
    assert response.status_code == 302
