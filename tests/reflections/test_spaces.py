"""A board's space: its worksheets over the years behind one set of links, deleted as a whole."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from reflections import services
from reflections.models import Answer, BoardSpace, Worksheet

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db


def space_url(board, name="space"):
    return reverse(f"reflections:{name}", args=[board.space_key])


def start_second_worksheet(chair, board, template) -> Worksheet:
    response = chair.post(space_url(board), {"template": template.pk})
    assert response.status_code == 302
    return board.worksheet.space.worksheets.exclude(pk=board.worksheet.pk).get()


def test_a_new_board_gets_a_space_and_its_links_open_the_worksheet(board):
    space = board.worksheet.space
    assert (space.school_name, space.board_name) == ("Skovvejens Skole", "Skolebestyrelsen")
    member = Client()
    response = member.get(board.member_link)
    # While the space holds one worksheet, the link leads straight to it.
    assert response["Location"] == reverse("reflections:worksheet", args=[board.key])


def test_the_chair_starts_another_worksheet_that_the_same_links_open(chair, board, template):
    second = start_second_worksheet(chair, board, template)
    assert second.school_name == "Skovvejens Skole"
    member = Client()
    response = member.get(board.member_link)
    assert response["Location"] == space_url(board)  # two worksheets: the space lists them
    page = member.get(space_url(board)).content.decode()
    assert page.count(template.title) == 2
    for worksheet in (board.worksheet, second):
        assert member.get(worksheet.get_absolute_url()).status_code == 200
    # A member may look, not start work or delete.
    assert member.post(space_url(board), {"template": template.pk}).status_code == 404
    assert member.get(space_url(board, "space_delete")).status_code == 404
    assert Worksheet.objects.filter(space=board.worksheet.space).count() == 2


def test_no_template_chosen_is_a_danish_error_and_nothing_is_made(chair, board):
    response = chair.post(space_url(board), {})
    assert response.status_code == 400
    assert "Vælg den skabelon, arbejdsarket skal bygge på." in response.content.decode()
    assert Worksheet.objects.count() == 1


def test_renewing_the_member_link_closes_every_worksheet_in_the_space(
    chair, member, board, template
):
    second = start_second_worksheet(chair, board, template)
    chair.post(reverse("reflections:rotate", args=[board.key]), {"link": "member"})
    for url in (space_url(board), board.worksheet.get_absolute_url(), second.get_absolute_url()):
        assert member.get(url).status_code == 404, url
        assert chair.get(url).status_code == 200, url


@pytest.mark.parametrize("name", ["space", "space_delete"])
def test_outsiders_and_other_boards_get_404(name, board, outsider, other_boards_chair):
    url = space_url(board, name)
    for client in (outsider, other_boards_chair):
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    assert BoardSpace.objects.filter(key=board.space_key).exists()


def test_the_space_page_is_private(chair, board):
    response = chair.get(space_url(board))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("worksheets", [1, 4])
def test_the_space_page_has_a_fixed_number_of_queries(
    chair, board, template, worksheets, django_assert_num_queries
):
    for _ in range(worksheets - 1):
        services.create_from_template(
            template, school_name="", board_name="", space=board.worksheet.space
        )
    chair.get(space_url(board))  # shows (and forgets) the chair's personal link once
    # session, space, principles, principles past their review date, worksheets, templates,
    # footer
    with django_assert_num_queries(7):
        assert chair.get(space_url(board)).status_code == 200


def test_deleting_one_of_several_worksheets_keeps_the_space_and_the_links(
    chair, member, board, template
):
    second = start_second_worksheet(chair, board, template)
    response = chair.post(reverse("reflections:delete", args=[second.key]))
    assert response["Location"] == space_url(board)
    assert member.get(board.worksheet.get_absolute_url()).status_code == 200


def test_deleting_the_space_deletes_everything_in_it_and_every_session_forgets_it(
    chair, member, board, template, other_board, other_boards_chair
):
    second = start_second_worksheet(chair, board, template)
    autosave(member, board, board.questions()[0], scope="own", text="Mit svar")
    page = chair.get(space_url(board, "space_delete")).content.decode()
    assert "også dem, der er offentliggjort" in page
    response = chair.post(space_url(board, "space_delete"))
    assert response["Location"] == reverse("reflections:index")
    assert not BoardSpace.objects.filter(key=board.space_key).exists()
    assert not Worksheet.objects.filter(pk__in=[board.worksheet.pk, second.pk]).exists()
    assert not Answer.objects.filter(worksheet_id=board.worksheet.pk).exists()
    stored = " ".join(str(s.get_decoded()) for s in Session.objects.all())
    for left_behind in (board.space_key, board.key, second.key, "Medlem Mads", "Formand Fie"):
        assert left_behind not in stored, left_behind
    assert other_board.space_key in stored  # another board's session is untouched
    fresh = Client()
    assert fresh.get(board.member_link).status_code == 404


def test_the_landing_page_lists_the_spaces_this_browser_holds(chair, board, template):
    second = start_second_worksheet(chair, board, template)
    page = chair.get(reverse("reflections:index")).content.decode()
    assert "Dine bestyrelsesrum i denne browser" in page
    assert space_url(board) in page and second.get_absolute_url() in page
    open_link(stranger := Client(), board.member_link)
    chair.post(reverse("reflections:rotate", args=[board.key]), {"link": "member"})
    assert space_url(board) not in stranger.get(reverse("reflections:index")).content.decode()


def test_the_space_page_leads_to_the_principles_and_the_brief(chair, member, board):
    start = reverse("reflections:principle_start", args=[board.space_key])
    brief = reverse("reflections:brief", args=[board.space_key])
    chairs_page = chair.get(space_url(board)).content.decode()
    assert start in chairs_page and brief in chairs_page
    members_page = member.get(space_url(board)).content.decode()
    assert "Principper" in members_page and brief in members_page
    assert start not in members_page  # only the chair starts a principle
