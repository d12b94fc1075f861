"""Draft changes: an edit of published content saved without going live, previewed by its
editor, then published (in one revision) or rejected; approval by a second editor; scheduled
publishing; and an editor of another publisher reaching none of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from tests.conftest import make_framework
from tests.values.spreadsheet_files import csv_bytes, upload
from tests.values.test_editor_workflow import said
from tests.values.test_history import change_theme
from tests.values.test_import_exact import ITEM_HEADER
from tests.values.test_import_export_workbook import (
    SIXTH,
    concepts,
    confirm,
    filled_template,
    preview,
)
from tests.values.test_publisher_access import staff_editor
from values.models import DraftChange, DraftConflict, Framework, Item, Publisher, Status, Theme
from values.spreadsheets import workbook

__all__ = ["concepts"]  # a fixture shared with the workbook's tests

NEW_BODY = "Ny tekst om forældremøder, som endnu ikke er offentlig."


def save_draft(client, theme, **changes):
    change_theme(client, theme, _save_draft="Gem som kladdeændring", **changes)
    return DraftChange.objects.pending().get()


def draft_url(draft, action="change"):
    return reverse(f"admin:values_draftchange_{action}", args=[draft.pk])


@pytest.fixture
def public() -> Client:
    """An anonymous visitor (the `client` fixture is the editor's own browser)."""
    return Client()


@pytest.fixture
def theme(db):
    return make_framework(themes=1).themes.get()


@pytest.fixture
def colleague(db) -> User:
    """A second editor of Ballerup, who may approve the first editor's publish."""
    user = staff_editor("kollega")
    Publisher.objects.get(name="Ballerup Kommune").editors.add(user)
    return user


@pytest.fixture
def outsider(db) -> User:
    """Vejle's editor: Ballerup's drafts must not exist for them."""
    user = staff_editor("vejle")
    Publisher.objects.get_or_create(name="Vejle Kommune")[0].editors.add(user)
    return user


@pytest.mark.django_db
def test_a_draft_change_does_not_reach_the_public_page(editor_client, public, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    theme.refresh_from_db()
    assert theme.body != NEW_BODY
    assert draft.changes == {"body": NEW_BODY}
    assert NEW_BODY not in public.get(theme.get_absolute_url()).content.decode()
    assert not Version.objects.get_for_object(theme).exists()


@pytest.mark.django_db
def test_the_editor_previews_the_draft_on_the_public_page(editor_client, public, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    response = editor_client.post(draft_url(draft, "preview"))
    assert response["Location"] == theme.get_absolute_url()
    page = editor_client.get(theme.get_absolute_url())
    assert NEW_BODY in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert NEW_BODY not in public.get(theme.get_absolute_url()).content.decode()
    theme.refresh_from_db()
    assert theme.body != NEW_BODY


@pytest.mark.django_db
def test_publishing_a_draft_applies_it_in_one_revision(editor_client, public, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY, title="Nyt navn")
    page = editor_client.get(draft_url(draft)).content.decode()
    assert "Nyt</ins>" in page and "Offentliggør" in page
    response = editor_client.post(draft_url(draft, "publish"), follow=True)
    assert "Ændringen er offentliggjort." in said(response)
    theme.refresh_from_db()
    assert (theme.body, theme.title) == (NEW_BODY, "Nyt navn")
    assert NEW_BODY in public.get(theme.get_absolute_url()).content.decode()
    assert Revision.objects.get().comment == "Kladdeændring offentliggjort."
    draft.refresh_from_db()
    assert draft.state == DraftChange.State.PUBLISHED


@pytest.mark.django_db
def test_rejecting_a_draft_leaves_the_content_as_it_was(editor_client, theme):
    before = theme.body
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    response = editor_client.post(draft_url(draft, "reject"), follow=True)
    assert "Kladdeændringen er afvist. Indholdet er uændret." in said(response)
    theme.refresh_from_db()
    assert theme.body == before
    assert DraftChange.objects.get().state == DraftChange.State.REJECTED


@pytest.mark.django_db
def test_saving_a_draft_twice_keeps_one_draft_with_both_changes(editor_client, theme):
    save_draft(editor_client, theme, body=NEW_BODY)
    draft = save_draft(editor_client, theme, lead="Ny kort indledning.")
    assert draft.changes == {"body": NEW_BODY, "lead": "Ny kort indledning."}


@pytest.mark.django_db
def test_publishing_refuses_to_overwrite_a_later_direct_change(editor_client, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    change_theme(editor_client, theme, body="Rettet direkte imens.")
    response = editor_client.post(draft_url(draft, "publish"), follow=True)
    assert any("Ændret direkte siden kladden blev gemt: tekst." in m for m in said(response))
    theme.refresh_from_db()
    assert theme.body == "Rettet direkte imens."


@pytest.mark.django_db
def test_a_draft_of_a_status_change_takes_the_theme_off_the_site_only_when_published(
    editor_client, public, theme
):
    draft = save_draft(editor_client, theme, status=Status.DRAFT)
    assert public.get(theme.get_absolute_url()).status_code == 200
    editor_client.post(draft_url(draft, "publish"))
    assert public.get(theme.get_absolute_url()).status_code == 404


# Approval -----------------------------------------------------------------------------------


@pytest.fixture
def needs_approval(theme):
    Publisher.objects.filter(name="Ballerup Kommune").update(publish_needs_approval=True)


@pytest.mark.django_db
def test_with_approval_every_save_of_live_content_is_a_draft(editor_client, theme, needs_approval):
    page = editor_client.get(reverse("admin:values_theme_change", args=[theme.pk]))
    assert 'name="_save"' not in page.content.decode()
    change_theme(editor_client, theme, body=NEW_BODY)  # the plain save button, sent anyway
    theme.refresh_from_db()
    assert theme.body != NEW_BODY
    assert DraftChange.objects.pending().get().changes == {"body": NEW_BODY}


@pytest.mark.django_db
def test_a_second_editor_approves_what_the_first_sends(
    editor_client, client, theme, needs_approval, colleague
):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    response = editor_client.post(draft_url(draft, "publish"), follow=True)
    assert "Ændringen er sendt til godkendelse hos en anden redaktør." in said(response)
    response = editor_client.post(draft_url(draft, "publish"), follow=True)
    assert "En anden redaktør hos udgiveren skal godkende ændringen." in said(response)
    theme.refresh_from_db()
    assert theme.body != NEW_BODY

    client.force_login(colleague)
    assert "Godkend og offentliggør" in client.get(draft_url(draft)).content.decode()
    response = client.post(draft_url(draft, "publish"), follow=True)
    assert "Ændringen er offentliggjort." in said(response)
    theme.refresh_from_db()
    assert theme.body == NEW_BODY
    draft.refresh_from_db()
    assert (draft.requested_by.username, draft.decided_by) == ("redaktoer", colleague)


@pytest.mark.django_db
def test_an_editor_of_another_publisher_cannot_approve(
    editor_client, client, theme, needs_approval, outsider
):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    editor_client.post(draft_url(draft, "publish"))
    client.force_login(outsider)
    assert client.post(draft_url(draft, "publish")).status_code == 404
    theme.refresh_from_db()
    assert theme.body != NEW_BODY
    assert DraftChange.objects.get().state == DraftChange.State.AWAITING_APPROVAL


# Scheduling ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_scheduled_draft_is_published_by_the_command_when_its_time_comes(editor_client, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    later = timezone.now() + timedelta(hours=2)
    DraftChange.objects.filter(pk=draft.pk).update(publish_at=later)
    response = editor_client.post(draft_url(draft, "publish"), follow=True)
    assert any(m.startswith("Ændringen offentliggøres ") for m in said(response))
    call_command("publish_scheduled", verbosity=0)
    theme.refresh_from_db()
    assert theme.body != NEW_BODY

    DraftChange.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(1))
    call_command("publish_scheduled", verbosity=0)
    theme.refresh_from_db()
    assert theme.body == NEW_BODY


@pytest.mark.django_db
def test_a_due_draft_is_published_when_an_editor_opens_the_drafts(editor_client, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    DraftChange.objects.filter(pk=draft.pk).update(
        state=DraftChange.State.SCHEDULED, publish_at=timezone.now() - timedelta(minutes=1)
    )
    editor_client.get(reverse("admin:values_draftchange_changelist"))
    theme.refresh_from_db()
    assert theme.body == NEW_BODY


@pytest.mark.django_db
def test_scheduled_unpublishing_takes_a_theme_off_the_site_at_its_time(
    editor_client, public, theme
):
    draft = save_draft(editor_client, theme, status=Status.DRAFT)
    draft.publish_at = timezone.now() + timedelta(days=1)
    draft.save()
    editor_client.post(draft_url(draft, "publish"))
    assert public.get(theme.get_absolute_url()).status_code == 200
    call_command("publish_scheduled", verbosity=0)
    assert public.get(theme.get_absolute_url()).status_code == 200
    call_command("publish_scheduled", verbosity=0, now=draft.publish_at + timedelta(1))
    assert Theme.objects.get(pk=theme.pk).status == Status.DRAFT


# Another publisher's editor -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["change", "publish", "reject", "preview"])
def test_an_editor_of_another_publisher_reaches_no_draft(
    editor_client, client, theme, outsider, action
):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    client.force_login(outsider)
    if action == "change":
        assert client.get(draft_url(draft)).status_code == 404
        later = {"publish_at": "2030-01-01T10:00", "_save": "1"}
        assert client.post(draft_url(draft), later).status_code == 404
        assert DraftChange.objects.get().publish_at is None
    else:
        assert client.post(draft_url(draft, action)).status_code == 404
    listed = client.get(reverse("admin:values_draftchange_changelist")).content.decode()
    assert theme.title not in listed
    draft.refresh_from_db()
    assert draft.state == DraftChange.State.OPEN
    theme.refresh_from_db()
    assert theme.body != NEW_BODY


@pytest.mark.django_db
def test_an_outsider_previewing_sees_no_draft_of_another_publisher(
    editor_client, client, theme, outsider
):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    client.force_login(outsider)
    client.post(reverse("admin:values_preview_on"), {"next": "/"})
    session = client.session
    session["values_preview_draft"] = draft.pk  # as if they forged it
    session.save()
    assert NEW_BODY not in client.get(theme.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_deleting_the_content_deletes_its_drafts(editor_client, theme):
    save_draft(editor_client, theme, body=NEW_BODY)
    theme.delete()
    assert not DraftChange.objects.exists()


# Queries ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_draft_pages_take_a_fixed_number_of_queries(
    editor_client, theme, django_assert_num_queries
):
    draft = save_draft(editor_client, theme, body=NEW_BODY, title="Nyt navn")
    editor_client.get(draft_url(draft))  # content types are cached per process after this
    with django_assert_num_queries(8):
        editor_client.get(draft_url(draft))
    other = make_framework(title="Anden ramme", themes=1).themes.get()
    save_draft_of_another = change_theme  # a second draft must not add queries to the list
    save_draft_of_another(editor_client, other, _save_draft="1", body=NEW_BODY)
    with django_assert_num_queries(9):
        editor_client.get(reverse("admin:values_draftchange_changelist"))


@pytest.mark.django_db
def test_a_draft_published_already_is_not_published_again(editor_client, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    stale = DraftChange.objects.get(pk=draft.pk)  # another server's copy, read before publishing
    draft.publish()
    with pytest.raises(DraftConflict):
        stale.publish()
    assert DraftChange.objects.get(pk=draft.pk).state == DraftChange.State.PUBLISHED
    assert Revision.objects.count() == 1


@pytest.mark.django_db
def test_a_bulk_publish_needing_approval_waits_for_another_editor(
    editor_client, theme, needs_approval
):
    Theme.objects.filter(pk=theme.pk).update(status=Status.DRAFT)
    response = editor_client.post(
        reverse("admin:values_theme_changelist"),
        {"action": "publish", "_selected_action": [theme.pk]},
        follow=True,
    )
    assert "1 tema er sendt til godkendelse hos en anden redaktør." in said(response)
    assert Theme.objects.get(pk=theme.pk).status == Status.DRAFT
    draft = DraftChange.objects.get()
    assert (draft.state, draft.changes) == (
        DraftChange.State.AWAITING_APPROVAL,
        {"status": Status.PUBLISHED},
    )


@pytest.mark.django_db
def test_changing_a_draft_sent_for_approval_needs_approval_again(
    editor_client, theme, needs_approval
):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    editor_client.post(draft_url(draft, "publish"))
    draft = save_draft(editor_client, theme, lead="Også en ny indledning.")
    assert (draft.state, draft.requested_by) == (DraftChange.State.OPEN, None)


# Imports ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_import_cannot_change_live_content_that_needs_approval(
    editor_client, theme, needs_approval
):
    item = theme.items.filter(parent__isnull=False).first()
    framework = theme.framework
    row = [item.pk, framework.slug, theme.slug, "Udsagn", "", item.text]
    unchanged = upload(editor_client, Item, csv_bytes(ITEM_HEADER, [row]), "punkter.csv")
    assert "0 nye, 0 ændres og 1 er uændrede" in unchanged.content.decode()

    row[-1] = "Rettet ved import."
    changed = upload(editor_client, Item, csv_bytes(ITEM_HEADER, [row]), "punkter.csv")
    page = changed.content.decode()
    assert "en import kan ikke godkendes" in page
    assert not changed.context.get("confirm_form")
    item.refresh_from_db()
    assert item.text != "Rettet ved import."


@pytest.mark.django_db
def test_a_workbook_cannot_change_a_published_framework_that_needs_approval(
    editor_client, concepts
):
    confirm(editor_client, preview(editor_client, filled_template(editor_client, SIXTH)))
    framework = Framework.objects.get(title="Sammen om skolen")
    Framework.objects.filter(pk=framework.pk).update(status=Status.PUBLISHED)
    Publisher.objects.filter(pk=framework.publisher_id).update(publish_needs_approval=True)

    edited = {key: [dict(row) for row in rows] for key, rows in SIXTH.items()}
    edited[workbook.ITEMS_SHEET][1]["Tekst"] = "Rettet i regnearket."
    response = preview(editor_client, filled_template(editor_client, edited))
    assert "en import kan ikke godkendes" in response.content.decode()
    assert not response.context.get("token")
    assert not Item.objects.filter(text="Rettet i regnearket.").exists()


@pytest.mark.django_db
def test_moving_live_content_that_needs_approval_is_refused(editor_client, needs_approval):
    framework = Framework.objects.get()
    make_framework(themes=2, title="To temaer")  # Ballerup's too, so it needs approval
    first, second = Theme.objects.exclude(framework=framework).order_by("position")
    url = reverse("admin:values_theme_move", args=[second.pk, "op"])
    response = editor_client.post(url, follow=True)
    assert any("Udgiveren kræver godkendelse" in m for m in said(response))
    second.refresh_from_db()
    assert second.position == 2


@pytest.mark.django_db
def test_editable_positions_of_content_needing_approval_become_drafts(
    editor_client, theme, needs_approval
):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": theme.pk,
        "form-0-position": "7",
        "_save": "Gem",
    }
    editor_client.post(reverse("admin:values_theme_changelist"), data)
    theme.refresh_from_db()
    assert theme.position != 7
    assert DraftChange.objects.pending().get().changes == {"position": "7"}


@pytest.mark.django_db
def test_the_editor_sets_the_time_on_the_drafts_page_and_schedules_it(editor_client, theme):
    draft = save_draft(editor_client, theme, status=Status.DRAFT)
    response = editor_client.post(
        draft_url(draft), {"publish_at": "2030-01-01T10:00", "_save": "1"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert timezone.localtime(draft.publish_at).strftime("%Y-%m-%d %H:%M") == "2030-01-01 10:00"
    page = editor_client.get(draft_url(draft)).content.decode()
    assert "Planlæg offentliggørelse" in page
    response = editor_client.post(draft_url(draft, "publish"), follow=True)
    assert any("Ændringen offentliggøres 1. januar 2030 10:00." in m for m in said(response))
    assert DraftChange.objects.get().state == DraftChange.State.SCHEDULED


@pytest.mark.django_db
def test_the_admin_form_shows_the_live_text_while_a_draft_is_previewed(editor_client, theme):
    draft = save_draft(editor_client, theme, body=NEW_BODY)
    editor_client.post(draft_url(draft, "preview"))
    assert NEW_BODY in editor_client.get(theme.get_absolute_url()).content.decode()
    form = editor_client.get(reverse("admin:values_theme_change", args=[theme.pk]))
    assert form.context["adminform"].form.initial["body"] == theme.body
