"""Importing is a permission of its own, declared on Framework and given to the editors' group."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User

from tests.values.spreadsheet_files import admin_url, upload
from values.models import Concept, Framework, Item, Publisher, ReflectionQuestion, Theme
from values.spreadsheets.formats import DanishCSV, export_bytes
from values.spreadsheets.resources import RESOURCES

pytestmark = pytest.mark.django_db

MODELS = [Concept, Publisher, Framework, Theme, Item, ReflectionQuestion]

migration = importlib.import_module("values.migrations.0008_framework_import_permission")


def editors_may_import() -> bool:
    group = Group.objects.get(name="Redaktør")
    return group.permissions.filter(codename="import_content").exists()


def test_the_permission_exists_with_a_danish_name_on_frameworks():
    permission = Permission.objects.get(codename="import_content")
    assert permission.content_type.model_class()._meta.model_name == "framework"
    assert permission.name == "Kan importere indhold fra regneark"
    assert editors_may_import()


def test_a_new_site_gives_importing_to_the_editors_group():
    Permission.objects.filter(codename="import_content").delete()
    migration.give_import_permission_to_editors(apps, None)
    assert editors_may_import()


def test_a_site_that_took_importing_from_its_editors_keeps_it_that_way():
    Group.objects.get(name="Redaktør").permissions.remove(
        Permission.objects.get(codename="import_content")
    )
    migration.give_import_permission_to_editors(apps, None)
    assert not editors_may_import()


# In the admin -----------------------------------------------------------------------------------


@pytest.fixture
def editor_without_import(db):
    """Staff with every content permission except importing."""
    user = User.objects.create_user("uden-import", password="kode-uden-import-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="values").exclude(
            codename="import_content"
        )
    )
    return user


def test_the_editor_group_may_import(editor_client, framework):
    assert Group.objects.get(name="Redaktør").permissions.filter(codename="import_content").exists()
    assert editor_client.get(admin_url(Theme, "import")).status_code == 200
    assert "Importér" in editor_client.get(admin_url(Theme, "changelist")).content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_an_editor_without_import_permission_cannot_import(
    client, editor_without_import, framework, model
):
    client.force_login(editor_without_import)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert (
        admin_url(model, "import")
        not in client.get(admin_url(model, "changelist")).content.decode()
    )
    assert client.get(admin_url(model, "import")).status_code == 403
    data = export_bytes(RESOURCES[model], DanishCSV)
    assert upload(client, model, data, "fil.csv").status_code == 403
    assert (
        client.post(
            admin_url(model, "process_import"),
            {"import_file_name": "x", "original_file_name": "x.csv", "format": "0"},
        ).status_code
        == 403
    )


def test_an_editor_without_import_permission_may_still_export(
    client, editor_without_import, framework
):
    client.force_login(editor_without_import)
    response = client.post(admin_url(Theme, "export"), {"resource": "0", "format": "0"})
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
