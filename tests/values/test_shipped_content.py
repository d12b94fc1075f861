"""History from the first version, and shipped content that never overwrites an editor."""

import pytest
import reversion
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version

from tests.values.spreadsheet_files import admin_url, csv_bytes, upload
from tests.values.test_import_export_workbook import SIXTH, confirm, filled_template, preview
from values import shipped
from values.models import Concept, Framework, Item, Theme


def first_version(obj) -> Version:
    return Version.objects.get_for_object(obj).order_by("pk").first()


@pytest.mark.django_db
def test_loading_the_content_gives_every_shipped_record_a_first_version():
    call_command("load_content", verbosity=0)
    assert Revision.objects.count() == 1
    assert Revision.objects.get().comment == "Indlæst fra kildedokumentet"
    for model in (Concept, Framework, Theme, Item):
        obj = model.objects.order_by("?").first()
        assert first_version(obj).revision.comment == "Indlæst fra kildedokumentet"


@pytest.mark.django_db
def test_an_editors_first_change_to_a_shipped_text_can_be_reverted():
    call_command("load_content", verbosity=0)
    theme = Theme.objects.order_by("pk").first()
    shipped_title = theme.title
    theme.title = "Et redaktørs fejltrin"
    theme.save()
    first_version(theme).revert()
    theme.refresh_from_db()
    assert theme.title == shipped_title


@pytest.mark.django_db
def test_loading_again_keeps_an_editors_changes_and_deletions():
    call_command("load_content", verbosity=0)
    theme = Theme.objects.order_by("pk").first()
    theme.title = "Redaktørens titel"
    theme.save()
    deleted = Item.objects.filter(children__isnull=True).order_by("pk").last()
    deleted_pk = deleted.pk
    deleted.delete()

    call_command("load_content", verbosity=0)

    theme.refresh_from_db()
    assert theme.title == "Redaktørens titel"
    assert not Item.objects.filter(pk=deleted_pk).exists()
    assert Revision.objects.filter(comment="Indlæst fra kildedokumentet").count() == 1


@pytest.mark.django_db
def test_records_new_in_a_later_release_are_added():
    paths = shipped.fixture_paths()
    first_release = [p for p in paths if p.name.startswith(("00_", "10_"))]
    shipped.load_new(first_release)
    assert Framework.objects.count() == 1
    theme = Theme.objects.order_by("pk").first()
    theme.title = "Redaktørens titel"
    theme.save()

    call_command("load_content", verbosity=0)

    assert Framework.objects.count() == 5
    theme.refresh_from_db()
    assert theme.title == "Redaktørens titel"


@pytest.mark.django_db
def test_resetting_the_content_asks_first_and_does_nothing_without_yes(monkeypatch):
    call_command("load_content", verbosity=0)
    theme = Theme.objects.order_by("pk").first()
    theme.title = "Redaktørens titel"
    theme.save()
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "nej")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("reset_content", verbosity=0)
    assert "overwrites every change editors have made" in questions[0]
    theme.refresh_from_db()
    assert theme.title == "Redaktørens titel"


@pytest.mark.django_db
def test_resetting_the_content_puts_the_shipped_text_back_and_keeps_the_editors_in_history():
    call_command("load_content", verbosity=0)
    theme = Theme.objects.order_by("pk").first()
    shipped_title = theme.title
    with reversion.create_revision():  # as the admin saves
        theme.title = "Redaktørens titel"
        theme.save()
    editors_version = Version.objects.get_for_object(theme).order_by("-pk").first()

    call_command("reset_content", "--noinput", verbosity=0)

    theme.refresh_from_db()
    assert theme.title == shipped_title
    latest = Version.objects.get_for_object(theme).order_by("-pk").first()
    assert latest.revision.comment == "Nulstillet til kildedokumentet"
    editors_version.revert()
    theme.refresh_from_db()
    assert theme.title == "Redaktørens titel"


# Imports: one revision per import, named after the file ---------------------------------------


@pytest.mark.django_db
def test_an_import_is_one_revision_named_after_its_file(editor_client, framework):
    rows = [[framework.slug, f"nyt-tema-{n}", f"Nyt tema {n}", "Kladde"] for n in range(3)]
    data = csv_bytes(["Ramme", "Kortnavn", "Titel", "Status"], rows)
    response = upload(editor_client, Theme, data, "nye-temaer.csv")
    initial = response.context["confirm_form"].initial
    editor_client.post(admin_url(Theme, "process_import"), {**initial, "confirm": "1"})
    revision = Revision.objects.get()
    assert revision.comment == "Importeret fra filen nye-temaer.csv."
    assert revision.version_set.count() == 3


@pytest.mark.django_db
def test_a_workbook_import_is_one_revision_named_after_its_file(editor_client):
    Concept.objects.create(name="Kommunikation", description="Samtalen.")
    Concept.objects.create(name="Fællesskab", description="Det fælles.")
    response = preview(editor_client, filled_template(editor_client, SIXTH), name="solroed.xlsx")
    confirm(editor_client, response)
    revision = Revision.objects.get()
    assert revision.comment == "Importeret fra regnearket solroed.xlsx."
    # The editor's own publisher exists already; the framework, its themes, items and questions.
    assert revision.version_set.count() == 1 + 2 + 3 + 2
