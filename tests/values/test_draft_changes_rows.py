"""Draft changes reach the lists below a form: a changed item or question in the theme's form
becomes a draft change of its own, what a draft cannot hold (a new or deleted row, a material) is
refused with everything typed kept; restoring a version of content that needs approval
becomes a draft change for a second editor; and the preview shows drafted concepts and keeps a
drafted new address working until it is published."""

from __future__ import annotations

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from tests.conftest import make_framework
from tests.values.test_draft_changes import colleague, needs_approval, public
from tests.values.test_editor_workflow import said
from values.models import Concept, DraftChange, Item, Material, Publisher, Theme

__all__ = ["colleague", "needs_approval", "public"]  # fixtures shared with the drafts' tests

NEW_TEXT = "Vi svarer på beskeder inden for to skoledage."
DRAFT = {"_save_draft": "Gem som kladdeændring"}


@pytest.fixture
def theme(db):
    theme = make_framework(themes=1).themes.get()
    Material.objects.create(
        theme=theme, title="Folder om skole-hjem", url="https://example.dk/f", source="EVA"
    )
    return theme


def change_url(theme) -> str:
    return reverse("admin:values_theme_change", args=[theme.pk])


def as_sent(response) -> dict:
    """What the browser sends back from the theme's change form, untouched: the theme's fields
    and every row of the lists below it."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def row_of(response, model, pk) -> str:
    """The form prefix of `model`'s row showing the object `pk`."""
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if isinstance(form.instance, model) and form.instance.pk == pk:
                return form.prefix
    raise AssertionError(f"no row for {model.__name__} {pk}")


