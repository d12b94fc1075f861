"""The owner from settings, the privacy policy and the accessibility statement, the /was redirect,
the error summary without JavaScript, and the selection bar that never reaches a cached page."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse

from portal.pages import retention_months
from tests.reflections.conftest import template  # noqa: F401, F811 – the worksheet template fixture
from values.models import Item

pytestmark = pytest.mark.django_db

OWNER = {
    "PORTAL_OWNER_NAME": "Skovby Kommune",
    "PORTAL_OWNER_URL": "https://www.skovby.dk/",
    "PORTAL_OWNER_LOGO": "img/favicon.svg",
    "PORTAL_CONTACT_EMAIL": "tilgaengelighed@skovby.dk",
    "PORTAL_CONTACT_PHONE": "+45 12 34 56 78",
}


def header(html: str) -> str:
    return html[html.index("<header") : html.index("</header>")]


def test_with_nothing_set_the_portal_names_itself_and_invents_no_owner(client):
    html = client.get(reverse("home")).content.decode()
    assert "Forældresamarbejde" in header(html)
    assert "portal-info" not in header(html) and "authority-name" not in header(html)
    statement = client.get(reverse("accessibility")).content.decode()
    assert "har ikke oplyst, hvem det er" in statement
    assert "mailto:" not in statement


@override_settings(**OWNER)
def test_the_owner_appears_in_header_footer_and_statements(client):
    html = client.get(reverse("home")).content.decode()
    assert 'href="https://www.skovby.dk/"' in header(html)
    assert re.search(r'<img class="owner-logo" src="[^"]*favicon[^"]*" alt="Skovby Kommune">', html)
    footer = html[html.index("<footer") :]
    assert 'href="mailto:tilgaengelighed@skovby.dk"' in footer
    assert 'href="tel:+4512345678"' in footer
    for page in ("accessibility", "privacy"):
        text = client.get(reverse(page)).content.decode()
        assert "Skovby Kommune" in text and "tilgaengelighed@skovby.dk" in text, page


@override_settings(
    PORTAL_OWNER_NAME="Skovby Kommune", PORTAL_OWNER_LOGO="https://cdn.example/x.png"
)
def test_a_logo_from_another_site_is_refused_at_once(client):
    with pytest.raises(ImproperlyConfigured):
        client.get(reverse("home"))


def test_was_redirects_only_when_the_statement_address_is_set(client):
    assert client.get("/was").status_code == 404
    url = "https://www.was.digst.dk/app-foraeldresamarbejde"
    with override_settings(PORTAL_WAS_URL=url):
        response = client.get("/was")
        assert response.status_code == 302 and response["Location"] == url
        assert 'href="/was"' in client.get(reverse("accessibility")).content.decode()


def test_every_page_links_to_the_privacy_policy_and_the_accessibility_statement(client, framework):
    for url in (reverse("home"), framework.get_absolute_url(), reverse("reflections:index")):
        footer = client.get(url).content.decode().split("<footer", 1)[1]
        assert (
            f'href="{reverse("privacy")}"' in footer
            and f'href="{reverse("accessibility")}"' in footer
        )


@override_settings(WORKSHEET_RETENTION_MONTHS=18)
def test_the_privacy_policy_states_the_retention_commands_period(client):
    assert retention_months() == 18
    html = client.get(reverse("privacy")).content.decode()
    assert "brugt i 18 måneder, slettes automatisk" in html
    for stored in ("navn", "vurderinger", "Kan læse skolebestyrelsernes svar", "slette arket"):
        assert stored in html, stored


def test_a_failed_form_has_fejl_in_its_title_and_a_focused_summary_without_javascript(
    client,
    template,  # noqa: F811
):
    response = client.post(template.get_absolute_url(), {"school_name": "", "display_name": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Fejl: ", html)
    main = html[html.index('<main id="main"') :]
    summary = main[main.index(">") + 1 :].lstrip()
    assert summary.startswith('<div class="alert alert-error error-summary"')
    assert "autofocus" in summary[: summary.index(">")]
    assert 'href="#id_school_name"' in summary and 'href="#id_display_name"' in summary
    # Each link in the summary names its field: the same message twice says which is which.
    summary = summary[: summary.index("</ul>")]
    assert re.search(r'href="#id_school_name"[^>]*>Skolens navn: ', summary)
    assert re.search(r'href="#id_display_name"[^>]*>[^<:]+: ', summary)
    # Each field names its own error, tied to it for assistive technology.
    assert re.search(
        r'id="id_school_name"[^>]*aria-describedby="[^"]*id_school_name_error', html
    ) or (
        re.search(
            r'aria-describedby="[^"]*id_school_name_error[^"]*"[^>]*id="id_school_name"', html
        )
    )
    assert 'id="id_school_name_error"' in html
    assert "<title>Fejl: " not in client.get(template.get_absolute_url()).content.decode()


@override_settings(PAGE_CACHE_SECONDS=60)
def test_the_selection_bar_never_leaks_into_the_cached_page(framework):
    from django.core.cache import cache

    cache.clear()
    theme = framework.themes.order_by("position").first()
    indicator = theme.items.filter(kind=Item.Kind.INDICATOR).first()
    collector, stranger = Client(), Client()
    collector.post(reverse("reflections:collect"), {"action": "add", "pick": f"i-{indicator.pk}"})
    mine = collector.get(theme.get_absolute_url())
    assert "X-Page-Cache" not in mine
    html = mine.content.decode()
    assert re.search(r"data-selection-count>1<", html)
    assert "data-selection-bar hidden" not in html and 'aria-label="På arbejdsarket' in html
    for _ in range(2):  # stored, then served from the cache
        theirs = stranger.get(theme.get_absolute_url())
        page = theirs.content.decode()
        assert "data-selection-bar hidden" in page and 'aria-label="På arbejdsarket' not in page
    assert theirs["X-Page-Cache"] == "hit"
    again = collector.get(theme.get_absolute_url())
    assert "X-Page-Cache" not in again and 'aria-label="På arbejdsarket' in again.content.decode()
