"""Operations read one stdout line per request and a security log of refusals."""

import io
import logging
import re

import pytest

from portal.log import RequestIdLogFilter
from portal.security import redact_path


@pytest.fixture
def stdout_log():
    """What the configured stdout handler writes during the test."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestIdLogFilter) for f in h.filters)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
def test_each_request_writes_one_line_with_id_status_and_duration(client, stdout_log):
    response = client.get("/tilgaengelighed/")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = [line for line in stdout_log.getvalue().splitlines() if "portal.request" in line]
    assert len(lines) == 1
    assert f"request_id={request_id}" in lines[0]
    assert "method=GET path=/tilgaengelighed/ status=200" in lines[0]
    assert re.search(r"duration_ms=\d+\.\d", lines[0])


@pytest.mark.django_db
def test_a_request_id_from_the_load_balancer_is_kept(client, stdout_log):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a-0001"})
    assert response["X-Request-ID"] == "lb-7f3a-0001"
    assert "request_id=lb-7f3a-0001" in stdout_log.getvalue()


@pytest.mark.django_db
def test_a_request_id_that_could_forge_log_lines_is_replaced(client, stdout_log):
    forged = "x\n2026-01-01 INFO fake line"
    response = client.get("/healthz", headers={"X-Request-ID": forged})
    assert response["X-Request-ID"] != forged
    assert "fake line" not in stdout_log.getvalue()


@pytest.mark.django_db
def test_a_failed_admin_login_is_logged_without_the_password(client, editor, caplog):
    client.post(
        "/admin/login/",
        {"username": editor.username, "password": "forkert-kode-42"},
        REMOTE_ADDR="10.20.30.40",
    )
    failures = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    assert any(
        "login_failed" in m and editor.username in m and "10.20.30.40" in m for m in failures
    )
    assert not any("forkert-kode-42" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_refused_board_page_is_logged_with_the_token_hidden(client, caplog):
    token = "Zx8Kq2LmNp4Rt6Vw8Yb0Cd"
    response = client.get(f"/arbejdsark/{token}/")
    assert response.status_code == 404
    denied = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    assert any("access_denied" in m and "/arbejdsark/[token]/" in m for m in denied)
    assert not any(token in r.getMessage() for r in caplog.records)


def test_paths_keep_slugs_but_hide_tokens():
    assert redact_path("/rammer/foraeldre-som-samarbejdspartnere-2/") == (
        "/rammer/foraeldre-som-samarbejdspartnere-2/"
    )
    assert redact_path("/arbejdsark/a/Zx8Kq2LmNp4Rt6Vw8Yb0Cd/") == "/arbejdsark/a/[token]/"
    assert redact_path("/arbejdsark/" + "0f" * 16 + "/") == "/arbejdsark/[token]/"


FORGED = "2026-01-01 00:00:00,000 WARNING portal.security request_id=- access_denied reason='x'"


@pytest.mark.django_db
def test_an_encoded_newline_in_the_path_cannot_write_a_log_line_of_its_own(client, stdout_log):
    client.get("/arbejdsark/ark/abc%0D%0A" + FORGED.replace(" ", "%20") + "/")
    lines = stdout_log.getvalue().splitlines()
    assert not any(line.startswith("2026-01-01") for line in lines)
    request_lines = [line for line in lines if "portal.request" in line]
    assert len(request_lines) == 1
    assert "path=/arbejdsark/ark/abc\\r\\n2026-01-01" in request_lines[0]


@pytest.mark.django_db
def test_a_nul_or_a_direction_override_in_the_path_is_written_escaped(client, stdout_log):
    client.get("/soeg/a%00b%E2%80%AEc%E2%80%A8d/")
    written = stdout_log.getvalue()
    assert "\x00" not in written and "\u202e" not in written and "\u2028" not in written
    assert "path=/soeg/a\\x00b\\u202ec\\u2028d/" in written


@pytest.mark.django_db
def test_a_username_with_a_newline_stays_on_the_failed_login_line(client, stdout_log):
    client.post("/admin/login/%0Aforged/", {"username": "fie\nx", "password": "forkert"})
    client.post("/admin/login/", {"username": "fie\n" + FORGED, "password": "forkert"})
    lines = stdout_log.getvalue().splitlines()
    assert not any(line.startswith("2026-01-01") for line in lines)
    assert sum("login_failed" in line for line in lines) == 1
