"""Error pages are Danish, in the site's layout, and never show a traceback.

This module is also the URLconf for its own tests: the portal's URLs plus one that fails.
"""

import re

import pytest
from django.urls import include, path


def broken_view(request):
    raise RuntimeError("secret internal detail: password=hunter2")


urlpatterns = [
    path("fejl-i-test/", broken_view),
    path("", include("portal.urls")),
]


@pytest.mark.django_db
def test_missing_page_is_a_danish_404_in_the_site_layout(client):
    response = client.get("/rammer/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden findes ikke" in html
    assert '<html lang="da">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'href="#main"' in html and 'class="header site-header"' in html
    assert "Tilgængelighedserklæring" in html  # the site's footer
    assert "Traceback" not in html and "Page not found" not in html


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.test_errors")
def test_server_error_is_a_danish_500_without_traceback_or_details(client):
    client.raise_request_exception = False
    response = client.get("/fejl-i-test/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html
    assert '<html lang="da">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'class="header site-header"' in html and "css/site" in html
    for leak in ("Traceback", "RuntimeError", "hunter2", "secret internal detail"):
        assert leak not in html
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.test_errors")
def test_server_error_page_needs_no_database(client, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/fejl-i-test/")
    assert response.status_code == 500


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.test_errors")
def test_server_error_is_logged_with_its_traceback_for_operations(client, caplog):
    client.raise_request_exception = False
    client.get("/fejl-i-test/")
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert errors and errors[0].exc_info, "the traceback goes to the log, not to the visitor"


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.test_errors")
def test_server_error_page_shows_even_when_static_files_were_never_collected(
    client, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    client.raise_request_exception = False
    response = client.get("/fejl-i-test/")
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.content.decode()
