"""Every worksheet URL answers 404 to anyone but the board – the same 404 as a missing page."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from reflections import services
from reflections.models import Answer, NextStep, Participant, Worksheet

from .conftest import Board, open_link

pytestmark = pytest.mark.django_db

MEMBER_OK = {"GET": 200, "POST": 302}


def endpoints(board: Board) -> list[tuple[str, str, str, dict | str | None, bool]]:
    """(name, method, url, data, chair_only) for every URL of one worksheet."""
    key = board.key
    first, last = board.sections()
    question = board.questions()[0]
    step = NextStep.objects.create(
        worksheet=board.worksheet, question=last.questions.get(), what="Møde"
    )
    extra = Participant.objects.create(worksheet=board.worksheet, display_name="Ekstra")
    remove = {"remove": "1", "remove-participant": extra.pk, "remove-confirm": "on"}

    def url(name, *args):
        return reverse(f"reflections:{name}", args=[key, *args])

    return [
        ("worksheet", "GET", url("worksheet"), None, False),
        ("join", "POST", url("join"), {"display_name": "Ny"}, False),
        ("section", "GET", url("section", first.pk), None, False),
        ("section-save", "POST", url("section", first.pk), {f"own-{question.pk}-text": "x"}, False),
        (
            "autosave",
            "POST",
            url("autosave", question.pk),
            json.dumps({"scope": "own", "text": "x"}),
            False,
        ),
        ("step", "GET", url("step_edit", step.pk), None, False),
        ("step-save", "POST", url("step_edit", step.pk), {"what": "Nyt", "version": "1"}, False),
        ("result", "GET", url("result"), None, False),
        ("pdf", "GET", url("result_pdf"), None, False),
        ("csv", "GET", url("export_csv"), None, False),
        ("xlsx", "GET", url("export_xlsx"), None, False),
        ("blank", "GET", url("blank"), None, False),
        ("manage", "GET", url("manage"), None, True),
        ("rotate", "POST", url("rotate"), {"link": "member"}, True),
        ("status", "POST", url("status"), {"done": "1"}, True),
        ("delete-confirm", "GET", url("delete"), None, True),
        ("delete", "POST", url("delete"), {}, True),
        ("personal-link", "POST", url("new_personal_link"), {}, False),
        ("participants", "POST", url("participants"), remove, True),
        ("hand-over", "POST", url("hand_over"), {}, True),
        (
            "answering",
            "POST",
            url("answering"),
            {"agreed_by": "chairs", "others_visible": "always"},
            True,
        ),
        ("live", "GET", url("section_live", first.pk), None, False),
        ("prepare", "GET", url("prepare"), None, True),
        ("prepare-save", "POST", url("prepare"), {"meeting_date": "2027-03-08"}, True),
        ("overview", "GET", url("overview"), None, True),
        ("overview-pdf", "GET", url("overview_pdf"), None, True),
        ("calendar", "GET", url("calendar"), None, False),
        ("meeting-start", "GET", url("meeting_start"), None, True),
        ("meeting", "GET", url("meeting", 2) + "?skjul=1", None, True),
        ("next-year-confirm", "GET", url("next_year"), None, True),
        ("next-year", "POST", url("next_year"), {}, True),
    ]


ENDPOINT_NAMES = [
    "worksheet", "join", "section", "section-save", "autosave", "step", "step-save", "result",
    "pdf", "csv", "xlsx", "blank", "manage", "rotate", "status", "delete-confirm", "delete",
    "personal-link", "participants", "hand-over", "answering", "live",
    "prepare", "prepare-save", "overview", "overview-pdf", "calendar", "meeting-start", "meeting",
    "next-year-confirm", "next-year",
]  # fmt: skip


def request(client: Client, method: str, url: str, data):
    if method == "GET":
        return client.get(url)
    if isinstance(data, str):
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


def expected_ok(name: str, method: str) -> int:
    return 200 if name in ("autosave", "live") else MEMBER_OK[method]


def page_body(response) -> str:
    """The page without what differs on every response anyway: CSRF token and own address."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return html.replace(f'value="{response.wsgi_request.get_full_path()}"', 'value="PATH"')


