"""What the home page does not say, and how every page sits in the window: cards count only what
is there, the home page has no breadcrumb of itself alone, one container width for header, page
and footer, and the footer at the bottom of a short page."""

import pytest
from django.urls import reverse

from tests.conftest import make_framework


@pytest.mark.django_db
def test_cards_never_announce_zero_questions_and_home_has_no_lone_breadcrumb(client):
    make_framework(title="Kvalitet i forældresamarbejdet", questions_per_theme=0)
    make_framework(title="Godt på vej", publisher="KL", questions_per_theme=1)
    for url in (reverse("home"), reverse("values:framework_list")):
        html = client.get(url).content.decode()
        assert "0 refleksionsspørgsmål" not in html, url
        assert "2 refleksionsspørgsmål" in html, url  # the other card still counts its own
    home = client.get(reverse("home")).content.decode()
    assert 'class="breadcrumbs' not in home
    assert 'class="breadcrumbs' in client.get(reverse("values:framework_list")).content.decode()


SHORT_PAGES = ("accessibility", "privacy")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_one_container_width_and_the_footer_at_the_bottom_of_short_pages(page):
    make_framework()
    page.set_viewport_size({"width": 1280, "height": 3000})
    for name in ("home", *SHORT_PAGES):
        page.goto(reverse(name))
        edges = page.evaluate(
            """() => [...document.querySelectorAll('.container')]
                 .filter((el) => el.getClientRects().length && !el.closest('.container *'))
                 .map((el) => { const box = el.getBoundingClientRect();
                                return [Math.round(box.left), Math.round(box.right)]; })"""
        )
        assert len(edges) >= 3 and len(set(map(tuple, edges))) == 1, (name, edges)
        footer_bottom = page.evaluate(
            "document.querySelector('.site-footer').getBoundingClientRect().bottom"
        )
        assert abs(footer_bottom - 3000) <= 1, (name, footer_bottom)
