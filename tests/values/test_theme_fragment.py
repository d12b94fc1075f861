"""A theme page and a concept comparison are kept for every visitor until the content changes,
but their "Tilføj til arbejdsark" buttons are each visitor's own: their CSRF token, the address
to come back to, and whether the item is on the visitor's selection. A kept page must never hand
one visitor's token to another, nor a preview's drafts to anyone."""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.page_cache import PAGE_CACHE_VERSION_KEY
from tests.conftest import make_framework
from tests.values.pages import html_of
from values.bases import Status
from values.models import Item, Theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHECKED = re.compile(r'name="ramme" value="([^"]+)"[^>]* checked')


def visitor() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "ingen"  # a session cookie: the whole page is rendered
    return client


@pytest.fixture
def theme(framework) -> Theme:
    return framework.themes.order_by("position").first()


def add_button_fields(html: str, key: str) -> dict:
    form = html[html.index(f'value="{key}"') - 400 : html.index(f'id="tilfoej-{key}"')]
    return {
        "csrfmiddlewaretoken": TOKEN.findall(form)[-1],
        "action": "add",
        "pick": key,
        "next": re.search(r'name="next" value="([^"]+)"', form).group(1),
    }


def test_each_visitor_gets_their_own_token_and_address_from_a_kept_page(theme):
    indicator = theme.items.filter(kind=Item.Kind.INDICATOR).first()
    key = f"i-{indicator.pk}"
    first, second = visitor(), visitor()
    first_page = html_of(first, theme.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        second_page = html_of(second, theme.get_absolute_url() + "?fra=soeg")
    # Kept: the theme itself too (an unknown address is looked up each time, see below).
    assert [q["sql"] for q in queries if "values_" in q["sql"]] == []
    assert set(TOKEN.findall(first_page)).isdisjoint(TOKEN.findall(second_page))

    fields = add_button_fields(second_page, key)
    assert fields["next"] == f"{theme.get_absolute_url()}?fra=soeg#tilfoej-{key}"
    response = second.post(reverse("reflections:collect"), fields)
    assert response.status_code == 302  # the token in the kept page is this visitor's own
    assert second.session["worksheet_picks"] == [key]


def test_a_visitors_selection_shows_on_a_kept_page_and_is_kept_for_no_one_else(theme):
    indicator = theme.items.filter(kind=Item.Kind.INDICATOR).first()
    key = f"i-{indicator.pk}"
    collector = visitor()
    fields = add_button_fields(html_of(collector, theme.get_absolute_url()), key)
    assert collector.post(reverse("reflections:collect"), fields).status_code == 302

    own = html_of(collector, theme.get_absolute_url())
    assert f'aria-label="På arbejdsarket: {indicator.text}"' in own
    other = html_of(visitor(), theme.get_absolute_url())
    assert f'aria-label="Tilføj til arbejdsark: {indicator.text}"' in other
    assert "På arbejdsarket:" not in other.replace('data-added-label="På arbejdsarket:', "")


def test_a_content_save_shows_at_once(theme):
    item = theme.items.filter(kind=Item.Kind.INDICATOR).first()
    assert item.text in html_of(visitor(), theme.get_absolute_url())
    item.text = "Forældrene kender skolens værdier."
    item.save()
    assert "Forældrene kender skolens værdier." in html_of(visitor(), theme.get_absolute_url())


def test_a_kept_theme_or_framework_is_gone_at_once_when_unpublished(theme, framework):
    other = framework.themes.exclude(pk=theme.pk).get()
    client = visitor()
    for page in (theme, other, framework):
        assert client.get(page.get_absolute_url()).status_code == 200
    theme.status = Status.DRAFT
    theme.save()
    assert client.get(theme.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 200
    framework.status = Status.DRAFT
    framework.save()
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(framework.get_absolute_url()).status_code == 404
    # An address that finds nothing keeps nothing: publishing shows the page at once.
    framework.status = theme.status = Status.PUBLISHED
    framework.save()
    theme.save()
    assert client.get(theme.get_absolute_url()).status_code == 200


def test_a_preview_of_a_theme_page_is_kept_for_no_one(editor_client, theme, framework):
    draft = framework.themes.exclude(pk=theme.pk).get()
    Theme.objects.filter(pk=draft.pk).update(status=Status.DRAFT, title="Hemmeligt udkast")
    editor_client.post(reverse("admin:values_preview_on"), {"next": theme.get_absolute_url()})

    assert "Hemmeligt udkast" in html_of(editor_client, theme.get_absolute_url())  # the pager
    assert "Hemmeligt udkast" not in html_of(visitor(), theme.get_absolute_url())
    # The draft's own page: the previewed theme is not kept for the public either.
    assert "Hemmeligt udkast" in html_of(editor_client, draft.get_absolute_url())
    assert visitor().get(draft.get_absolute_url()).status_code == 404


def test_a_kept_comparison_is_kept_per_choice_of_frameworks(concepts):
    kommunikation = concepts[0]
    ballerup = make_framework(concepts=[kommunikation])
    vejle = make_framework(
        title="Vejles ramme", publisher="Vejle Kommune", concepts=[kommunikation]
    )
    question = ballerup.themes.first().questions.first()
    question.concepts.add(kommunikation)
    url = kommunikation.get_absolute_url()
    client = visitor()
    for _ in range(2):  # rendered, then kept
        only_ballerup = html_of(client, f"{url}?ramme={ballerup.slug}")
        only_vejle = html_of(client, f"{url}?ramme={vejle.slug}")
        assert f'id="ramme-{ballerup.slug}"' in only_ballerup
        assert f'id="ramme-{vejle.slug}"' not in only_ballerup
        assert f'id="ramme-{vejle.slug}"' in only_vejle
        assert f'id="ramme-{ballerup.slug}"' not in only_vejle
        # The choice form above the columns is kept with them and shows the visitor's choice.
        assert CHECKED.findall(only_ballerup) == [ballerup.slug]
        assert CHECKED.findall(only_vejle) == [vejle.slug]
    fields = add_button_fields(only_ballerup, f"q-{question.pk}")
    assert client.post(reverse("reflections:collect"), fields).status_code == 302


def test_a_kept_comparison_runs_no_content_query(concepts):
    kommunikation = concepts[0]
    make_framework(concepts=[kommunikation])
    make_framework(title="Vejles ramme", publisher="Vejle Kommune", concepts=[kommunikation])
    url = kommunikation.get_absolute_url()
    client = visitor()
    for expected in (None, 0):  # rendered, then kept with the concept itself
        with CaptureQueriesContext(connection) as queries:
            html = html_of(client, url)
        content = [q["sql"] for q in queries if "values_" in q["sql"]]
        if expected is None:
            assert len(content) > 1
        else:
            assert len(content) == expected, content
        assert "Vejles ramme" in html and 'id="vaelg-rammer"' in html


def test_a_kept_theme_page_reads_the_content_version_once(theme):
    """The page, its kept theme, its body and the footer all go by the content version; with
    Redis each read of it is a round trip, so a request reads it once."""
    client = visitor()
    html_of(client, theme.get_absolute_url())  # rendered: kept for the next request
    backend = caches["default"]
    with mock.patch.object(backend, "get", wraps=backend.get) as reads:
        assert "Forældre" in html_of(client, theme.get_absolute_url())
    version_reads = [c for c in reads.call_args_list if c.args[0] == PAGE_CACHE_VERSION_KEY]
    assert len(version_reads) == 1
