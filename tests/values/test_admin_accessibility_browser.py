"""The admin pages editors use, in Chromium: axe at 0 (WCAG 2.1 A/AA), in Danish."""

from __future__ import annotations

import contextlib

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from reflections.models import TemplateSection, WorksheetTemplate
from tests.a11y import assert_page_ok, watch
from tests.browser import sign_in_to_admin
from tests.conftest import make_framework
from values.models import Concept, School, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktoer-kode-2026"


def editor_pages(framework, theme, item, question, section) -> dict[str, str]:
    pages = {
        "index (with django-axes in Danish)": reverse("admin:index"),
        "dashboard": reverse("admin_dashboard"),
        "framework list": reverse("admin:values_framework_changelist"),
        "framework form": reverse("admin:values_framework_change", args=[framework.pk]),
        "theme list (reorder, positions)": reverse("admin:values_theme_changelist"),
        "theme form with inlines": reverse("admin:values_theme_change", args=[theme.pk]),
        "item list": reverse("admin:values_item_changelist"),
        "item form": reverse("admin:values_item_change", args=[item.pk]),
        "question list": reverse("admin:values_reflectionquestion_changelist"),
        "concept list": reverse("admin:values_concept_changelist"),
        "template list (positions)": reverse("admin:reflections_worksheettemplate_changelist"),
        "template section with question inlines": reverse(
            "admin:reflections_templatesection_change", args=[section.pk]
        ),
        "theme history": reverse("admin:values_theme_history", args=[theme.pk]),
        "theme compare": reverse("admin:values_theme_compare", args=[theme.pk]),
        "school list": reverse("admin:values_school_changelist"),
        "municipality's overview": reverse("admin:values_school_overview"),
        "principle listings": reverse("admin:reflections_principlelisting_changelist"),
        "principle listing add": reverse("admin:reflections_principlelisting_add"),
    }
    for name, url_name in (
        ("import", "admin:values_item_import"),
        ("export", "admin:values_item_export"),
        ("workbook", "admin:values_framework_workbook"),
    ):
        with contextlib.suppress(NoReverseMatch):  # pages that exist in this version
            pages[name] = reverse(url_name)
    return pages


def test_the_admin_pages_editors_use_have_no_axe_violations(page, live_server):
    concept = Concept.objects.create(name="Kommunikation", description="Dialog.")
    framework = make_framework(concepts=[concept])
    theme = framework.themes.first()
    item, question = theme.items.first(), theme.questions.first()
    template = WorksheetTemplate.objects.create(title="Værdier", status=Status.PUBLISHED)
    section = TemplateSection.objects.create(template=template, title="Dialog", position=1)
    section.questions.create(reflection_question=question, position=1)
    School.objects.create(
        municipality=framework.publisher, name="Vestskolen", institution_number="151012"
    )
    # A superuser sees every page an editor does (and django-axes' pages besides); the Redaktør
    # group's permissions come from a data migration that transactional tests flush.
    User.objects.create_superuser("redaktoer", "r@example.dk", PASSWORD)
    # Two versions, so the history has something to compare.
    sign_in_to_admin(page, "redaktoer", PASSWORD)
    for title in ("Første titel", "Anden titel"):
        page.goto(reverse("admin:values_theme_change", args=[theme.pk]))
        page.fill("#id_title", title)
        page.click("input[name=_save]")
        page.wait_for_url("**/values/theme/")
    watch(page)
    failures = []
    for kind, url in editor_pages(framework, theme, item, question, section).items():
        page.goto(url)
        page.wait_for_selector("#content")
        try:
            # CSP in the admin is tested without axe in tests/portal/test_security_admin_browser.py:
            # axe's own checks apply styles that the policy reports.
            assert_page_ok(page, kind, csp=False)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)
    page.goto(reverse("admin:index"))
    assert "Login-forsøg" in page.locator("#content-main").inner_text()
    assert "axes" not in page.locator("#content-main").inner_text().lower()
