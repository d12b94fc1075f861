"""The plain form (no JavaScript) gives the own answer the same conflict handling."""

import pytest
from django.test import Client

from reflections.models import Answer

from .conftest import open_link
from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def test_a_stale_page_cannot_overwrite_a_newer_own_answer_without_javascript(member, board):
    question = board.questions()[0]
    url = board.sections()[0].get_absolute_url()
    tab1 = form_fields(member.get(url).content.decode(), "data-autosave-form")
    tab2 = dict(tab1)
    tab2[f"own-{question.pk}-text"] = "A + B"
    assert member.post(url, tab2).status_code == 302
    tab1[f"own-{question.pk}-text"] = "A + C"
    response = member.post(url, tab1)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Du har gemt dit svar et andet sted" in page
    assert "A + B" in page and "A + C" in page
    assert Answer.objects.get(question=question).text == "A + B"
    # The field holds both texts merged, on top of the newer version: saving it keeps both.
    merged = form_fields(page, "data-autosave-form")
    assert merged[f"own-{question.pk}-text"] == "A + B\n\nA + C"
    assert member.post(url, merged).status_code == 302
    assert Answer.objects.get(question=question).text == "A + B\n\nA + C"


def test_an_unchanged_plain_save_bumps_no_version(board):
    client = Client()
    open_link(client, board.member_link, "Mads")
    url = board.sections()[0].get_absolute_url()
    question = board.questions()[0]
    fields = form_fields(client.get(url).content.decode(), "data-autosave-form")
    fields[f"own-{question.pk}-text"] = "Samme"
    client.post(url, fields)
    again = form_fields(client.get(url).content.decode(), "data-autosave-form")
    client.post(url, again)
    assert Answer.objects.get().version == 1
