"""Importing is a permission of its own, declared on Framework and given to the editors' group."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db

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
