"""An editor's workflow: bulk actions (publish, make draft, add a concept – one revision each)
and the dashboard's shortcuts."""

import pytest
import reversion
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Revision, Version

from tests.conftest import make_framework
from tests.values.spreadsheet_files import admin_url
from values.models import Concept, Framework, Item, Status, Theme


def run_action(client, model, action: str, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


@pytest.mark.django_db
def test_publishing_selected_themes_publishes_them_in_one_revision(editor_client):
    framework = make_framework(themes=3)
    Theme.objects.update(status=Status.DRAFT)
    chosen = list(framework.themes.order_by("position")[:2])
    response = run_action(editor_client, Theme, "publish", chosen)
    assert "2 temaer er offentliggjort." in said(response)
    assert sorted(Theme.objects.values_list("status", flat=True)) == [
        Status.DRAFT,
        Status.PUBLISHED,
        Status.PUBLISHED,
    ]
    revision = Revision.objects.get()
    assert revision.comment == "2 temaer er offentliggjort."
    assert revision.user is not None


@pytest.mark.django_db
def test_making_a_framework_a_draft_takes_it_off_the_public_pages(editor_client, client):
    framework = make_framework()
    page = client.get(framework.get_absolute_url())
    assert page.status_code == 200
    response = run_action(editor_client, Framework, "unpublish", [framework])
    assert "1 ramme er gjort til kladde." in said(response)
    framework.refresh_from_db()
    assert framework.status == Status.DRAFT
    assert client.get(framework.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_concept_is_added_to_the_selected_items(editor_client):
    concept = Concept.objects.create(name="Trivsel", description="At have det godt.")
    framework = make_framework(themes=1)
    items = list(Item.objects.filter(theme__framework=framework).order_by("pk")[:2])
    response = run_action(editor_client, Item, f"add_concept_{concept.pk}", items)
    assert "Begrebet “Trivsel” er tilføjet til 2 punkter." in said(response)
    assert set(Item.objects.filter(concepts=concept)) == set(items)
    assert Revision.objects.get().comment == "Begrebet “Trivsel” tilføjet."


@pytest.mark.django_db
def test_the_dashboard_leads_to_importing_and_adding_a_framework(editor_client):
    page = editor_client.get(reverse("admin_dashboard")).content.decode()
    assert (
        f'href="{reverse("admin:values_framework_workbook")}">Importér ramme fra regneark' in page
    )
    assert f'href="{reverse("admin:values_framework_add")}">Tilføj ramme' in page


@pytest.mark.django_db
def test_restoring_a_version_speaks_of_gendan_not_revertere(editor_client):
    framework = make_framework(themes=1)
    theme = framework.themes.get()
    with reversion.create_revision():
        theme.save()
    version = Version.objects.get_for_object(theme).get()
    url = reverse("admin:values_theme_revision", args=[theme.pk, version.pk])
    page = editor_client.get(url).content.decode()
    assert "Gendan" in page
    assert "evertere" not in page
