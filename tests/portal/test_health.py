"""/healthz: what the municipality's load balancer asks before sending traffic to a server."""

import pytest
from django.db import OperationalError

from portal import health


class UnreachableDatabase:
    """A connection whose server is gone: every cursor fails the way psycopg2/sqlite3 do."""

    def cursor(self):
        raise OperationalError("connection refused")

    def close_if_unusable_or_obsolete(self):
        self.closed = True


@pytest.mark.django_db
def test_health_check_answers_200_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies, "the health check sets no session or CSRF cookie"


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_does_not(client, monkeypatch):
    broken = UnreachableDatabase()
    monkeypatch.setattr(health, "connection", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"database unavailable" in response.content
    assert broken.closed, "the broken connection is dropped, not reused"


@pytest.mark.django_db
def test_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.django_db
def test_health_check_refuses_to_change_anything(client):
    assert client.post("/healthz").status_code == 405
