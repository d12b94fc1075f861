"""Hypothesis against a perspectives round: the open answering form and the chair's form.

Whatever arrives – hostile values, fields left out or repeated, unknown fields, forged or reused
one-time numbers – the answer is a redirect after a saved response or a 4xx, never a server
error; the response already saved is never changed; and a form's one-time number saves at most
one response. PostgreSQL only, with the other fuzz tests (tests/slow/test_fuzz_forms.py).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from reflections import rounds, services
from reflections.models import QuestionKind, RoundResponse
from tests.conftest import make_framework
from tests.slow.marks import slow_on_postgres
from tests.slow.test_fuzz_forms import FUZZ, assert_no_server_error, form_data
from values.models import Item

pytestmark = slow_on_postgres

NONCE = re.compile(r'name="nonce" value="([^"]+)"')


@pytest.fixture
def opened(db):
    """A worksheet with two rating questions, a parents' round and one response in it."""
    make_framework()
    indicators = Item.objects.filter(kind=Item.Kind.INDICATOR).order_by("pk")[:2]
    picks = [services.Pick(item) for item in indicators]  # indicators are rated
    new = services.create_from_picks(
        picks, title="Fuzz", school_name="Skolen", board_name="Bestyrelsen"
    )
    today = timezone.localdate()
    round_, token = rounds.open_round(
        new.worksheet, group="parents", label="", starts_on=today, ends_on=today
    )
    path = f"/arbejdsark/runde/{token}/"
    questions = list(new.worksheet.questions.filter(kind=QuestionKind.RATING))
    client = Client()
    nonce = NONCE.search(client.get(path).content.decode()).group(1)
    data = {"nonce": nonce, f"q{questions[0].pk}": "some", "comment": "Første svar"}
    assert client.post(path, data).status_code == 302
    return {"worksheet": new.worksheet, "path": path, "questions": questions, "nonce": nonce}


def first_is_intact() -> bool:
    first = RoundResponse.objects.order_by("pk").first()
    return first.comment == "Første svar" and [r.rating for r in first.ratings.all()] == ["some"]


@FUZZ
@given(
    data=form_data(["comment", "nonce", "q1", "q2"]),
    nonce=st.sampled_from(["fresh", "reused", "as generated"]),
)
def test_answering_never_fails_and_never_touches_another_response(opened, data, nonce):
    questions = opened["questions"]
    # The generated q1/q2 stand for the two real questions' fields.
    for n, question in enumerate(questions, start=1):
        if f"q{n}" in data:
            data[f"q{question.pk}"] = data.pop(f"q{n}")
    client = Client()
    page = client.get(opened["path"])
    if nonce == "fresh":
        data["nonce"] = NONCE.search(page.content.decode()).group(1)
    elif nonce == "reused":
        data["nonce"] = opened["nonce"]
    before = RoundResponse.objects.count()
    response = client.post(opened["path"], data)
    assert_no_server_error(response, "answer a round")
    assert response.status_code in (302, 400, 409, 413), response.status_code
    saved = RoundResponse.objects.count() - before
    assert saved == (1 if response.status_code == 302 else 0)
    assert first_is_intact()


@FUZZ
@given(data=form_data(["group", "label", "starts_on", "ends_on"]))
def test_opening_a_round_never_fails(opened, data):
    client = Client()
    worksheet = opened["worksheet"]
    token = services.rotate_chair_link(worksheet.space)
    assert client.get(f"/arbejdsark/f/{token}/").status_code == 302
    response = client.post(f"/arbejdsark/ark/{worksheet.key}/formand/perspektiver/", data)
    assert_no_server_error(response, "open a round")
    assert response.status_code in (302, 400)
