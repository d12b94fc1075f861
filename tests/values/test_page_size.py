"""No public page grows with the total content: lists that would (the footer's sources, the home
page's frameworks, the framework list, the concept overview, the frameworks side by side, a
theme's links to other frameworks) are paged or chosen, with links to all of it."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_framework

from .test_pages import html_of

BUDGET = 100_000  # bytes of HTML for any public page


def frameworks_up_to(total: int, concepts, made: list) -> None:
    while len(made) < total:
        n = len(made)
        made.append(make_framework(title=f"Ramme {n}", publisher=f"Kommune {n}", concepts=concepts))


def sizes(client, urls: list[str]) -> dict[str, int]:
    return {url: len(html_of(client, url).encode()) for url in urls}


@pytest.mark.django_db
def test_every_public_page_weighs_the_same_with_twice_the_frameworks(client, concepts):
    made: list = []
    frameworks_up_to(1, concepts, made)
    own = made[0]
    theme = own.themes.order_by("position").first()
    urls = [
        reverse("home"),
        reverse("values:framework_list"),
        own.get_absolute_url(),
        theme.get_absolute_url(),
        reverse("values:concept_list"),
        concepts[0].get_absolute_url(),
        f"{reverse('values:search')}?q=forældre",
        reverse("accessibility"),
    ]
    frameworks_up_to(25, concepts, made)
    fewer = sizes(client, urls)
    frameworks_up_to(50, concepts, made)
    more = sizes(client, urls)

    for url in urls:
        # A few bytes differ ("Viser 3 af 50 rammer", "Side 1 af 3"); the lists do not grow.
        assert more[url] <= fewer[url] * 1.02, (url, fewer[url], more[url])
        assert more[url] < BUDGET, (url, more[url])


@pytest.mark.django_db
def test_the_lists_that_are_cut_short_link_to_all_of_it(client, concepts):
    made: list = []
    frameworks_up_to(30, concepts, made)
    last = made[-1]

    footer = html_of(client, reverse("accessibility"))
    footer = footer[footer.index('id="footer-sources"') :]
    assert last.title not in footer and reverse("values:framework_list") in footer

    home = html_of(client, reverse("home"))
    assert last.title not in home and "Se alle rammer" in home

    listing = html_of(client, reverse("values:framework_list"))
    assert last.title not in listing and 'href="?side=2" rel="next"' in listing
    assert last.title in html_of(client, reverse("values:framework_list") + "?side=2")

    matrix = html_of(client, reverse("values:concept_list") + "?side=3")
    assert "Side 3 af 3" in matrix and f"?ramme={last.slug}#ramme-{last.slug}" in matrix

    concept = concepts[0].get_absolute_url()
    compare = html_of(client, concept)
    assert "Viser 3 af 30 rammer." in compare and "Se alle rammer i oversigten" in compare
    chosen = html_of(client, f"{concept}?ramme={last.slug}")
    assert f'id="ramme-{last.slug}"' in chosen
    boxes = re.findall(r'<input type="checkbox"[^>]*value="([^"]+)"[^>]*?( checked)?>', chosen)
    assert len(boxes) <= 13 and (last.slug, " checked") in boxes
