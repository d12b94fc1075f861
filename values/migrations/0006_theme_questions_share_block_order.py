"""Questions on a whole theme now share position numbers with the theme's top-level items.

Until now they were always shown after the items, whatever their numbers. Move each one behind
the theme's last item, so every existing theme page reads exactly as before; editors (and the
shipped fixtures) can then place a question between items.
"""

from django.db import migrations
from django.db.models import Max


def move_theme_questions_after_items(apps, schema_editor):
    Item = apps.get_model("values", "Item")
    ReflectionQuestion = apps.get_model("values", "ReflectionQuestion")
    last_item = dict(
        Item.objects.filter(parent=None)
        .values("theme_id")
        .annotate(last=Max("position"))
        .values_list("theme_id", "last")
    )
    for question in ReflectionQuestion.objects.filter(item=None).only("theme_id", "position"):
        offset = last_item.get(question.theme_id)
        if offset:
            question.position += offset
            question.save(update_fields=["position"])


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0005_status_notes_credits_and_item_numbers"),
    ]

    operations = [
        migrations.RunPython(move_theme_questions_after_items, migrations.RunPython.noop),
    ]
