"""The import permission as a Meta.permissions entry of Framework, given to the "Redaktør" group.

Importing can rewrite a lot of content in one go, so it is a permission of its own. Municipal
editors are the people who add a municipality's framework from a spreadsheet, so the group
(created in 0002) gets it when the permission is first created. A site that already has the
permission has already decided who may import – a municipality that wants only some editors to
import takes it from the group – so the group is left as it is there.

Going back leaves the permission and the group alone: Django never deletes a permission that
leaves Meta.permissions, and taking it from the group would take importing from editors who had
it before this migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Redaktør"
CODENAME = "import_content"


def give_import_permission_to_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    existing = Permission.objects.filter(content_type__app_label="values", codename=CODENAME)
    if existing.exists():
        return
    # Permissions are normally created after all migrations; make sure this one exists now.
    app_config = apps.get_app_config("values")
    models_module = app_config.models_module
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, verbosity=0, apps=apps)
    finally:
        app_config.models_module = models_module
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is not None:
        group.permissions.add(*existing)


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0007_ordering_on_own_columns_and_slug_help_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="framework",
            options={
                "ordering": ["position", "title"],
                "permissions": [("import_content", "Kan importere indhold fra regneark")],
                "verbose_name": "ramme",
                "verbose_name_plural": "rammer",
            },
        ),
        migrations.RunPython(give_import_permission_to_editors, migrations.RunPython.noop),
    ]
