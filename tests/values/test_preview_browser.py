"""In a browser: an editor previews a draft by keyboard, sees the banner, then leaves preview."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.browser import axe_violations, describe_violations
from tests.conftest import make_framework
from values.models import Status


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_previews_a_draft_by_keyboard_and_leaves_preview(page, live_server, superuser):
    draft = make_framework(title="Kladde til ny ramme", status=Status.DRAFT)
    log_in(page, live_server, superuser)

    page.goto(reverse("admin:values_framework_change", args=[draft.pk]))
    button = page.get_by_role("button", name="Forhåndsvis")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{draft.get_absolute_url()}")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Kladde til ny ramme")
    banner = page.get_by_role("region", name="Forhåndsvisning")
    assert "du ser også kladder" in banner.inner_text()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    page.get_by_role("button", name="Afslut forhåndsvisning").click()
    page.wait_for_load_state()
    assert page.get_by_role("region", name="Forhåndsvisning").count() == 0
    response = page.goto(draft.get_absolute_url())
    assert response.status == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_overview_and_workbook_pages_have_no_axe_violations(page, live_server, superuser):
    make_framework()
    log_in(page, live_server, superuser)
    for url in ("/admin/oversigt/", reverse("admin:values_framework_workbook")):
        page.goto(url)
        violations = axe_violations(page)
        assert not violations, f"{url}: {describe_violations(violations)}"
