import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.urls import reverse

from values.models import Concept, Framework, Item, ReflectionQuestion, Theme


def public_urls(framework) -> list[str]:
    theme = framework.themes.first()
    concept = Concept.objects.first()
    urls = [
        reverse("home"),
        reverse("accessibility"),
        reverse("values:framework_list"),
        framework.get_absolute_url(),
        theme.get_absolute_url(),
        reverse("values:concept_list"),
        reverse("reflections:index"),
        reverse("values:search") + "?q=forældre",
        reverse("values:search") + "?q=rumskib",
    ]
    if concept:
        urls.append(concept.get_absolute_url())
    return urls


@pytest.mark.django_db
def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_loading_the_content_twice_neither_duplicates_nor_fails():
    call_command("load_content", verbosity=0)
    counts = [m.objects.count() for m in (Concept, Framework, Theme, Item, ReflectionQuestion)]
    call_command("load_content", verbosity=0)
    assert [
        m.objects.count() for m in (Concept, Framework, Theme, Item, ReflectionQuestion)
    ] == counts
    assert counts[0] > 0 and counts[1] > 0


@pytest.mark.django_db
def test_home_page_lists_the_published_frameworks(client, framework):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert framework.title in response.content.decode()
    assert framework.publisher.name in response.content.decode()


@pytest.mark.django_db
def test_every_public_page_has_exactly_one_h1_and_danish_lang(client, framework):
    for url in public_urls(framework):
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert '<html lang="da">' in html, url
        assert 'href="#main"' in html and 'id="main"' in html, url
        assert "Tilgængelighedserklæring" in html, url


@pytest.mark.django_db
def test_draft_content_never_appears_on_a_public_page(client, framework, draft_framework):
    draft_theme = draft_framework.themes.first()
    for url in public_urls(framework):
        html = client.get(url).content.decode()
        assert draft_framework.title not in html, url
        assert draft_theme.title not in html, url
    assert client.get(draft_framework.get_absolute_url()).status_code == 404
    assert client.get(draft_theme.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_every_public_page_lists_the_published_source_documents_in_its_footer(
    client, framework, draft_framework
):
    for url in public_urls(framework):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'href="{framework.get_absolute_url()}"' in footer, url
        assert framework.publisher.name in footer, url
        assert draft_framework.title not in footer, url


@pytest.mark.django_db
def test_browsers_find_the_site_icon_on_pages_and_at_favicon_ico(client):
    icon = static("img/favicon.svg")
    assert f'<link rel="icon" href="{icon}"' in client.get("/").content.decode()
    # Asked for by every browser, also on admin pages, which have no <link rel="icon">.
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon
    assert (settings.BASE_DIR / "static" / "img" / "favicon.svg").read_text().startswith("<svg")
