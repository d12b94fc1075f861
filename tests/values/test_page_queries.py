"""Each public page runs a fixed number of queries, however much content there is."""

import pytest
from django.urls import reverse

from tests.conftest import make_framework
from values.models import Concept, Item, ReflectionQuestion, Theme

from .test_pages import html_of


def build_content(scale: int, concepts: list[Concept]) -> Theme:
    """Content that grows `scale` times on every page: frameworks on the home page, themes in
    a framework, items and questions in a theme, tagged content per concept. Returns the theme
    that has a previous and a next theme and `scale` times the items."""
    big = make_framework(title="Stor ramme", themes=2 * scale + 1, concepts=concepts)
    theme = big.themes.order_by("position")[1]
    for n in range(3 * scale):
        Item.objects.create(
            theme=theme,
            kind=Item.Kind.INDICATOR,
            group="Det kan vi se, når",
            text=f"Indikator {n} om forældre",
            position=100 + n,
        )
        ReflectionQuestion.objects.create(
            theme=theme, text=f"Ekstra spørgsmål {n} om forældre", position=100 + n
        )
    for n in range(scale):  # other frameworks, so the theme links to the same concepts there
        make_framework(title=f"Ramme nummer {n}", publisher=f"Kommune {n}", concepts=concepts)
    for model, field in ((Item, "item_id"), (ReflectionQuestion, "reflectionquestion_id")):
        through = model.concepts.through
        through.objects.bulk_create(
            through(concept_id=concept.pk, **{field: pk})
            for pk in model.objects.values_list("pk", flat=True)
            for concept in concepts
        )
    return theme


@pytest.mark.parametrize("scale", [1, 10])
def test_each_public_page_runs_a_fixed_number_of_queries(
    client, concepts, django_assert_num_queries, scale
):
    theme = build_content(scale, concepts)
    framework = theme.framework
    expected = {
        # Every page also lists the source documents in its footer: one query.
        reverse("home"): 3,  # frameworks with their theme and question counts, concepts
        reverse("values:framework_list"): 3,  # a page of frameworks with their counts, how many
        framework.get_absolute_url(): 4,  # framework, themes, their concepts
        theme.get_absolute_url(): 9,  # theme, concepts, items, questions, materials, siblings, …
        # concepts, a page of frameworks and their number, tag counts, totals
        reverse("values:concept_list"): 6,
        # concept, frameworks, tag counts, the shown ones' themes, items, questions, others
        concepts[0].get_absolute_url(): 8,
        reverse("values:search") + "?q=forældre": 3,  # ranked ids, those entries
        reverse("accessibility"): 1,
    }
    for url, count in expected.items():
        with django_assert_num_queries(count):
            html_of(client, url)
