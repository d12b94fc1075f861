"""Marks for the slow tests: they run only against PostgreSQL (CI's second pass)."""

import pytest
from django.conf import settings

postgres_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="load, fault and multi-server tests need PostgreSQL (CI runs them in its PostgreSQL "
    "pass; locally set DATABASE_URL=postgres://…)",
)
slow_on_postgres = [pytest.mark.slow, postgres_only]
