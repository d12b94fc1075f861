"""Reading the public pages as a visitor does, in Danish and with the interface in English."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

LANGUAGES = ("da", "en")


def visitor(language: str) -> Client:
    """A visitor with the interface in `language` (the content stays Danish)."""
    client = Client()
    if language != "da":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def visitors() -> Iterator[tuple[str, Client]]:
    for language in LANGUAGES:
        yield language, visitor(language)


def html_of(client: Client, url: str, language: str = "da") -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}">' in html, url
    return html


def text_of(html: str) -> str:
    """The page's words, tags and runs of whitespace removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def main_of(html: str) -> str:
    """The page's <main>, where the content is (the footer lists every framework)."""
    return html[html.index("<main") : html.index("</main>")]


def load_shipped_content() -> None:
    call_command("load_content", verbosity=0)


def reached_from_home(client: Client, url: str, language: str = "da") -> str:
    """The page at `url`, after checking a visitor gets there from the home page: home links
    the framework, the framework page links the part."""
    home = html_of(client, reverse("home"), language)
    framework_url = "/".join(url.rstrip("/").split("/")[:3]) + "/"
    assert f'href="{framework_url}"' in home, framework_url
    if url != framework_url:
        assert f'href="{url}"' in html_of(client, framework_url, language), url
    return html_of(client, url, language)


def card_of(listing: str, title: str) -> str:
    """The card of the framework titled `title` on the home page or the framework list."""
    start = listing.index(title)
    return listing[start : listing.index("</li>", start)]
