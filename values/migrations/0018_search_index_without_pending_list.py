from django.db import migrations

# PostgreSQL only. A GIN index with `fastupdate` (the default) puts new entries in a pending list
# that every search then reads from end to end until a vacuum merges it. Rebuilding the search
# index (`load_content` on every deploy) writes every entry anew, so searches read thousands of
# unmerged entries until autovacuum comes round: on the bench's content ×10 a selective search took
# 2–3 ms in that state and 0.2 ms after the merge. Entries change only when editors save content,
# so writing them straight into the index costs nothing anyone waits for.
INDEX = "values_searchentry_document_gin"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} SET (fastupdate = off)")
        schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0017_framework_source_document"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
