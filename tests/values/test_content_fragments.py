"""The home page's cards, the pages of the framework list and of the concept overview, and a
framework's page are the same for every visitor until the content changes, so their fragments
are kept under the content version: those who get pages rendered for them (editors, board
members, anyone with a session) are served without the content's queries, a content save shows
at once, and a preview's drafts are never kept for anyone."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_framework
from tests.values.pages import html_of, visitors
from values.bases import Status
from values.models import Framework, Publisher, Theme
from values.views import FRAMEWORKS_PER_PAGE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def past_the_page_cache(client):
    client.cookies["sessionid"] = "ingen"  # a session cookie: the whole page is rendered
    return client


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def content_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "values_" in q["sql"]]


def test_a_kept_fragment_runs_none_of_the_contents_queries(framework):
    # The framework page keeps its framework too (an unknown address is a 404 each time), the
    # framework list the number of its pages.
    left = {
        reverse("home"): 0,
        framework.get_absolute_url(): 0,
        reverse("values:framework_list"): 0,
    }
    for url, queries in left.items():
        client = past_the_page_cache(visitors().__next__()[1])
        assert len(content_queries(client, url)) > queries, url  # the first visitor's page
        kept = content_queries(client, url)
        assert len(kept) == queries, kept


def test_each_page_of_the_framework_list_keeps_its_own_cards():
    titles = [f"Ramme nummer {n:02}" for n in range(1, FRAMEWORKS_PER_PAGE + 3)]
    for position, title in enumerate(titles):
        make_framework(title=title, themes=0).__class__.objects.filter(title=title).update(
            position=position
        )
    client = past_the_page_cache(visitors().__next__()[1])
    for _ in range(2):  # rendered, then kept
        first = main_of(html_of(client, reverse("values:framework_list")))
        second = main_of(html_of(client, reverse("values:framework_list") + "?side=2"))
        assert titles[0] in first and titles[-1] not in first
        assert titles[-1] in second and titles[0] not in second
    # The number of pages is kept too, and shrinks at once when frameworks go.
    assert 'rel="next"' in html_of(client, reverse("values:framework_list"))
    for title in titles[FRAMEWORKS_PER_PAGE:]:
        Framework.objects.get(title=title).delete()
    assert 'rel="next"' not in html_of(client, reverse("values:framework_list"))


def test_a_content_save_shows_at_once_in_both_languages(framework, draft_framework):
    theme = framework.themes.order_by("position").first()
    for language, client in visitors():
        past_the_page_cache(client)
        assert framework.title in html_of(client, reverse("home"), language)
        assert draft_framework.title not in html_of(client, reverse("home"), language)
        assert theme.title in html_of(client, framework.get_absolute_url(), language)

    draft_framework.status = Status.PUBLISHED
    draft_framework.save()
    Theme.objects.filter(pk=theme.pk).update(title="Et nyt navn")  # a bulk update, no signal
    theme.title = "Dialog mellem skole og hjem"
    theme.save()
    for language, client in visitors():
        past_the_page_cache(client)
        assert draft_framework.title in html_of(client, reverse("home"), language)
        framework_page = html_of(client, framework.get_absolute_url(), language)
        assert "Dialog mellem skole og hjem" in framework_page


def test_a_preview_neither_keeps_its_drafts_nor_shows_the_public_copy(
    editor_client, draft_framework, framework
):
    visitor = past_the_page_cache(visitors().__next__()[1])
    assert draft_framework.title not in html_of(visitor, reverse("home"))  # public copy kept
    editor_client.post(reverse("admin:values_preview_on"), {"next": reverse("home")})

    assert draft_framework.title in html_of(editor_client, reverse("home"))
    assert draft_framework.title in html_of(editor_client, draft_framework.get_absolute_url())
    assert draft_framework.title not in html_of(visitor, reverse("home"))
    assert visitor.get(draft_framework.get_absolute_url()).status_code == 404


def test_one_municipalitys_preview_is_never_kept_for_another(editor_client, draft_framework):
    """Each editor previews only the drafts of the publishers they edit: a fragment rendered in
    one editor's preview must not be kept, or the next editor in preview would see it."""
    other = User.objects.create_user("kl-redaktoer", password="kode-kode-123", is_staff=True)
    other.groups.add(Group.objects.get(name="Redaktør"))
    Publisher.objects.get_or_create(name="KL")[0].editors.add(other)
    other_client = Client()
    other_client.force_login(other)
    for client in (editor_client, other_client):
        client.post(reverse("admin:values_preview_on"), {"next": reverse("home")})

    assert draft_framework.title in html_of(editor_client, reverse("home"))
    assert draft_framework.title not in html_of(other_client, reverse("home"))


def nav_of(html: str) -> str:
    return html[html.index('<nav class="nav"') : html.index("</nav>", html.index('class="nav"'))]


def test_the_kept_header_marks_each_page_kinds_own_place_in_the_menu(framework, settings):
    client = past_the_page_cache(Client())
    pages = {
        reverse("values:framework_list"): 'href="/rammer/" class="nav-link" aria-current="page"',
        framework.get_absolute_url(): 'href="/rammer/" class="nav-link" aria-current="true"',
        reverse("values:concept_list"): 'href="/begreber/" class="nav-link" aria-current="page"',
        reverse("reflections:index"): 'class="nav-link" aria-current="page"><span>Arbejdsark',
    }
    for _ in range(2):  # rendered, then kept
        for url, current in pages.items():
            nav = nav_of(html_of(client, url))
            assert current in nav, url
            assert nav.count("aria-current") == 1, url
    assert "aria-current" not in nav_of(html_of(client, reverse("accessibility")))
    # The search page's header shows the visitor's words; no other page keeps them.
    searched = html_of(client, reverse("values:search") + "?q=tillid")
    assert re.search(r'<input[^>]* value="tillid"[^>]* id="site-search-q"', searched)
    assert "tillid" not in html_of(client, reverse("values:framework_list"))
    # The owner is part of what is kept, in the header and in the footer.
    settings.PORTAL_OWNER_NAME = "Solrød Kommune"
    html = html_of(client, reverse("values:framework_list"))
    assert "Solrød Kommune" in html[html.index("<header") : html.index("</header>")]
    assert "Solrød Kommune" in html[html.index("<footer") : html.index("</footer>")]
