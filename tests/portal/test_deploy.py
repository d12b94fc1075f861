"""The portal as `make serve` runs it: production settings, collectstatic, gunicorn.

These tests start a real gunicorn on an SQLite file of their own and talk HTTP to it through a
pretend TLS-terminating load balancer (X-Forwarded-Proto: https).
"""

import re
import shutil
import subprocess

import pytest

from tests.servers import ROOT, Browser, gunicorn, manage, production_env

ADMIN_PASSWORD = "en-lang-og-sikker-kode-2026"


def test_check_deploy_reports_no_warnings_with_production_settings(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    output = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert "System check identified no issues" in output


def test_start_up_warns_behind_a_proxy_without_a_trusted_proxy_count(tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", DJANGO_TRUSTED_PROXY_COUNT="0"
    )
    output = manage("check", env=env)
    assert "portal.W001" in output and "DJANGO_TRUSTED_PROXY_COUNT" in output


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = production_env(
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_SUPERUSER_USERNAME="driftschef",
        DJANGO_SUPERUSER_EMAIL="drift@example.dk",
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
    )
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("createsuperuser", "--noinput", env=env)
    with gunicorn(env, folder / "gunicorn.log", workers=1, threads=2) as server:
        yield server


def test_plain_http_is_redirected_to_https_but_the_health_check_is_not(site):
    plain = Browser(site.port, https=False)
    response = plain.get("/rammer/")
    assert response.status == 301
    assert response.header("Location") == f"https://127.0.0.1:{site.port}/rammer/"
    assert "default-src 'none'" in response.header("Content-Security-Policy")
    assert plain.get("/healthz").status == 200


def test_https_pages_carry_hsts_for_a_year_with_subdomains(site):
    response = Browser(site.port).get("/")
    assert response.status == 200
    hsts = response.header("Strict-Transport-Security")
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts


def cookie_attributes(set_cookie_headers: list[str], name: str) -> set[str]:
    """The attributes of one Set-Cookie, lower-cased, both as `name=value` and as bare names."""
    for header in set_cookie_headers:
        if header.startswith(f"{name}="):
            attributes = {part.strip().lower() for part in header.split(";")[1:]}
            return attributes | {attribute.split("=")[0] for attribute in attributes}
    raise AssertionError(f"no Set-Cookie for {name} in {set_cookie_headers}")


def test_admin_login_sets_secure_host_prefixed_cookies_and_works(site):
    browser = Browser(site.port)
    login_page = browser.get("/admin/login/?next=/admin/")
    assert login_page.status == 200
    csrf = cookie_attributes(login_page.set_cookies(), "__Host-csrftoken")
    assert {"secure", "path=/", "samesite=lax"} <= csrf
    assert "domain" not in csrf  # __Host- cookies must not name a domain

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text).group(1)
    logged_in = browser.post(
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "driftschef", "password": ADMIN_PASSWORD},
    )
    assert logged_in.status == 302, logged_in.text[:500]
    session = cookie_attributes(logged_in.set_cookies(), "__Host-sessionid")
    assert {"secure", "httponly", "path=/", "samesite=lax"} <= session
    assert "domain" not in session

    # A superuser's first password login: the second factor is set up before anything else.
    admin_index = browser.get("/admin/")
    assert admin_index.status == 302
    assert admin_index.header("Location") == "/admin/to-trins-login/app/"
    enrolment = browser.get("/admin/to-trins-login/app/")
    assert enrolment.status == 200
    assert "driftschef" in enrolment.text and "Slå to-trins-login til" in enrolment.text


def test_static_files_are_hashed_compressed_and_cached_for_good(site):
    browser = Browser(site.port)
    home = browser.get("/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text)
    assert stylesheet, "the home page links the hashed stylesheet"
    response = browser.get(stylesheet.group(1), **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert "immutable" in response.header("Cache-Control")
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Cross-Origin-Resource-Policy") == "same-origin"
    assert response.header("Access-Control-Allow-Origin") == ""


def test_a_missing_page_is_a_danish_404_without_technical_details(site):
    response = Browser(site.port).get("/rammer/findes-ikke/")
    assert response.status == 404
    assert "Siden findes ikke" in response.text
    assert '<html lang="da">' in response.text
    assert "Traceback" not in response.text and "Page not found" not in response.text
    assert "frame-ancestors 'none'" in response.header("Content-Security-Policy")


def test_each_request_is_logged_to_stdout_with_its_request_id(site):
    Browser(site.port).get("/tilgaengelighed/", **{"X-Request-ID": "lb-4711-abc"})
    log = site.log()
    line = next(line for line in log.splitlines() if "request_id=lb-4711-abc" in line)
    assert "path=/tilgaengelighed/" in line and "status=200" in line
    assert re.search(r"duration_ms=\d+\.\d", line)


def test_make_serve_installs_the_portal_without_the_test_and_lint_tools():
    """A production server gets no browser driver, fuzzer or linter (`make serve` dry run)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    done = subprocess.run(  # noqa: S603 - fixed argv
        [make, "--dry-run", "--always-make", "serve"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    installs = [line for line in done.stdout.splitlines() if "pip install" in line]
    assert any(line.endswith("-e '.'") for line in installs), installs
    assert not any("[dev]" in line for line in installs), installs
    assert "gunicorn portal.wsgi" in done.stdout
