"""Deleting a worksheet leaves nothing behind: not in the database, not in any session."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reflections.models import Answer, BoardSpace, Participant, Worksheet

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db

NAMES = ("Formand Fie", "Medlem Mads", "Medlem Maja")


def stored_sessions() -> str:
    """Everything every stored session holds, as text."""
    return " ".join(str(session.get_decoded()) for session in Session.objects.all())


@pytest.fixture
def answered(board, chair, member):
    third = Client()
    open_link(third, board.member_link, "Medlem Maja")
    autosave(member, board, board.questions()[0], scope="own", text="Mit svar")
    chair.post(reverse("reflections:rotate", args=[board.key]), {"link": "member"})
    chair.get(reverse("reflections:manage", args=[board.key]))  # a page the chair left open
    before = stored_sessions()
    assert all(name in before for name in NAMES) and board.key in before
    return board


def assert_nothing_left(board, other_board) -> None:
    left = stored_sessions()
    assert board.key not in left
    for name in NAMES:
        assert name not in left, name
    assert board.worksheet.space.member_token_hash not in left
    assert not Worksheet.objects.filter(pk=board.worksheet.pk).exists()
    assert not Participant.objects.filter(worksheet_id=board.worksheet.pk).exists()
    # Another board's entries stay.
    assert other_board.key in left and "Anden Anna" in left


def test_a_chair_deleting_leaves_no_name_in_any_session(
    answered, chair, other_board, other_boards_chair
):
    response = chair.post(reverse("reflections:delete", args=[answered.key]))
    assert response.status_code == 302
    assert_nothing_left(answered, other_board)


def test_the_retention_command_leaves_no_name_in_any_session(
    answered, other_board, other_boards_chair
):
    BoardSpace.objects.filter(worksheets=answered.worksheet).update(
        last_activity_at=timezone.now() - timedelta(days=2 * 365 + 1)
    )
    call_command("delete_stale_worksheets", verbosity=0)
    assert_nothing_left(answered, other_board)


@pytest.fixture
def data_protection_officer() -> Client:
    user = User.objects.create_user("dpo", password="x-kode-123", is_staff=True)
    for codename in ("view_worksheet", "delete_worksheet"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_staff_with_the_permission_erase_a_worksheet_from_the_admin(
    answered, other_board, other_boards_chair, data_protection_officer, caplog
):
    url = reverse("admin:reflections_worksheet_delete", args=[answered.worksheet.pk])
    confirm = data_protection_officer.get(url)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Skovvejens Skole" in page
    assert not any(name in page for name in NAMES)  # counts, not names
    response = data_protection_officer.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Answer.objects.filter(worksheet_id=answered.worksheet.pk).exists()
    assert_nothing_left(answered, other_board)
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert entry.user.username == "dpo" and "Skovvejens Skole" in entry.object_repr
    assert any("worksheet_deleted by=dpo" in record.getMessage() for record in caplog.records)


def test_the_delete_action_erases_several_worksheets(
    answered, other_board, data_protection_officer
):
    response = data_protection_officer.post(
        reverse("admin:reflections_worksheet_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [answered.worksheet.pk, other_board.worksheet.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Worksheet.objects.exists()
    assert "Formand Fie" not in stored_sessions()


def test_staff_without_the_permission_cannot_delete(answered):
    user = User.objects.create_user("laeser", password="x-kode-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_worksheet"))
    client = Client()
    client.force_login(user)
    url = reverse("admin:reflections_worksheet_delete", args=[answered.worksheet.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Worksheet.objects.filter(pk=answered.worksheet.pk).exists()
