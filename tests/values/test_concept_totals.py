"""The concept overview's totals count every tag in the portal; they are kept under the content
version for as long as whole pages are cached, so the next save shows in them at once."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_framework


def total_of(html: str, concept_name: str) -> int:
    row = html[html.index(f">{concept_name}</a></th>") :]
    return int(re.search(r'<td class="matrix-total">(\d+)</td>', row).group(1))


@pytest.mark.django_db
def test_totals_are_counted_once_per_content_version_and_a_save_shows_at_once(
    client, concepts, page_cache_on, django_assert_num_queries
):
    framework = make_framework(concepts=concepts[:1])
    # A cookie of its own sets the whole-page cache aside, as an editor's or a board's does.
    client.cookies["sessionid"] = "ingen"
    url = reverse("values:concept_list")
    first = client.get(url).content.decode()
    # Neither the counts, the totals, the number of frameworks (for the pages) nor the footer's
    # source documents are read again: the table is a kept fragment.
    with django_assert_num_queries(0):
        again = client.get(url).content.decode()
    assert total_of(again, concepts[0].name) == total_of(first, concepts[0].name) == 2

    framework.themes.first().concepts.add(concepts[1])
    assert total_of(client.get(url).content.decode(), concepts[1].name) == 1


@pytest.mark.django_db
def test_a_comparison_and_a_theme_pages_related_themes_show_a_save_at_once(
    client, concepts, page_cache_on
):
    """A comparison's and the overview's counts and a theme page's ranking of other frameworks'
    themes are kept under the content version too."""
    own = make_framework(title="Egen ramme", concepts=concepts[:1])
    other = make_framework(title="Anden ramme", publisher="Vejle Kommune")
    client.cookies["sessionid"] = "ingen"
    theme_url = own.themes.first().get_absolute_url()
    compare_url = reverse("values:concept", args=[concepts[0].slug])
    other_theme = other.themes.first()
    column = f'id="ramme-{other.slug}"'
    cell = f'href="{compare_url}?ramme={other.slug}#ramme-{other.slug}"'
    overview_url = reverse("values:concept_list")
    assert other_theme.get_absolute_url() not in client.get(theme_url).content.decode()
    assert column not in client.get(compare_url).content.decode()
    assert cell not in client.get(overview_url).content.decode()

    other_theme.concepts.add(concepts[0])
    assert other_theme.get_absolute_url() in client.get(theme_url).content.decode()
    assert column in client.get(compare_url).content.decode()
    assert cell in client.get(overview_url).content.decode()
