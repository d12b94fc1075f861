"""Meeting mode: one question at a time for the projector; the chair may hide the answers."""

import re

import pytest
from django.urls import reverse

from .conftest import autosave

pytestmark = pytest.mark.django_db


def meeting(board, number: int, query: str = "") -> str:
    return reverse("reflections:meeting", args=[board.key, number]) + query


@pytest.fixture
def discussed(chair, member, board):
    question, indicator, _steps = board.questions()
    autosave(member, board, indicator, scope="own", rating="some", evidence="Trivselsmåling")
    autosave(chair, board, indicator, scope="own", rating="high", evidence="Årsmødet")
    autosave(member, board, question, scope="own", text="Mads: vi mødes for sjældent")
    autosave(chair, board, indicator, scope="agreed", rating="high", text="Enige", version=0)
    return board


def test_one_question_with_the_members_answers_the_chart_and_the_agreed_answer(chair, discussed):
    html = chair.get(meeting(discussed, 2)).content.decode()
    h1 = re.search(r'<h1 class="meeting-question"[^>]*>(.*?)</h1>', html, re.S)[1]
    assert h1.startswith('<span class="question-number">2.</span>')
    assert "Spørgsmål 2 af 3" in html
    answers = re.findall(r'<li class="meeting-answer">\s*<h3 lang="da">([^<]+)</h3>', html)
    assert answers == ["Formand Fie", "Medlem Mads"]
    assert '<strong class="rating-tag rating-some">I nogen grad</strong>' in html
    assert 'class="ratings-chart"' in html
    assert "Enige" in html and "Vurdering:" in html  # the agreed answer as written
    assert 'rel="prev"' in html and f'href="{meeting(discussed, 3)}" rel="next"' in html
    # The first question has nothing before it; the last one leads to the result.
    first = chair.get(reverse("reflections:meeting_start", args=[discussed.key])).content.decode()
    assert 'rel="prev"' not in first and "Mads: vi mødes for sjældent" in first
    last = chair.get(meeting(discussed, 3)).content.decode()
    assert 'rel="next"' not in last and reverse("reflections:result", args=[discussed.key]) in last


def test_the_chair_hides_the_answers_until_revealing_them(chair, discussed):
    hidden = chair.get(meeting(discussed, 1, "?skjul=1")).content.decode()
    assert "Mads: vi mødes for sjældent" not in hidden
    assert "Svarene er skjult" in hidden
    reveal = re.search(r'href="([^"]+)" data-meeting-reveal', hidden)[1].replace("&amp;", "&")
    shown = chair.get(reveal).content.decode()
    assert "Mads: vi mødes for sjældent" in shown
    # The next question starts hidden again, ratings included.
    following = re.search(r'href="([^"]+)" rel="next"', shown)[1].replace("&amp;", "&")
    assert following == meeting(discussed, 2, "?skjul=1")
    second = chair.get(following).content.decode()
    assert "rating-some" not in second and 'class="ratings-chart"' not in second


@pytest.mark.parametrize("number", [0, 4, 999])
def test_a_question_number_outside_the_worksheet_is_404(chair, discussed, number):
    assert chair.get(meeting(discussed, number)).status_code == 404
