"""The "Redaktør" group: never the national permission; and the schools' and materials' rights.

Migration 0002 gave the group every permission of the publisher model as it is *now*, which on a
new database included `edit_all_publishers` – every editor would have been national.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Redaktør"
NEW_MODELS = ["school", "material"]


def set_editor_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    create_permissions(global_apps.get_app_config("values"), verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        return
    group.permissions.remove(
        *Permission.objects.filter(content_type__app_label="values", codename="edit_all_publishers")
    )
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="values", content_type__model__in=NEW_MODELS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0011_schools_and_theme_materials"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(set_editor_permissions, migrations.RunPython.noop)]
