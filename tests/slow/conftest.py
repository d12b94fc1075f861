"""Shared set-up for the slow load, fault, fuzz and restore tests (PostgreSQL only)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.servers import manage, production_env


def database_url(settings_dict: dict | None = None, name: str | None = None) -> str:
    """A DATABASE_URL for the database the tests use (by default the current test database)."""
    conf = settings_dict or connection.settings_dict
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
    host = conf["HOST"] or "127.0.0.1"
    port = conf["PORT"] or "5432"
    return f"postgres://{auth}@{host}:{port}/{name or conf['NAME']}"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Hashed static files, collected once for every production server of the session."""
    folder = tmp_path_factory.mktemp("static")
    env = production_env(DJANGO_STATIC_ROOT=str(folder), DATABASE_URL="sqlite:////dev/null")
    manage("collectstatic", "--noinput", env=env)
    return folder


@pytest.fixture
def server_env(static_root, transactional_db):
    """Production settings pointing at the test database, whose rows the tests commit."""

    def make(**overrides: str) -> dict[str, str]:
        return production_env(
            DATABASE_URL=database_url(),
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_LOG_LEVEL="WARNING",
            **overrides,
        )

    return make
