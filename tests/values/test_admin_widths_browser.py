"""The admin at the common laptop widths (1280 px, the narrowest of them, with the navigation
sidebar open): no inline form or changelist is wider than the window or scrolls sideways, so no
column – "Hører til punkt", "Begreber", delete – hides off to the right."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser import sign_in_to_admin
from tests.conftest import make_framework
from values.models import Concept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktoer-kode-2026"
WIDTH = 1280

WIDEST = """() => Array.from(document.querySelectorAll(
    '.inline-group, #result_list, #changelist-form, fieldset.module'
  )).map(el => [el.id || el.className, Math.ceil(el.getBoundingClientRect().right),
                el.scrollWidth > el.clientWidth + 1])"""


def test_the_theme_form_and_the_changelists_fit_in_1280_pixels(page):
    concept = Concept.objects.create(name="Kommunikation", description="Dialog.")
    framework = make_framework(concepts=[concept])
    theme = framework.themes.first()
    User.objects.create_superuser("redaktoer", "r@example.dk", PASSWORD)
    page.set_viewport_size({"width": WIDTH, "height": 900})
    sign_in_to_admin(page, "redaktoer", PASSWORD)
    too_wide = []
    for url in (
        reverse("admin:values_theme_change", args=[theme.pk]),
        reverse("admin:values_framework_change", args=[framework.pk]),
        reverse("admin:values_theme_changelist"),
        reverse("admin:values_item_changelist"),
        reverse("admin:values_reflectionquestion_changelist"),
    ):
        page.goto(url)
        page.wait_for_selector("#content")
        assert page.locator("#nav-sidebar").is_visible(), url
        for name, right, scrolls in page.evaluate(WIDEST):
            if right > WIDTH or scrolls:
                too_wide.append(f"{url} {name}: right edge {right} px, scrolls: {scrolls}")
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, url
    assert not too_wide, "\n".join(too_wide)
