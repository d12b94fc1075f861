"""Boards learning from each other: a chair shares the agreed answers with the municipality's
other boards, who see them beside the same question – never a name – until it is withdrawn."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reflections import deletion, services
from reflections.models import Principle, Sharing, Worksheet
from values.models import Publisher, School

from .conftest import Board, open_link

pytestmark = pytest.mark.django_db

HEADING = "Sådan har andre bestyrelser i kommunen formuleret det"
AGREED = "Vi inviterer nye forældre til kaffe den første uge"
OWN = "Mit eget svar om kaffe"
MEMBER = "Medlem Mie"


def school(publisher: Publisher, name: str) -> School:
    number = f"{100000 + School.objects.count()}"
    return School.objects.create(municipality=publisher, name=name, institution_number=number)


def board_at(template, at: School) -> Board:
    board = Board(template, school=at.name)
    board.worksheet.school = at
    board.worksheet.save(update_fields=["school"])
    return board


def chair_of(board: Board, name: str = "Formand Fie") -> Client:
    client = Client()
    open_link(client, board.chair_link, name)
    return client


@pytest.fixture
def sharing_board(template, framework) -> Board:
    """Skovvejens Skole's board: an agreed answer, a rating and a member's own answer."""
    board = board_at(template, school(framework.publisher, "Skovvejens Skole"))
    worksheet = board.worksheet
    open_question, rated = board.questions()[:2]
    services.save_agreed_answer(worksheet, open_question, base_version=0, text=AGREED, by=MEMBER)
    services.save_agreed_answer(worksheet, rated, base_version=0, text="", rating="high")
    member = worksheet.participants.create(display_name=MEMBER)
    services.save_own_answer(worksheet, open_question, member.pk, text=OWN)
    return board


@pytest.fixture
def neighbour(template, framework) -> Board:
    """Bakkeskolen's board in the same municipality."""
    return board_at(template, school(framework.publisher, "Bakkeskolen"))


@pytest.fixture
def neighbours_chair(neighbour) -> Client:
    return chair_of(neighbour, "Anden Anna")


def first_section(board: Board) -> str:
    return reverse("reflections:section", args=[board.key, board.sections()[0].pk])


def share(board: Board, **data) -> None:
    response = chair_of(board).post(reverse("reflections:sharing", args=[board.key]), data)
    assert response.status_code == 302


def test_nothing_is_shared_until_the_chair_shares(sharing_board, neighbours_chair, neighbour):
    page = neighbours_chair.get(first_section(neighbour)).content.decode()
    assert HEADING not in page and AGREED not in page


def test_shared_agreed_answers_appear_beside_the_same_question_without_names(
    sharing_board, neighbours_chair, neighbour
):
    share(sharing_board, share="1")
    response = neighbours_chair.get(first_section(neighbour))
    page = response.content.decode()
    assert HEADING in page and AGREED in page and "I høj grad" in page
    assert "En skole i kommunen" in page and "Skovvejens Skole" not in page
    assert OWN not in page and MEMBER not in page and "Formand Fie" not in page
    open_block, rated_block = response.context["blocks"][:2]
    assert [s.text for s in open_block.shared] == [AGREED]
    assert [s.rating for s in rated_block.shared] == ["high"]


def test_the_school_is_named_only_when_the_board_chooses(
    sharing_board, neighbours_chair, neighbour
):
    share(sharing_board, share="1", names_school="on")
    assert "Skovvejens Skole" in neighbours_chair.get(first_section(neighbour)).content.decode()


def test_a_withdrawn_sharing_is_gone_on_the_next_page_load(
    sharing_board, neighbours_chair, neighbour
):
    share(sharing_board, share="1")
    assert AGREED in neighbours_chair.get(first_section(neighbour)).content.decode()
    share(sharing_board, withdraw="1")
    page = neighbours_chair.get(first_section(neighbour)).content.decode()
    assert AGREED not in page and HEADING not in page
    assert not Sharing.objects.exists()


def test_another_municipalitys_boards_and_the_sharing_board_itself_see_nothing(
    sharing_board, template
):
    share(sharing_board, share="1")
    vejle = Publisher.objects.create(name="Vejle Kommune")
    far_away = board_at(template, school(vejle, "Østskolen"))
    unregistered = Board(template, school="Skole uden register")
    for board in (far_away, unregistered, sharing_board):
        page = chair_of(board).get(first_section(board)).content.decode()
        assert HEADING not in page, board.worksheet.school_name