@pytest.fixture
def missing_page(db) -> str:
    """The site's 404 for a worksheet that doesn't exist at all."""
    response = Client().get(reverse("reflections:worksheet", args=["findes-ikke"]))
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()
    return page_body(response)


@pytest.fixture
def rotated(board) -> Client:
    """A member who opened the link before the chair made a new one."""
    client = Client()
    open_link(client, board.member_link, "Gammelt link")
    services.rotate_member_link(Worksheet.objects.get(pk=board.worksheet.pk).space)
    return client


@pytest.fixture
def old_chair(board) -> Client:
    """Someone who opened the chair link before the chair made a new one (a leaked link)."""
    client = Client()
    open_link(client, board.chair_link, "Gammel formand")
    services.rotate_chair_link(Worksheet.objects.get(pk=board.worksheet.pk).space)
    return client


STALE = ["rotated", "old_chair"]
OUTSIDER_CASES = [
    (name, persona)
    for name in ENDPOINT_NAMES
    for persona in ["outsider", "other_boards_chair", *STALE]
    # Autosave tells a member with a renewed link why their words were not saved (below).
    if not (name == "autosave" and persona in STALE)
]


@pytest.mark.parametrize(("name", "persona"), OUTSIDER_CASES)
def test_outsiders_get_the_missing_page_404_for_every_worksheet_url(
    request_fixture, board, name, persona, missing_page
):
    client = request_fixture(persona)
    _name, method, url, data, _chair_only = next(e for e in endpoints(board) if e[0] == name)
    response = request(client, method, url, data)
    assert response.status_code == 404, (persona, name)
    assert page_body(response) == missing_page
    assert Worksheet.objects.filter(pk=board.worksheet.pk).exists()


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_a_member_reaches_every_board_url_but_not_the_chairs(member, board, name, missing_page):
    _name, method, url, data, chair_only = next(e for e in endpoints(board) if e[0] == name)
    response = request(member, method, url, data)
    if chair_only:
        assert response.status_code == 404
        assert page_body(response) == missing_page
    else:
        assert response.status_code == expected_ok(name, method), name


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_the_chair_reaches_every_board_url(chair, board, name):
    _name, method, url, data, _chair_only = next(e for e in endpoints(board) if e[0] == name)
    response = request(chair, method, url, data)
    assert response.status_code == expected_ok(name, method), name


@pytest.fixture
def request_fixture(request):
    return request.getfixturevalue


def test_board_pages_are_never_cached_nor_indexed(member, board):
    for name, method, url, _data, chair_only in endpoints(board):
        if method != "GET" or chair_only:
            continue
        response = member.get(url)
        assert "no-store" in response["Cache-Control"], name
        assert "noindex" in response["X-Robots-Tag"], name
        if response["Content-Type"].startswith("text/html"):
            assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_opening_a_link_redirects_to_an_address_without_the_token(board):
    client = Client()
    response = client.get(board.member_link)
    assert response.status_code == 302
    token = board.member_link.rstrip("/").split("/")[-1]
    assert token not in response["Location"]
    assert response["Location"] == board.worksheet.get_absolute_url()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "token",
    [
        "x" * 43,
        "kort",
        "0123456789abcdef0123456789abcdef0123456789a",
    ],
)
def test_wrong_and_random_tokens_get_the_missing_page(client, board, token, missing_page):
    for name in ("member_link", "chair_link"):
        response = client.get(reverse(f"reflections:{name}", args=[token]))
        assert response.status_code == 404
        assert page_body(response) == missing_page


def test_an_old_member_link_stops_working_after_rotation(board, missing_page):
    services.rotate_member_link(board.worksheet.space)
    response = Client().get(board.member_link)
    assert response.status_code == 404
    assert page_body(response) == missing_page


def test_rotating_the_member_link_keeps_the_chair_in(chair, board):
    response = chair.post(reverse("reflections:rotate", args=[board.key]), {"link": "member"})
    assert response.status_code == 302
    page = chair.get(response["Location"]).content.decode()
    assert 'id="member-link"' in page  # the new link, shown once
    assert chair.get(board.worksheet.get_absolute_url()).status_code == 200


def test_rotating_the_chair_link_locks_out_the_old_chair_link(chair, board):
    chair.post(reverse("reflections:rotate", args=[board.key]), {"link": "chair"})
    assert chair.get(reverse("reflections:manage", args=[board.key])).status_code == 200
    assert Client().get(board.chair_link).status_code == 404


