"""A draft change in Chromium: saved from the theme's form, previewed on the public page,
published from its own page – each admin page at axe 0 (WCAG 2.1 A/AA), in Danish."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.a11y import assert_page_ok, assert_reflows, watch
from tests.browser import sign_in_to_admin
from tests.conftest import make_framework
from values.models import DraftChange, Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktoer-kode-2026"
NEW_BODY = "En ny tekst om forældremøder, som først vises, når den er offentliggjort."


@pytest.fixture
def theme(page, live_server) -> Theme:
    """A published theme, with an editor signed in to the admin in `page`."""
    theme = make_framework(themes=1).themes.get()
    # The Redaktør group comes from a data migration that transactional tests flush.
    User.objects.create_superuser("redaktoer", "r@example.dk", PASSWORD)
    sign_in_to_admin(page, "redaktoer", PASSWORD)
    watch(page)
    return theme


def test_an_editor_saves_previews_and_publishes_a_draft_change(page, theme):
    page.goto(reverse("admin:values_theme_change", args=[theme.pk]))
    page.fill("#id_body", NEW_BODY)
    page.click("input[name=_save_draft]")
    page.wait_for_url("**/draftchange/*/change/")
    assert "Ændringen er gemt som kladde" in page.locator(".messagelist").inner_text()
    assert_page_ok(page, "draft change", csp=False)
    assert_reflows(page, "draft change")
    assert Theme.objects.get(pk=theme.pk).body != NEW_BODY

    for kind, url in (
        ("list of draft changes", reverse("admin:values_draftchange_changelist")),
        ("overview with a draft to act on", reverse("admin_dashboard")),
    ):
        page.goto(url)
        page.wait_for_selector("#content")
        assert_page_ok(page, kind, csp=False)
    page.goto(reverse("admin_dashboard"))
    assert page.get_by_role("button", name="Forhåndsvis").first.is_visible()

    page.goto(reverse("admin:values_draftchange_change", args=[DraftChange.objects.get().pk]))

    page.get_by_role("button", name="Forhåndsvis").click()
    page.wait_for_url(f"**{theme.get_absolute_url()}")
    assert NEW_BODY in page.locator("main").inner_text()

    draft = DraftChange.objects.get()
    page.goto(reverse("admin:values_draftchange_change", args=[draft.pk]))
    page.get_by_role("button", name="Offentliggør").click()
    page.wait_for_url("**/theme/*/change/")
    assert "Ændringen er offentliggjort." in page.locator(".messagelist").inner_text()
    assert_page_ok(page, "theme form after publishing", csp=False)
    assert Theme.objects.get(pk=theme.pk).body == NEW_BODY


def test_a_new_row_in_a_draft_is_refused_in_danish_keeping_what_was_typed(page, theme):
    page.goto(reverse("admin:values_theme_change", args=[theme.pk]))
    page.fill("#id_items-0-text", NEW_BODY)
    page.locator("#items-group .add-row a").click()
    page.fill("#id_items-4-text", "Et helt nyt punkt.")  # the fifth row: four were there
    page.click("input[name=_save_draft]")
    page.wait_for_selector(".errornote")
    assert "kan ikke tilføje eller slette punkter" in page.locator("#items-group").inner_text()
    assert page.input_value("#id_items-0-text") == NEW_BODY
    assert "Et helt nyt punkt." in page.locator("#items-group").inner_html()
    assert_page_ok(page, "theme form refusing a new row in a draft", csp=False)
    assert not DraftChange.objects.exists()
    assert not theme.items.filter(text__in=[NEW_BODY, "Et helt nyt punkt."]).exists()
