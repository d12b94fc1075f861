"""The overview leads to action: the editor's drafts with preview and publish buttons, content
that needs attention, change sets since the last visit – and nothing of another publisher's."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from portal.models import DashboardVisit
from tests.conftest import make_framework
from tests.values.test_history import change_theme
from values.models import DraftChange, Item, Publisher, Status

URL = "/admin/oversigt/"


@pytest.fixture
def vejle(db):
    """Another publisher's framework, with a draft, an item without concepts and a change."""
    framework = make_framework(title="Vejles hemmelige udkast", publisher="Vejle Kommune")
    theme = framework.themes.first()
    theme.lead = ""
    with reversion.create_revision():
        theme.save()
    Item.objects.create(theme=theme, kind=Item.Kind.STATEMENT, text="Vejles løse punkt")
    make_framework(title="Vejles kladderamme", publisher="Vejle Kommune", status=Status.DRAFT)
    return framework


@pytest.mark.django_db
def test_the_editor_sees_own_draft_changes_with_preview_and_publish(editor_client, framework):
    theme = framework.themes.first()
    change_theme(editor_client, theme, _save_draft="1", body="Ny tekst til kladden.")
    draft = DraftChange.objects.get()
    html = editor_client.get(URL).content.decode()
    section = html.split('id="drafts-heading"', 1)[1].split("</section>", 1)[0]
    assert reverse("admin:values_draftchange_change", args=[draft.pk]) in section
    assert reverse("admin:values_draftchange_preview", args=[draft.pk]) in section
    assert reverse("admin:values_draftchange_publish", args=[draft.pk]) in section


@pytest.mark.django_db
def test_draft_frameworks_are_listed_with_a_preview_button(editor_client):
    draft = make_framework(title="Solrøds udkast", publisher="Solrød Kommune", status="draft")
    html = editor_client.get(URL).content.decode()
    section = html.split('id="drafts-heading"', 1)[1].split("</section>", 1)[0]
    assert "Solrøds udkast" in section
    assert f'name="next" value="{draft.get_absolute_url()}"' in section


@pytest.mark.django_db
def test_content_needing_attention_is_listed_with_links(editor_client, framework):
    theme = framework.themes.first()
    theme.lead = ""
    theme.save()
    html = editor_client.get(URL).content.decode()
    section = html.split('id="attention-heading"', 1)[1].split("</section>", 1)[0]
    assert "Temaer uden kort indledning" in section
    assert reverse("admin:values_theme_change", args=[theme.pk]) in section
    assert "Punkter uden begreber" in section  # the test framework's items have none


@pytest.mark.django_db
def test_one_line_per_change_set_and_what_is_new_since_the_last_visit(editor_client, editor):
    framework = make_framework(themes=1)
    items = list(Item.objects.filter(theme__framework=framework))
    with reversion.create_revision():
        reversion.set_comment("Importeret fra filen punkter.xlsx.")
        for item in items:
            item.save()
    editor_client.get(URL)
    DashboardVisit.objects.filter(user=editor).update(
        seen_at=DashboardVisit.objects.get(user=editor).seen_at - timedelta(minutes=5)
    )
    html = editor_client.get(URL).content.decode()
    recent = html.split('id="recent-heading"', 1)[1].split("</section>", 1)[0]
    assert recent.count("Importeret fra filen punkter.xlsx.") == 1
    assert f"og {len(items) - 1} andre" in recent
    assert "1 ændring siden dit sidste besøg" in recent


@pytest.mark.django_db
def test_another_publishers_content_is_nowhere_on_the_overview(editor_client, framework, vejle):
    html = editor_client.get(URL).content.decode()
    for secret in ("Vejles hemmelige udkast", "Vejles kladderamme", "Vejles løse punkt"):
        assert secret not in html
    assert vejle.themes.first().title not in html


@pytest.mark.django_db
def test_another_publishers_editor_does_not_see_ballerups_draft_changes(client, framework):
    editor = User.objects.create_user("vejle", password="kode-kode-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktør"))
    Publisher.objects.get_or_create(name="Vejle Kommune")[0].editors.add(editor)
    ballerup = User.objects.create_superuser("admin", "a@example.dk", "kode-kode-123")
    client.force_login(ballerup)
    theme = framework.themes.first()
    change_theme(client, theme, _save_draft="1", body="Ballerups kladde.")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert theme.title not in html
    assert "Ingen kladder venter." in html


@pytest.mark.django_db
def test_a_draft_framework_is_published_from_the_overview(editor_client):
    draft = make_framework(title="Solrøds udkast", publisher="Solrød Kommune", status="draft")
    html = editor_client.get(URL).content.decode()
    section = html.split('id="drafts-heading"', 1)[1].split("</section>", 1)[0]
    assert f'name="_selected_action" value="{draft.pk}"' in section
    editor_client.post(
        reverse("admin:values_framework_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


@pytest.mark.django_db
def test_a_due_scheduled_draft_is_published_when_the_overview_opens(editor_client, framework):
    theme = framework.themes.first()
    change_theme(editor_client, theme, _save_draft="1", body="Planlagt tekst.")
    DraftChange.objects.update(
        state=DraftChange.State.SCHEDULED, publish_at=timezone.now() - timedelta(minutes=1)
    )
    editor_client.get(URL)
    theme.refresh_from_db()
    assert theme.body == "Planlagt tekst."
