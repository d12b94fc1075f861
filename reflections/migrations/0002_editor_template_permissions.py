"""Let the "Redaktør" group (created in values 0002) curate worksheet templates.

Board worksheets and answers are deliberately not included: editors curate content, not boards.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Redaktør"
TEMPLATE_MODELS = ["worksheettemplate", "templatesection", "templatequestion"]


def _template_permissions(apps):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("reflections")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="reflections", content_type__model__in=TEMPLATE_MODELS
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(*_template_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is not None:
        group.permissions.remove(*_template_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("reflections", "0001_worksheets"),
        ("values", "0002_editor_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
