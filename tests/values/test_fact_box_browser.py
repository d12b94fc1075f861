"""A fact box ("Faktabox") is one box with its points inside it, as in the documents: Ballerup's
history of the project is six points in one grey box, not six boxes with their bullets outside."""

import pytest

from tests.a11y import assert_page_ok, assert_reflows, watch
from tests.conftest import make_framework
from values.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = [
    "Projektet udspringer af erfaringer fra udviklingsprogrammet.",
    "Udviklingsprogrammet viste, at forældrenes aktive medvirken spiller en central rolle.",
    "I foråret 2011 blev der nedsat en projektledelse.",
]


@pytest.fixture
def fact_box_theme():
    theme = make_framework(items_per_theme=0, questions_per_theme=0).themes.first()
    Item.objects.filter(theme=theme).delete()
    for position, text in enumerate(POINTS):
        Item.objects.create(theme=theme, kind=Item.Kind.FACT_BOX, text=text, position=position)
    return theme


def boxes_around(page, text: str) -> list[dict]:
    """The elements with a background of their own that hold `text`, with where they are."""
    return page.evaluate(
        """(text) => [...document.querySelectorAll('main *')]
          .filter((el) => getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'
            && el.innerText.includes(text))
          .map((el) => ({tag: el.tagName, ...el.getBoundingClientRect().toJSON()}))""",
        text,
    )


@pytest.mark.parametrize("width", [1280, 320])
def test_a_fact_boxs_points_sit_inside_one_box(page, fact_box_theme, width):
    watch(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(fact_box_theme.get_absolute_url())
    boxes = [boxes_around(page, point) for point in POINTS]
    assert all(len(found) == 1 for found in boxes), boxes  # one box, not a box per point
    assert boxes[0] == boxes[1] == boxes[2]
    box_left = boxes[0][0]["left"]
    # Each point's bullet (about one em left of its list item) is inside the box.
    marker_lefts = page.evaluate(
        """() => [...document.querySelectorAll('.run-fact_box li')].map(
             (li) => li.getBoundingClientRect().left - parseFloat(getComputedStyle(li).fontSize))"""
    )
    assert len(marker_lefts) == len(POINTS)
    assert all(left > box_left for left in marker_lefts), (box_left, marker_lefts)
    assert_page_ok(page, "a theme with a fact box")
    assert_reflows(page, "a theme with a fact box")
