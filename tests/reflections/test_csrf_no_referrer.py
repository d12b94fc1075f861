"""Board pages send no referrer, so their forms post with `Origin: null`: still protected."""

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(board) -> tuple[Client, str]:
    """A browser that opened the member link: CSRF enforced, over https, with its token."""
    client = Client(enforce_csrf_checks=True)
    client.get(board.member_link, secure=True)
    client.get(board.worksheet.get_absolute_url(), secure=True)
    return client, client.cookies["csrftoken"].value


def join(client, board, token, **headers):
    return client.post(
        reverse("reflections:join", args=[board.key]),
        {"display_name": "Medlem Mads", "csrfmiddlewaretoken": token},
        secure=True,
        headers=headers,
    )


def test_a_form_posted_from_a_no_referrer_page_is_accepted(browser, board):
    client, token = browser
    response = join(client, board, token, Origin="null", **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302
    assert Participant.objects.filter(display_name="Medlem Mads").exists()


@pytest.mark.parametrize("site", ["cross-site", "same-site", "none", None])
def test_a_null_origin_from_anywhere_else_is_refused(browser, board, site):
    client, token = browser
    headers = {"Origin": "null"}
    if site:
        headers["Sec-Fetch-Site"] = site
    assert join(client, board, token, **headers).status_code == 403
    assert not Participant.objects.filter(display_name="Medlem Mads").exists()


def test_a_null_origin_without_the_token_is_refused(browser, board):
    client, _token = browser
    response = join(client, board, "", Origin="null", **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 403
