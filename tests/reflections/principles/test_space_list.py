"""The space page's list of principles (reflections.principles.for_space and its include)."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string

from reflections.models import LineComment, PrincipleLine
from reflections.principles import approval, for_space

from .conftest import AGREED_TEXT, approve

pytestmark = pytest.mark.django_db


def render(space, is_chair=True) -> str:
    return render_to_string(
        "reflections/includes/space_principles.html", {**for_space(space), "is_chair": is_chair}
    )


def test_the_list_takes_one_query(principle, space, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(for_space(space)["principles"]) == 1


def test_the_list_says_draft_approved_published_and_open_comments(principle, space):
    assert "Udkast – ikke godkendt endnu" in render(space)
    line = PrincipleLine.objects.get(text=AGREED_TEXT)
    LineComment.objects.create(line=line, author_name="Mads", text="?")
    approval.publish(principle, approve(principle))
    page = render(space)
    assert "Senest godkendt 10. marts 2027" in page
    assert "Offentliggjort" in page and "1 åben kommentar" in page


def test_the_list_says_when_a_review_date_has_passed(principle, space):
    approval.approve(
        principle, approved_on=datetime.date(2020, 1, 1), review_by=datetime.date(2021, 1, 1)
    )
    assert "Skulle have været evalueret senest 1. januar 2021" in render(space)


def test_only_chairs_see_the_button_to_start_a_principle(principle, space):
    assert "Start et nyt princip" in render(space, is_chair=True)
    assert "Start et nyt princip" not in render(space, is_chair=False)
