"""A backup restores everything – content, history, worksheets, answers – to an equal state.

The embedded database's path (docs/deployment.md, "Backups"): `dumpdata` with natural keys into
one compressed file; on a new server `migrate`, then `loaddata`. This test runs exactly those
commands: the backup from the test database, the restore into a fresh SQLite file by separate
processes, then compares the two databases row by row. The PostgreSQL path (pg_dump/pg_restore)
is tested in tests/slow/test_backup_postgres.py.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from reversion.models import Version

from reflections import services
from reflections.models import Answer, Participant, Worksheet
from tests.conftest import make_framework
from tests.servers import ROOT, manage, production_env
from values.models import Concept, ReflectionQuestion, Theme

# The backup command of docs/deployment.md (a test below checks the document says the same).
BACKUP_ARGS = [
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
]


def build_state(real_content: bool = False) -> dict:
    """A portal in use: content, edits with history, two boards' worksheets with answers.

    `real_content` loads all five shipped documents (slower); otherwise two small frameworks.
    """
    if real_content:
        call_command("load_content", verbosity=0)
    else:
        concepts = [
            Concept.objects.create(name=name, description=f"Om {name.lower()}.")
            for name in ("Kommunikation", "Tillid og relation")
        ]
        make_framework(concepts=concepts)
        make_framework(title="Kvalitet i forældresamarbejdet", publisher="Vejle Kommune")
    editor = User.objects.create_user("redaktoer", password="redaktoer-kode-123", is_staff=True)
    # (A transactional test before this one may have flushed the group its migration made.)
    editor.groups.add(Group.objects.get_or_create(name="Redaktør")[0])

    theme = Theme.objects.published().order_by("pk").first()
    with reversion.create_revision():
        theme.lead = f"{theme.lead} Præciseret af redaktionen."
        theme.save()
        reversion.set_user(editor)
        reversion.set_comment("Præciseret indledningen")
    removed = theme.items.order_by("pk").last()
    with reversion.create_revision():
        removed.save()
        reversion.set_user(editor)
    removed.delete()  # its history stays, so it can be recovered
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Theme),
        object_id=str(theme.pk),
        object_repr=str(theme)[:200],
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["lead"]}}]),
    )

    picks = [services.Pick(q) for q in ReflectionQuestion.objects.published().order_by("pk")[:4]]
    first = services.create_from_picks(
        picks,
        title="Vores principper for skole-hjem-samarbejdet",
        school_name="Ærøskøbing Skole",
        board_name="Skolebestyrelsen",
        display_name="Åse",
        next_steps_title="Næste skridt",
        next_steps_question="Hvad gør vi nu?",
    )
    worksheet, member = first.worksheet, first.participant
    colleague = Participant.objects.create(worksheet=worksheet, display_name="Søren")
    questions = list(worksheet.questions.order_by("position"))
    services.save_own_answer(worksheet, questions[0], member.pk, text="Vi mødes før skolestart.")
    services.save_own_answer(worksheet, questions[0], colleague.pk, text="Og i øjenhøjde – «”»")
    services.save_agreed_answer(
        worksheet, questions[0], base_version=0, text="Vi inviterer alle forældre.", by="Åse"
    )
    services.add_next_step(
        worksheet, questions[-1], what="Skriv princippet", who="Formanden", when="Marts"
    )
    services.mark_done(worksheet, True)
    second = services.create_from_picks(
        picks[:1], title="Kort ark", school_name="Vestre Skole", board_name="Bestyrelsen"
    )

    session = SessionStore()
    session["portal-test"] = {"worksheet": worksheet.key}
    session.create()
    return {"worksheets": [worksheet, second.worksheet]}


# The JSON serializer writes milliseconds, and leaves them out when they are zero: a time
# stored as 12:00:04.000123 dumps as "12:00:04.000Z" and, restored, as "12:00:04Z".
WHOLE_SECOND = re.compile(r'(T\d{2}:\d{2}:\d{2})Z"')


def canonical(dump: str) -> list[str]:
    """A dump as a sorted list of objects, so two databases compare regardless of row order."""
    return sorted(
        WHOLE_SECOND.sub(r'\1.000Z"', json.dumps(obj, sort_keys=True, ensure_ascii=False))
        for obj in json.loads(dump)
    )


def row_counts_here() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - our own table names
            counts[table] = cursor.fetchone()[0]
    return counts


def row_counts_in(sqlite_file: Path) -> dict[str, int]:
    with sqlite3.connect(sqlite_file) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def dump_here() -> str:
    out = io.StringIO()
    call_command(*BACKUP_ARGS, stdout=out)
    return out.getvalue()


# The backup is taken in this process, inside the test's transaction; the restore runs elsewhere.
@pytest.mark.django_db
def test_a_backup_restores_everything_into_a_new_database(tmp_path):
    state = build_state()
    assert Version.objects.exists() and Answer.objects.exists()

    backup = tmp_path / "portal-backup.json.gz"
    call_command(*BACKUP_ARGS, output=str(backup), verbosity=0)
    assert backup.stat().st_size > 0

    restored = tmp_path / "restored.sqlite3"
    env = production_env(DATABASE_URL=f"sqlite:///{restored}")
    manage("migrate", "--noinput", env=env)
    manage("loaddata", str(backup), env=env)

    assert canonical(manage(*BACKUP_ARGS, env=env)) == canonical(dump_here())
    # Every table holds as many rows (contenttypes, permissions and the search index included).
    assert row_counts_in(restored) == row_counts_here()

    with sqlite3.connect(restored) as db:
        texts = {text for (text,) in db.execute("SELECT text FROM reflections_answer")}
        assert {"Vi mødes før skolestart.", "Og i øjenhøjde – «”»"} <= texts
        hashes = dict(db.execute("SELECT key, member_token_hash FROM reflections_boardspace"))
        comments = {c for (c,) in db.execute("SELECT comment FROM reversion_revision")}
    # The boards' links still open their spaces and worksheets after the restore.
    for worksheet in state["worksheets"]:
        space = Worksheet.objects.get(pk=worksheet.pk).space
        assert hashes[space.key] == space.member_token_hash
    assert "Præciseret indledningen" in comments


def test_the_documented_backup_command_is_the_tested_one():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    assert "manage.py " + " ".join(BACKUP_ARGS) in guide