@pytest.mark.django_db
def test_a_changed_item_in_the_themes_form_is_a_draft_of_that_item(editor_client, public, theme):
    item = theme.items.first()
    form = editor_client.get(change_url(theme))
    data = as_sent(form) | DRAFT | {f"{row_of(form, Item, item.pk)}-text": NEW_TEXT}
    response = editor_client.post(change_url(theme), data)
    draft = DraftChange.objects.pending().get()
    assert response["Location"] == reverse("admin:values_draftchange_change", args=[draft.pk])
    assert draft.target() == item and draft.changes == {"text": NEW_TEXT}
    item.refresh_from_db()
    assert item.text != NEW_TEXT
    assert NEW_TEXT not in public.get(theme.get_absolute_url()).content.decode()
    editor_client.post(reverse("admin:values_draftchange_publish", args=[draft.pk]))
    item.refresh_from_db()
    assert item.text == NEW_TEXT
    assert NEW_TEXT in public.get(theme.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_theme_and_a_question_changed_together_are_two_drafts(editor_client, theme):
    question = theme.questions.first()
    form = editor_client.get(change_url(theme))
    prefix = row_of(form, type(question), question.pk)
    data = as_sent(form) | DRAFT | {"lead": "Ny indledning.", f"{prefix}-text": "Hvordan?"}
    response = editor_client.post(change_url(theme), data, follow=True)
    assert "Ændringerne er gemt som 2 kladdeændringer" in " ".join(said(response))
    drafts = {d.target(): d.changes for d in DraftChange.objects.pending()}
    assert drafts == {theme: {"lead": "Ny indledning."}, question: {"text": "Hvordan?"}}
    theme.refresh_from_db()
    question.refresh_from_db()
    assert (theme.lead, question.text) != ("Ny indledning.", "Hvordan?")


@pytest.mark.django_db
def test_a_new_row_cannot_be_a_draft_and_nothing_typed_is_lost(editor_client, theme):
    form = editor_client.get(change_url(theme))
    data = as_sent(form) | DRAFT | {"lead": "Ny indledning."}
    prefix = next(
        i.formset.prefix for i in form.context["inline_admin_formsets"] if i.formset.model is Item
    )
    new = int(data[f"{prefix}-TOTAL_FORMS"])
    data |= {
        f"{prefix}-TOTAL_FORMS": str(new + 1),
        f"{prefix}-{new}-kind": "example",
        f"{prefix}-{new}-text": NEW_TEXT,
        f"{prefix}-{new}-position": "9",
    }
    response = editor_client.post(change_url(theme), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "En kladdeændring kan ikke tilføje eller slette punkter." in page
    assert NEW_TEXT in page and "Ny indledning." in page
    assert not DraftChange.objects.exists()
    assert not theme.items.filter(text=NEW_TEXT).exists()


@pytest.mark.django_db
def test_a_deleted_row_and_a_changed_material_are_refused_as_drafts(editor_client, theme):
    item, material = theme.items.first(), theme.materials.get()
    form = editor_client.get(change_url(theme))
    deleted = as_sent(form) | DRAFT | {f"{row_of(form, Item, item.pk)}-DELETE": "on"}
    response = editor_client.post(change_url(theme), deleted)
    assert "En kladdeændring kan ikke tilføje eller slette punkter." in response.content.decode()
    changed = as_sent(form) | DRAFT | {f"{row_of(form, Material, material.pk)}-title": "Ny"}
    response = editor_client.post(change_url(theme), changed)
    assert "kan ikke gemmes som kladde" in response.content.decode()
    assert Item.objects.filter(pk=item.pk).exists() and not DraftChange.objects.exists()
    material.refresh_from_db()
    assert material.title == "Folder om skole-hjem"


@pytest.mark.django_db
def test_with_approval_a_row_saved_with_the_plain_button_waits_as_a_draft(
    editor_client, theme, needs_approval
):
    item = theme.items.first()
    form = editor_client.get(change_url(theme))
    data = as_sent(form) | {"_save": "Gem", f"{row_of(form, Item, item.pk)}-text": NEW_TEXT}
    editor_client.post(change_url(theme), data)
    item.refresh_from_db()
    assert item.text != NEW_TEXT
    assert DraftChange.objects.pending().get().changes == {"text": NEW_TEXT}


@pytest.mark.django_db
def test_with_approval_restoring_a_version_waits_for_a_second_editor(
    editor_client, client, theme, needs_approval, colleague
):
    with reversion.create_revision():
        theme.save()
    version = Version.objects.get_for_object(theme).get()
    Theme.objects.filter(pk=theme.pk).update(body="Senere tekst.")
    url = reverse("admin:values_theme_revision", args=[theme.pk, version.pk])
    response = editor_client.post(url, {}, follow=True)
    assert any("Versionen er gemt som kladdeændring" in m for m in said(response))
    theme.refresh_from_db()
    assert theme.body == "Senere tekst."
    draft = DraftChange.objects.pending().get()
    assert draft.changes == {"body": version.field_dict["body"]}
    publish = reverse("admin:values_draftchange_publish", args=[draft.pk])
    editor_client.post(publish)  # sent for approval
    client.force_login(colleague)
    client.post(publish)  # approved by the second editor
    theme.refresh_from_db()
    assert theme.body == version.field_dict["body"]
    assert Publisher.objects.get(name="Ballerup Kommune").publish_needs_approval


def preview(client, draft):
    client.post(reverse("admin:values_draftchange_preview", args=[draft.pk]))


@pytest.mark.django_db
def test_the_preview_shows_the_drafted_concepts(editor_client, public, theme):
    chosen = Concept.objects.create(name="Tillidsfuld dialog", description="Dialog.")
    form = editor_client.get(change_url(theme))
    response = editor_client.post(
        change_url(theme), as_sent(form) | DRAFT | {"concepts": chosen.pk}
    )
    draft = DraftChange.objects.pending().get()
    assert response.status_code == 302 and draft.changes == {"concepts": [chosen.pk]}
    preview(editor_client, draft)
    assert "Tillidsfuld dialog" in editor_client.get(theme.get_absolute_url()).content.decode()
    assert "Tillidsfuld dialog" not in public.get(theme.get_absolute_url()).content.decode()
    assert not theme.concepts.exists()


@pytest.mark.django_db
def test_a_drafted_new_address_is_previewed_at_the_working_old_one(editor_client, theme):
    old = theme.get_absolute_url()
    form = editor_client.get(change_url(theme))
    data = as_sent(form) | DRAFT | {"title": "Dialog og tillid", "slug": "dialog-og-tillid"}
    editor_client.post(change_url(theme), data)
    preview(editor_client, DraftChange.objects.pending().get())
    framework_page = editor_client.get(theme.framework.get_absolute_url()).content.decode()
    assert "Dialog og tillid" in framework_page and f'href="{old}"' in framework_page
    assert "dialog-og-tillid" not in framework_page
    page = editor_client.get(old)
    assert page.status_code == 200 and "Dialog og tillid" in page.content.decode()