def test_tokens_are_long_random_and_stored_only_as_hashes(board):
    token = board.member_link.rstrip("/").split("/")[-1]
    assert len(token) >= 43  # 32 bytes of secrets.token_urlsafe: 256 bits
    worksheet = board.worksheet
    stored = [str(getattr(worksheet, f.attname)) for f in Worksheet._meta.concrete_fields]
    assert not any(token in value for value in stored)
    assert len(worksheet.space.member_token_hash) == 64


def test_forged_ids_from_another_board_get_404(member, board, other_board):
    other_section = other_board.sections()[0]
    other_question = other_board.questions()[0]
    other_step = NextStep.objects.create(
        worksheet=other_board.worksheet,
        question=other_board.sections()[1].questions.get(),
        what="Hemmeligt",
    )
    key = board.key
    assert (
        member.get(reverse("reflections:section", args=[key, other_section.pk])).status_code == 404
    )
    response = member.post(
        reverse("reflections:autosave", args=[key, other_question.pk]),
        json.dumps({"scope": "own", "text": "ind ad bagdøren"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert (
        member.get(reverse("reflections:step_edit", args=[key, other_step.pk])).status_code == 404
    )
    assert member.get(reverse("reflections:worksheet", args=["ikke-et-ark"])).status_code == 404
    assert not other_question.answers.exists()


@pytest.mark.parametrize("name", [n for n in ENDPOINT_NAMES if n in {
    "join", "section-save", "autosave", "step-save", "rotate", "status", "delete", "prepare-save",
}])  # fmt: skip
def test_every_worksheet_post_needs_the_csrf_token(board, name):
    client = Client(enforce_csrf_checks=True)
    open_link(client, board.chair_link)
    _name, method, url, data, _chair_only = next(e for e in endpoints(board) if e[0] == name)
    response = request(client, method, url, data)
    assert response.status_code == 403
    assert Worksheet.objects.filter(pk=board.worksheet.pk, done_at__isnull=True).exists()


def test_collecting_and_creating_need_the_csrf_token(template, question_key="q-1"):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("reflections:collect"), {"pick": question_key}).status_code == 403
    assert client.post(reverse("reflections:create_own"), {}).status_code == 403
    assert client.post(template.get_absolute_url(), {}).status_code == 403
    assert not Worksheet.objects.exists()


def test_deleting_a_worksheet_removes_every_answer_and_locks_everyone_out(
    chair, member, board, missing_page
):
    question = board.questions()[0]
    member.post(
        reverse("reflections:autosave", args=[board.key, question.pk]),
        json.dumps({"scope": "own", "text": "Et svar"}),
        content_type="application/json",
    )
    from reflections.models import Answer, Participant, WorksheetQuestion

    assert Answer.objects.exists()
    response = chair.post(reverse("reflections:delete", args=[board.key]))
    assert response.status_code == 302
    assert not Worksheet.objects.filter(pk=board.worksheet.pk).exists()
    assert not Answer.objects.exists()
    assert not Participant.objects.filter(worksheet_id=board.worksheet.pk).exists()
    assert not WorksheetQuestion.objects.filter(worksheet_id=board.worksheet.pk).exists()
    assert page_body(member.get(board.worksheet.get_absolute_url())) == missing_page


@pytest.mark.parametrize("persona", STALE)
def test_a_save_with_a_renewed_link_says_why_and_saves_nothing(request_fixture, board, persona):
    client = request_fixture(persona)
    _name, method, url, data, _chair_only = next(e for e in endpoints(board) if e[0] == "autosave")
    response = request(client, method, url, data)
    assert response.status_code == 403
    body = response.json()
    assert body["status"] == "link_renewed"
    assert "fornyet" in body["message"] and "kopiér" in body["message"]
    assert not Answer.objects.exists()


def test_a_session_opened_with_an_old_chair_link_loses_member_access_too(old_chair, board):
    assert old_chair.get(reverse("reflections:worksheet", args=[board.key])).status_code == 404
    section = board.sections()[0].get_absolute_url()
    assert old_chair.get(section).status_code == 404
    assert board.key not in old_chair.get(reverse("reflections:index")).content.decode()
