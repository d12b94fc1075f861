"""Staff see worksheets as metadata only; answers need a permission; stale worksheets go."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reflections.models import Answer, BoardSpace, Participant, Worksheet, WorksheetQuestion

from .conftest import autosave

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "Vores fortrolige svar om skolegården"


@pytest.fixture
def answered(member, board):
    autosave(member, board, board.questions()[0], scope="own", text=SECRET_ANSWER)
    return board


@pytest.fixture
def staff(client):
    user = User.objects.create_user("medarbejder", password="kode-kode-123", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_worksheet"),
        Permission.objects.get(codename="view_answer"),
    )
    client.force_login(user)
    return client, user


def test_staff_see_worksheet_metadata_but_no_answers(staff, answered):
    client, _user = staff
    listing = client.get(reverse("admin:reflections_worksheet_changelist")).content.decode()
    assert "Skovvejens Skole" in listing
    assert SECRET_ANSWER not in listing
    page = client.get(
        reverse("admin:reflections_worksheet_change", args=[answered.worksheet.pk])
    ).content.decode()
    assert "Skovvejens Skole" in page and "Værdier i samarbejdet" in page
    assert SECRET_ANSWER not in page
    assert answered.worksheet.space.member_token_hash not in page
    assert client.get(reverse("admin:reflections_answer_changelist")).status_code == 403


def test_reading_answers_needs_the_dedicated_permission(staff, answered):
    client, user = staff
    user.user_permissions.add(Permission.objects.get(codename="read_answers"))
    listing = client.get(reverse("admin:reflections_answer_changelist"))
    assert listing.status_code == 200
    answer = Answer.objects.get()
    page = client.get(reverse("admin:reflections_answer_change", args=[answer.pk]))
    assert SECRET_ANSWER in page.content.decode()
    assert (
        client.post(reverse("admin:reflections_answer_delete", args=[answer.pk])).status_code == 403
    )


def test_editors_curate_templates_but_never_see_worksheets(editor_client, template, answered):
    group = Group.objects.get(name="Redaktør")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "add_worksheettemplate",
        "change_templatesection",
        "delete_templatequestion",
    } <= codenames
    assert not codenames & {"view_worksheet", "read_answers", "view_answer"}
    assert editor_client.get(reverse("admin:reflections_worksheettemplate_add")).status_code == 200
    change = reverse("admin:reflections_worksheettemplate_change", args=[template.pk])
    assert editor_client.get(change).status_code == 200
    section = template.sections.first()
    page = editor_client.get(reverse("admin:reflections_templatesection_change", args=[section.pk]))
    assert page.status_code == 200
    assert editor_client.get(reverse("admin:reflections_worksheet_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:reflections_answer_changelist")).status_code == 403


def test_the_template_changelist_has_a_bounded_number_of_queries(
    editor_client, template, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert (
            editor_client.get(reverse("admin:reflections_worksheettemplate_changelist")).status_code
            == 200
        )


def test_worksheets_untouched_for_24_months_are_deleted_with_all_answers(answered, other_board):
    stale = answered.worksheet
    BoardSpace.objects.filter(worksheets=stale).update(
        last_activity_at=timezone.now() - timedelta(days=2 * 365 + 1)
    )
    BoardSpace.objects.filter(worksheets=other_board.worksheet).update(
        last_activity_at=timezone.now() - timedelta(days=700)
    )
    call_command("delete_stale_worksheets", verbosity=0)
    assert not Worksheet.objects.filter(pk=stale.pk).exists()
    assert not Answer.objects.exists()
    assert not Participant.objects.filter(worksheet_id=stale.pk).exists()
    assert not WorksheetQuestion.objects.filter(worksheet_id=stale.pk).exists()
    assert Worksheet.objects.filter(pk=other_board.worksheet.pk).exists()


def test_the_retention_period_is_configurable_and_can_be_tried_first(board, settings):
    BoardSpace.objects.update(last_activity_at=timezone.now() - timedelta(days=100))
    call_command("delete_stale_worksheets", "--months", "6", verbosity=0)
    assert Worksheet.objects.exists()
    call_command("delete_stale_worksheets", "--months", "3", "--dry-run", verbosity=0)
    assert Worksheet.objects.exists()
    settings.WORKSHEET_RETENTION_MONTHS = 3
    call_command("delete_stale_worksheets", verbosity=0)
    assert not Worksheet.objects.exists()


def test_using_a_worksheet_counts_as_activity(member, board):
    BoardSpace.objects.update(last_activity_at=timezone.now() - timedelta(days=800))
    Worksheet.objects.update(last_activity_at=timezone.now() - timedelta(days=800))
    autosave(member, board, board.questions()[0], scope="own", text="Stadig i brug")
    call_command("delete_stale_worksheets", verbosity=0)
    assert Worksheet.objects.exists()
