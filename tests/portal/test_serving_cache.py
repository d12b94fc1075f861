"""Public pages are served from a short-lived cache to anonymous visitors – safely.

The cache is off in tests by default; these tests switch it on.
"""

import re

import pytest
from django.test import Client

from tests.servers import manage, production_env

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_cached_page_with_the_same_content(client, framework):
    url = framework.get_absolute_url()
    first = client.get(url)
    second = Client().get(url)
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    assert framework.title in second.content.decode()
    assert "default-src 'none'" in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_cached_page_gives_each_visitor_their_own_working_csrf_token(framework):
    url = framework.get_absolute_url()
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first.get(url)
    page = second.get(url)
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    # Each visitor has a CSRF secret of their own, and the page's token belongs to it.
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    switched = second.post(
        "/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302


@pytest.mark.django_db
def test_saving_content_shows_at_once(client, framework):
    theme = framework.themes.first()
    url = theme.get_absolute_url()
    client.get(url)
    theme.title = "Et helt nyt navn på temaet"
    theme.save()
    fresh = Client().get(url)
    assert "X-Page-Cache" not in fresh
    assert "Et helt nyt navn på temaet" in fresh.content.decode()


@pytest.mark.django_db
def test_visitors_with_a_session_editors_and_boards_are_never_served_from_the_cache(
    client, editor_client, framework
):
    url = framework.get_absolute_url()
    client.get(url)
    assert "X-Page-Cache" not in editor_client.get(url)
    assert "X-Page-Cache" not in client.get("/arbejdsark/")
    assert "X-Page-Cache" not in Client().get("/arbejdsark/")


@pytest.mark.django_db
def test_each_language_has_its_own_cached_page(framework):
    url = framework.get_absolute_url()
    Client().get(url)
    english = Client(headers={"Accept-Language": "en"}).get(url)
    assert "X-Page-Cache" not in english
    assert english["Content-Language"] == "en"


@pytest.mark.django_db
def test_draft_and_missing_pages_are_not_cached(client, draft_framework):
    assert client.get(draft_framework.get_absolute_url()).status_code == 404
    assert "X-Page-Cache" not in client.get(draft_framework.get_absolute_url())


# A process that never handles a request, as `manage.py load_content` or `manage.py shell`:
# its saves must make the cached pages stale too (with a shared cache, for every server).
OUTSIDE_A_REQUEST = """
from django.core.management import call_command
from portal.page_cache import page_cache_version
from values.models import Concept

call_command("migrate", verbosity=0)
before = page_cache_version()
Concept.objects.create(name="Tillid", description="At stole på hinanden.")
saved = page_cache_version()
call_command("loaddata", "fixtures/00_concepts.json", verbosity=0)
print("versions", before, saved, page_cache_version())
"""


def test_a_save_outside_any_request_makes_cached_pages_stale():
    # No open-data rebuild: its thread would open a second, empty in-memory database and log
    # the missing tables into the output.
    env = production_env(
        DATABASE_URL="sqlite://:memory:",
        DJANGO_LOG_LEVEL="WARNING",
        PORTAL_OPEN_DATA_REBUILD="false",
    )
    output = manage("shell", "--no-imports", "-c", OUTSIDE_A_REQUEST, env=env)
    line = next(line for line in output.splitlines() if line.startswith("versions "))
    before, saved, loaded = (int(n) for n in line.split()[1:])
    assert before < saved < loaded
