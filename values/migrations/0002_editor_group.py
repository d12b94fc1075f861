"""Create the "Redaktør" group: municipal editors may edit the frameworks' content and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Redaktør"
CONTENT_MODELS = ["concept", "publisher", "framework", "theme", "item", "reflectionquestion"]


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="values", content_type__model__in=CONTENT_MODELS
        )
    )


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0001_content_model"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
