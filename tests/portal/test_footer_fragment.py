"""The footer's source documents are the same for every visitor, so they are rendered once per
language and content version: a content save shows in every footer at once, and each language
keeps its own heading."""

import pytest
from django.urls import reverse

from tests.values.pages import html_of, visitors
from values.bases import Status

pytestmark = pytest.mark.usefixtures("page_cache_on")


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.django_db
def test_a_published_or_renamed_framework_shows_in_the_footer_at_once(framework, draft_framework):
    headings = {"da": "Kildedokumenter", "en": "Source documents"}
    for language, client in visitors():
        client.cookies["sessionid"] = "ingen"  # past the whole-page cache, to the fragment
        footer = footer_of(html_of(client, reverse("privacy"), language))
        assert headings[language] in footer
        assert framework.title in footer
        assert draft_framework.title not in footer

    draft_framework.status = Status.PUBLISHED
    draft_framework.save()
    framework.title = "Omdøbt ramme for samarbejdet"
    framework.save()
    for language, client in visitors():
        client.cookies["sessionid"] = "ingen"
        footer = footer_of(html_of(client, reverse("accessibility"), language))
        assert headings[language] in footer
        assert draft_framework.title in footer
        assert "Omdøbt ramme for samarbejdet" in footer
