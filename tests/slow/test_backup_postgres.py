"""pg_dump / pg_restore as docs/deployment.md describes: a restored database equals the original."""

import shutil
import subprocess

import psycopg2
import pytest
from django.db import connection

from tests.portal.test_backup import BACKUP_ARGS, build_state, canonical, dump_here
from tests.servers import ROOT, manage, production_env
from tests.slow.conftest import database_url
from tests.slow.marks import slow_on_postgres

pytestmark = slow_on_postgres


def run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=120)  # noqa: S603


def table_counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - catalogue names
            counts[table] = cursor.fetchone()[0]
    db.close()
    return counts


@pytest.fixture
def restore_target():
    name = f"{connection.settings_dict['NAME']}_restored"[:63]
    url = database_url(name=name)
    admin_url = database_url(name="postgres")
    db = psycopg2.connect(admin_url)
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield url
    with db.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    db.close()


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_bring_back_everything(tmp_path, restore_target):
    build_state(real_content=True)
    original = database_url()
    dump = tmp_path / "portal.dump"
    # The commands of docs/deployment.md, "PostgreSQL (production)".
    run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", original)
    run("pg_restore", "--no-owner", f"--dbname={restore_target}", str(dump))
    env = production_env(DATABASE_URL=restore_target)
    assert "No migrations to apply" in manage("migrate", env=env)

    assert table_counts(restore_target) == table_counts(original)
    assert canonical(manage(*BACKUP_ARGS, env=env)) == canonical(dump_here())
    # Full-text search still works there: the generated tsvector column and its index came along.
    with psycopg2.connect(restore_target) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM values_searchentry "
            "WHERE document @@ to_tsquery('danish', 'forældre:*')"
        )
        assert cursor.fetchone()[0] > 0
    db.close()
    guide = (ROOT / "docs" / "deployment.md").read_text()
    assert "pg_dump --format=custom --no-owner" in guide and "pg_restore --no-owner" in guide
