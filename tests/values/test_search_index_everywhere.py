"""The search index follows saves made outside any request: a shell, a script, a command."""

import os

from tests.servers import manage

# Runs in a fresh `manage.py shell`, which loads neither the views nor the admin's pages: only
# what ValuesConfig.ready() connects keeps the index in step there.
SCRIPT = """
from django.apps import apps
from django.core.management import call_command
from django.test.utils import override_settings
# Tables straight from the models: a twentieth of the time the migrations take.
with override_settings(MIGRATION_MODULES={app.label: None for app in apps.get_app_configs()}):
    call_command("migrate", run_syncdb=True, verbosity=0)
from values.models import Framework, Item, Publisher, SearchEntry, Status, Theme
from values.search import Query, search
framework = Framework.objects.create(
    publisher=Publisher.objects.create(name="Solrød Kommune"),
    title="Sammen om skolen",
    document_kind="Pejlemærker",
    source="Solrød Kommune: Sammen om skolen, 2025.",
    status=Status.PUBLISHED,
)
theme = Theme.objects.create(framework=framework, title="Dialog", status=Status.PUBLISHED)
item = Item.objects.create(theme=theme, kind=Item.Kind.INDICATOR, text="Vi holder forældremøder.")
item.text = "Vi holder skolebestyrelsesmøder."
item.save()
def found(q):
    results = search(Query.parse(q), SearchEntry.objects.published())
    return [hit.entry.item_id for group in results.groups for hit in group.hits]
print("edited:", found("skolebestyrelsesmøde") == [item.pk])
print("old text gone:", found("forældremøde") == [])
"""


def test_a_save_in_a_shell_updates_the_search_index(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_URL"))
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'shell.sqlite3'}"
    output = manage("shell", "--no-imports", "-c", SCRIPT, env=env, timeout=120)
    assert "edited: True" in output
    assert "old text gone: True" in output
