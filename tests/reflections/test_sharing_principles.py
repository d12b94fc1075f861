"""Boards learning from each other: a chair shares the board's principle with the municipality's
other boards, who see its latest approved version beside the framework theme it answers – never
the draft, a comment or a name – until it is withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Principle, PrincipleArea, Sharing
from reflections.principles import approval, drafting
from values.models import Publisher

from .conftest import Board
from .test_sharing import HEADING, board_at, chair_of, first_section, school

pytestmark = pytest.mark.django_db

APPROVED = "Vi byder nye forældre velkommen i den første uge"
DRAFT = "Et udkast, ingen har godkendt"
COMMENT = "Mie synes, vi skal skrive mere"


def at_school(board: Board) -> Board:
    """The board's space knows its school too (the principle belongs to the space)."""
    space = board.worksheet.space
    space.school = board.worksheet.school
    space.save(update_fields=["school"])
    return board


def approved_principle(board: Board, *, from_worksheet: bool = True, cite: bool = False):
    space = board.worksheet.space
    principle = drafting.start_principle(
        space,
        title="Princip for skole-hjem-samarbejdet",
        area=PrincipleArea.SCHOOL_HOME,
        worksheet=board.worksheet if from_worksheet else None,
    )
    line = principle.sections.first().lines.create(text=APPROVED, position=99)
    if cite:
        line.items.add(
            board.questions()[0].source_item or board.questions()[0].source_question.item
        )
    approval.approve(
        principle, approved_on=datetime.date(2027, 3, 10), review_by=datetime.date(2028, 3, 10)
    )
    line.text = DRAFT  # changed after approval: the draft others must never see
    line.save()
    line.comments.create(author_name="Medlem Mie", text=COMMENT)
    return principle


@pytest.fixture
def sharing_board(template, framework) -> Board:
    return at_school(board_at(template, school(framework.publisher, "Skovvejens Skole")))


@pytest.fixture
def principle(sharing_board) -> Principle:
    return approved_principle(sharing_board)


@pytest.fixture
def neighbour(template, framework) -> Board:
    return at_school(board_at(template, school(framework.publisher, "Bakkeskolen")))


@pytest.fixture
def neighbours_chair(neighbour) -> Client:
    return chair_of(neighbour, "Anden Anna")


def sharing_url(principle: Principle) -> str:
    return reverse("reflections:principle_sharing", args=[principle.space.key, principle.pk])


def share(board: Board, principle: Principle, **data) -> None:
    response = chair_of(board).post(sharing_url(principle), data)
    assert response.status_code == 302


def test_nothing_is_shared_until_the_chair_shares(principle, neighbours_chair, neighbour):
    page = neighbours_chair.get(first_section(neighbour)).content.decode()
    assert APPROVED not in page


def test_a_shared_principle_shows_its_approved_version_beside_the_theme_and_nothing_private(
    sharing_board, principle, neighbours_chair, neighbour
):
    share(sharing_board, principle, share="1")
    response = neighbours_chair.get(first_section(neighbour))
    page = response.content.decode()
    assert HEADING in page and APPROVED in page and principle.title in page
    assert DRAFT not in page and COMMENT not in page and "Medlem Mie" not in page
    assert "En skole i kommunen" in page and "Skovvejens Skole" not in page
    assert principle.space.key not in page  # no citation leads into the sharing board's space
    assert response["Cache-Control"].startswith("no-store")


def test_the_school_is_named_only_when_the_board_chooses(
    sharing_board, principle, neighbours_chair, neighbour
):
    share(sharing_board, principle, share="1", names_school="on")
    assert "Skovvejens Skole" in neighbours_chair.get(first_section(neighbour)).content.decode()


def test_the_newest_approved_version_is_shown(
    sharing_board, principle, neighbours_chair, neighbour
):
    share(sharing_board, principle, share="1")
    principle.sections.first().lines.create(text="Anden version", position=100)
    approval.approve(
        principle, approved_on=datetime.date(2027, 9, 1), review_by=datetime.date(2028, 9, 1)
    )
    page = neighbours_chair.get(first_section(neighbour)).content.decode()
    assert "Anden version" in page and page.count(principle.title) == 1


def test_a_principle_answers_the_themes_its_lines_cite(sharing_board, neighbours_chair, neighbour):
    citing = approved_principle(sharing_board, from_worksheet=False, cite=True)
    share(sharing_board, citing, share="1")
    assert APPROVED in neighbours_chair.get(first_section(neighbour)).content.decode()


