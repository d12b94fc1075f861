"""Deleting a next step can be undone, and the board sees who deleted it."""

import pytest
from django.urls import reverse

from reflections.models import NextStep

from .html_forms import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(board):
    steps_question = board.questions()[2]
    return NextStep.objects.create(
        worksheet=board.worksheet, question=steps_question, what="Holde åbent hus", position=1
    )


def post_section(client, board, **extra):
    url = board.sections()[1].get_absolute_url()
    fields = form_fields(client.get(url).content.decode(), "data-autosave-form")
    return client.post(url, {**fields, **extra})


def test_a_deleted_step_leaves_the_lists_and_says_who_deleted_it(member, chair, board, step):
    response = post_section(member, board, delete_step=str(step.pk))
    assert response.status_code == 302
    stored = NextStep.with_deleted.get(pk=step.pk)
    assert stored.deleted_by == "Medlem Mads" and stored.deleted_at is not None
    assert not NextStep.objects.exists()
    page = chair.get(board.sections()[1].get_absolute_url()).content.decode()
    assert "Slettede skridt (1)" in page
    assert 'slettet af <span lang="da">Medlem Mads</span>' in page
    assert "Fortryd sletningen" in page
    result = chair.get(reverse("reflections:result", args=[board.key])).content.decode()
    assert "Holde åbent hus" not in result
    assert "Holde åbent hus" not in chair.get(
        reverse("reflections:export_csv", args=[board.key])
    ).content.decode("utf-8-sig")


def test_anyone_on_the_board_can_undo_the_deletion(member, chair, board, step):
    post_section(member, board, delete_step=str(step.pk))
    response = post_section(chair, board, restore_step=str(step.pk))
    assert response.status_code == 302
    restored = NextStep.objects.get()
    assert (restored.what, restored.deleted_by) == ("Holde åbent hus", "")
    page = chair.get(board.sections()[1].get_absolute_url()).content.decode()
    assert "Slettede skridt" not in page


def test_another_boards_step_can_be_neither_deleted_nor_restored(
    other_boards_chair, other_board, board, step
):
    post_section(other_boards_chair, other_board, delete_step=str(step.pk))
    assert NextStep.objects.get().deleted_at is None
    NextStep.objects.update(deleted_by="Mads")
    NextStep.objects.update(deleted_at="2026-01-01T00:00:00Z")
    post_section(other_boards_chair, other_board, restore_step=str(step.pk))
    assert NextStep.with_deleted.get().deleted_at is not None


def test_a_deleted_step_cannot_be_edited(member, board, step):
    post_section(member, board, delete_step=str(step.pk))
    url = reverse("reflections:step_edit", args=[board.key, step.pk])
    assert member.get(url).status_code == 404


def test_the_step_form_and_the_delete_button_work_without_javascript(member, board, step):
    page = member.get(board.sections()[1].get_absolute_url()).content.decode()
    assert f'name="delete_step" value="{step.pk}"' in page
