"""The header's search form is the same on every page without a query, so it is rendered once per
language and kept as long as whole pages are; each language keeps its own, and the search page
still shows the visitor's query in it."""

import pytest
from django.urls import reverse

from tests.values.pages import html_of, visitors

pytestmark = pytest.mark.usefixtures("page_cache_on")


def header_of(html: str) -> str:
    return html[html.index('class="form-group search site-search"') : html.index("</header>")]


@pytest.mark.django_db
def test_each_language_keeps_its_own_header_search_and_a_query_shows_in_it():
    labels = {"da": "Søg i rammerne", "en": "Search the frameworks"}
    for language, client in visitors():
        client.cookies["sessionid"] = "ingen"  # past the whole-page cache, to the fragment
        for url in (reverse("accessibility"), reverse("privacy")):
            assert labels[language] in header_of(html_of(client, url, language))
        searched = header_of(html_of(client, reverse("values:search") + "?q=trivsel", language))
        assert 'value="trivsel"' in searched
        assert 'value="trivsel"' not in header_of(html_of(client, reverse("privacy"), language))
