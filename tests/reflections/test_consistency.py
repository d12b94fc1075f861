"""The overview and section pages count what the member did and say who they are once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_section_page_counts_the_members_own_answers(member, board):
    question, indicator = board.questions()[:2]
    section = board.sections()[0].get_absolute_url()
    assert "Dine egne svar: 0 af 2." in text_of(member.get(section).content.decode())
    autosave(member, board, question, scope="own", text="Mit svar")
    autosave(member, board, indicator, scope="own", rating="some")
    page = text_of(member.get(section).content.decode())
    assert "Dine egne svar: 2 af 2." in page
    assert "Bestyrelsens fælles svar: 0 af 2 besvaret." in page


def test_the_overview_offers_to_continue_where_the_member_left_off(member, board):
    overview = reverse("reflections:worksheet", args=[board.key])
    first, last = board.sections()
    page = member.get(overview).content.decode()
    assert "Begynd med første afsnit" in page and "Fortsæt hvor du slap" not in page
    question, indicator = board.questions()[:2]
    autosave(member, board, question, scope="own", text="Mit svar")
    page = member.get(overview).content.decode()
    assert "Fortsæt hvor du slap" in page and "Begynd med første afsnit" not in page
    assert re.search(rf'href="{first.get_absolute_url()}">Fortsæt hvor du slap', page)
    autosave(member, board, indicator, scope="own", rating="high")
    page = member.get(overview).content.decode()
    assert re.search(rf'href="{last.get_absolute_url()}">Fortsæt hvor du slap', page)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Fie", "Du deltager som Fie · formand"), ("Fie (formand)", "Du deltager som Fie (formand)")],
)
def test_the_chair_is_called_chair_once(board, name, expected):
    chair = Client()
    open_link(chair, board.chair_link, name)
    page = chair.get(reverse("reflections:worksheet", args=[board.key])).content.decode()
    line = text_of(re.search(r'<span class="who-am-i">(.*?)</span></p>', page).group(1))
    assert line.strip(" ·") == expected


def test_a_member_has_no_role_in_the_line(member, board):
    page = text_of(member.get(reverse("reflections:worksheet", args=[board.key])).content.decode())
    assert "Du deltager som Medlem Mads" in page
    assert "· formand" not in page


def test_a_picked_statement_gets_a_prompt_and_the_rating_scale(framework):
    from reflections import services
    from values.models import Item

    statement = Item.objects.filter(kind=Item.Kind.STATEMENT).first()
    new = services.create_from_picks(
        [services.Pick(statement)],
        title="Udsagn",
        school_name="Skolen",
        board_name="Bestyrelsen",
        display_name="Fie",
    )
    question = new.worksheet.questions.get()
    assert (question.kind, question.prompt) == ("rating", "Hvor enige er I? Hvad ser I hos jer?")
    client = Client()
    open_link(client, reverse("reflections:member_link", args=[new.member_token]), "Mads")
    page = client.get(question.section.get_absolute_url()).content.decode()
    assert "Hvor enige er I? Hvad ser I hos jer?" in page
    assert "Hvor enige er I?</legend>" in page or ">Hvor enige er I?<" in page
    assert 'value="high"' in page and "Hvad ser I hos jer?" in page
    assert "Kommentar" not in page