def test_shared_text_is_escaped(template, framework, neighbours_chair, neighbour):
    board = board_at(template, school(framework.publisher, "Skolen"))
    question = board.questions()[0]
    services.save_agreed_answer(
        board.worksheet, question, base_version=0, text="<script>alert(1)</script>"
    )
    share(board, share="1")
    page = neighbours_chair.get(first_section(neighbour)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_deleting_the_worksheet_deletes_its_sharing(sharing_board, neighbours_chair, neighbour):
    share(sharing_board, share="1")
    deletion.delete_worksheet(Worksheet.objects.get(pk=sharing_board.worksheet.pk))
    assert not Sharing.objects.exists()
    assert AGREED not in neighbours_chair.get(first_section(neighbour)).content.decode()


def test_the_chairs_sharing_page_says_what_is_shared_and_what_never_is(sharing_board):
    chair = chair_of(sharing_board)
    url = reverse("reflections:sharing", args=[sharing_board.key])
    page = chair.get(url).content.decode()
    assert "Skovvejens Skole har 2 fælles svar" in page
    assert "medlemmernes navne, medlemmernes egne svar og jeres næste skridt" in page
    chair.post(url, {"share": "1"})
    page = chair.get(url).content.decode()
    assert "Jeres fælles svar er delt" in page and "Stop delingen" in page


def test_a_worksheet_without_a_school_cannot_share(template):
    board = Board(template)
    chair = chair_of(board)
    url = reverse("reflections:sharing", args=[board.key])
    response = chair.post(url, {"share": "1"}, follow=True)
    assert "ikke knyttet til en skole i kommunens skoleregister" in response.content.decode()
    assert not Sharing.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "member", "neighbours_chair"])
def test_only_the_chair_reaches_the_sharing_page(request, sharing_board, persona):
    client = Client()
    if persona == "member":
        open_link(client, sharing_board.member_link, "Medlem Mads")
    elif persona == "neighbours_chair":
        client = request.getfixturevalue("neighbours_chair")
    url = reverse("reflections:sharing", args=[sharing_board.key])
    assert client.get(url).status_code == 404
    assert client.post(url, {"share": "1"}).status_code == 404
    assert not Sharing.objects.exists()


def test_a_section_page_with_shared_answers_costs_one_query_more(
    sharing_board, neighbours_chair, neighbour, django_assert_num_queries
):
    share(sharing_board, share="1")
    url = first_section(neighbour)
    neighbours_chair.get(url)
    # the section page's seven (tests/reflections/test_pages.py), the shared answers and the
    # shared principles (tests/reflections/test_sharing_principles.py)
    with django_assert_num_queries(9):
        assert neighbours_chair.get(url).status_code == 200
    for n in range(3):
        other = board_at(
            neighbour.worksheet.template,
            school(neighbour.worksheet.school.municipality, f"Skole {n}"),
        )
        services.save_agreed_answer(
            other.worksheet, other.questions()[0], base_version=0, text=f"Svar {n}"
        )
        share(other, share="1")
    with django_assert_num_queries(9):
        page = neighbours_chair.get(url).content.decode()
    assert all(f"Svar {n}" in page for n in range(3))


def test_another_kind_of_sharing_neither_shows_nor_repeats_the_answers(
    sharing_board, neighbours_chair, neighbour
):
    """A shared principle shares no answers, and beside a sharing of the answers it does not
    show them twice."""
    principle = Principle.objects.create(
        space=sharing_board.worksheet.space, title="Princip", worksheet=sharing_board.worksheet
    )
    Sharing.objects.create(principle=principle, kind="principle", names_school=True)
    assert AGREED not in neighbours_chair.get(first_section(neighbour)).content.decode()
    share(sharing_board, share="1")
    response = neighbours_chair.get(first_section(neighbour))
    assert [s.text for s in response.context["blocks"][0].shared] == [AGREED]
    assert "Skovvejens Skole" not in response.content.decode()


def test_the_sharing_page_has_a_fixed_number_of_queries(sharing_board, django_assert_num_queries):
    chair = chair_of(sharing_board)
    url = reverse("reflections:sharing", args=[sharing_board.key])
    # session, worksheet, its sharing, its school, the answers to share, the footer's frameworks
    with django_assert_num_queries(6):
        assert chair.get(url).status_code == 200