def test_a_principle_answering_no_theme_of_the_section_is_not_shown(
    sharing_board, neighbours_chair, neighbour
):
    unrelated = approved_principle(sharing_board, from_worksheet=False)
    share(sharing_board, unrelated, share="1")
    assert APPROVED not in neighbours_chair.get(first_section(neighbour)).content.decode()


def test_a_withdrawn_principle_is_gone_on_the_next_page_load(
    sharing_board, principle, neighbours_chair, neighbour
):
    share(sharing_board, principle, share="1")
    assert APPROVED in neighbours_chair.get(first_section(neighbour)).content.decode()
    share(sharing_board, principle, withdraw="1")
    assert APPROVED not in neighbours_chair.get(first_section(neighbour)).content.decode()
    assert not Sharing.objects.exists()


def test_deleting_the_principle_or_the_space_leaves_no_sharing(sharing_board, principle):
    share(sharing_board, principle, share="1")
    principle.delete()
    assert not Sharing.objects.exists()
    again = approved_principle(sharing_board)
    share(sharing_board, again, share="1")
    sharing_board.worksheet.space.delete()
    assert not Sharing.objects.exists()


def test_an_unapproved_principle_cannot_be_shared(sharing_board):
    draft = drafting.start_principle(
        sharing_board.worksheet.space, title="Udkast", area=PrincipleArea.SCHOOL_HOME
    )
    chair = chair_of(sharing_board)
    response = chair.post(sharing_url(draft), {"share": "1"}, follow=True)
    assert "Godkend princippet, før I deler det." in response.content.decode()
    assert not Sharing.objects.exists()


def test_other_municipalities_and_the_sharing_board_itself_see_nothing(
    sharing_board, principle, template
):
    share(sharing_board, principle, share="1")
    vejle = Publisher.objects.create(name="Vejle Kommune")
    far_away = at_school(board_at(template, school(vejle, "Østskolen")))
    unregistered = Board(template, school="Skole uden register")
    for board in (far_away, unregistered, sharing_board):
        page = chair_of(board).get(first_section(board)).content.decode()
        assert APPROVED not in page


def test_outsiders_members_and_other_boards_get_404_for_the_sharing_page(
    sharing_board, principle, neighbours_chair
):
    url = sharing_url(principle)
    member = Client()
    member.get(sharing_board.member_link)
    for client in (Client(), member, neighbours_chair):
        assert client.get(url).status_code == 404
        assert client.post(url, {"share": "1"}).status_code == 404
    assert not Sharing.objects.exists()


def test_the_sharing_page_is_private_and_has_a_fixed_number_of_queries(
    sharing_board, principle, django_assert_num_queries
):
    chair = chair_of(sharing_board)
    url = sharing_url(principle)
    chair.get(url)
    # session, space, principle, its sharing, its latest version, the school, the footer's
    # frameworks
    with django_assert_num_queries(7):
        response = chair.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store")
    assert "noindex" in response["X-Robots-Tag"]


def test_the_section_page_costs_one_query_more_however_many_boards_share(
    sharing_board, principle, neighbours_chair, neighbour, template, django_assert_num_queries
):
    url = first_section(neighbour)
    share(sharing_board, principle, share="1")
    neighbours_chair.get(url)
    # the section page's seven (tests/reflections/test_pages.py), no shared answers here, one
    # for the shared answers and one for the shared principles
    with django_assert_num_queries(9):
        assert neighbours_chair.get(url).status_code == 200
    for n in range(3):
        other = at_school(
            board_at(template, school(neighbour.worksheet.school.municipality, f"Skole {n}"))
        )
        share(other, approved_principle(other), share="1")
    with django_assert_num_queries(9):
        page = neighbours_chair.get(url).content.decode()
    assert page.count(APPROVED) == 4


def test_a_board_without_a_school_in_the_register_cannot_share(template):
    board = Board(template, school="Skole uden register")
    principle = approved_principle(board)
    response = chair_of(board).post(sharing_url(principle), {"share": "1"}, follow=True)
    assert "ikke knyttet til en skole i kommunens skoleregister" in response.content.decode()
    assert not Sharing.objects.exists()


def test_a_shared_principles_text_is_escaped(sharing_board, neighbours_chair, neighbour):
    principle = approved_principle(sharing_board)
    version = principle.versions.first()
    version.delete()
    principle.title = "<script>alert(1)</script>"
    principle.save()
    approval.approve(
        principle, approved_on=datetime.date(2027, 3, 10), review_by=datetime.date(2028, 3, 10)
    )
    share(sharing_board, principle, share="1")
    page = neighbours_chair.get(first_section(neighbour)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
