"""The portal's own words say "dele" (parts) where it counts or lists a document's parts: only
what a document itself calls themes is called a theme (København has no themes at all, Aarhus'
introduction and background are not themes)."""

import re

import pytest

from tests.conftest import rows_for_the_module
from tests.values.pages import html_of, load_shipped_content, main_of, visitors
from values.models import Concept, Framework


@pytest.fixture(scope="module")
def shipped_content(django_db_setup, django_db_blocker):
    """Loaded once for the module: every test here only reads the pages."""
    with rows_for_the_module(django_db_blocker, load_shipped_content):
        yield


def test_theme_pages_lead_back_to_all_parts_not_all_themes_in_both_languages(shipped_content, db):
    workshop = Framework.objects.get(pk=5).themes.get(slug="workshop")
    labels = {"da": "Alle dele af rammen", "en": "All parts of the framework"}
    for language, client in visitors():
        page = main_of(html_of(client, workshop.get_absolute_url(), language))
        assert labels[language] in page
        assert "Alle temaer" not in page and "All themes" not in page


def test_the_link_to_a_whole_comparison_counts_parts_in_both_languages(shipped_content, db):
    concept = max(Concept.objects.all(), key=lambda c: c.themes.count())
    theme = concept.themes.select_related("framework").order_by("framework", "position").first()
    for language, client in visitors():
        page = main_of(html_of(client, theme.get_absolute_url(), language))
        link = {"da": r"Se alle \d+ dele side om side", "en": r"See all \d+ parts side by side"}
        assert re.search(link[language], page), theme.get_absolute_url()
        assert "temaer side om side" not in page and "themes side by side" not in page


def test_home_and_concept_overview_speak_of_the_documents_parts(shipped_content, db):
    for language, client in visitors():
        home = main_of(html_of(client, "/", language))
        assert {"da": "dokumentets dele", "en": "the document's parts"}[language] in home
        overview = main_of(html_of(client, "/begreber/", language))
        assert {"da": "antallet af dele,", "en": "how many parts,"}[language] in overview
