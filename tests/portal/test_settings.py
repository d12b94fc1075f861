"""Settings come from the environment, and a value that cannot be read stops start-up."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.servers import ROOT, manage, production_env

SETTINGS = Path(ROOT, "portal", "settings.py")


def settings_with(monkeypatch, **env: str) -> dict:
    """The portal's settings as a process started with `env` would read them."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_a_database_url_keeps_its_tls_requirement(monkeypatch):
    found = settings_with(
        monkeypatch,
        DATABASE_URL="postgres://portal:hemmelig@db.kommune.dk:5433/portal?sslmode=require",
    )
    database = found["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], int(database["PORT"]), database["NAME"]) == (
        "db.kommune.dk",
        5433,
        "portal",
    )
    assert (database["USER"], database["PASSWORD"]) == ("portal", "hemmelig")
    assert database["OPTIONS"]["sslmode"] == "require"


def test_without_a_database_url_the_portal_uses_its_own_sqlite_file(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = settings_with(monkeypatch)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == Path(ROOT, "db.sqlite3")


@pytest.mark.parametrize("value", ["treu", "ja", "2", "sandt"])
def test_a_misspelt_yes_or_no_stops_start_up_with_the_setting_named(monkeypatch, value):
    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_SECURE_COOKIES='{value}'"):
        settings_with(monkeypatch, DJANGO_SECURE_COOKIES=value)


@pytest.mark.parametrize(("value", "secure"), [("true", True), ("YES", True), ("0", False)])
def test_yes_and_no_are_read_in_their_usual_spellings(monkeypatch, value, secure):
    found = settings_with(monkeypatch, DJANGO_SECURE_COOKIES=value)
    assert found["SESSION_COOKIE_SECURE"] is secure
    assert found["SESSION_COOKIE_NAME"] == ("__Host-sessionid" if secure else "sessionid")


def test_a_number_that_is_not_a_number_stops_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_HSTS_SECONDS='et år'"):
        settings_with(monkeypatch, DJANGO_HSTS_SECONDS="et år")


def test_a_server_with_a_misspelt_setting_does_not_start(tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", DJANGO_SECURE_COOKIES="treu"
    )
    with pytest.raises(RuntimeError) as failed:
        manage("check", env=env)
    assert "ImproperlyConfigured" in str(failed.value)
    assert "DJANGO_SECURE_COOKIES='treu' is not a yes/no value" in str(failed.value)
