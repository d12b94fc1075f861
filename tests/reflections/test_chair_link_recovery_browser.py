"""Staff recovering a board's lost chair link in the admin, in Chromium: axe at 0, link once."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from playwright.sync_api import expect

from tests.a11y import assert_page_ok, watch
from tests.browser import sign_in_to_admin

from .conftest import Board

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "support-kode-2026"


def test_staff_issue_a_new_chair_link_in_an_accessible_admin_page(page, template):
    board = Board(template)
    user = User.objects.create_user("support", password=PASSWORD, is_staff=True)
    for codename in ("view_worksheet", "issue_chair_link"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    sign_in_to_admin(page, "support", PASSWORD)
    watch(page)
    page.goto(reverse("admin:reflections_worksheet_change", args=[board.worksheet.pk]))
    page.get_by_role("link", name="Udsted nyt formandslink").click()
    assert_page_ok(page, "issue chair link: confirm", csp=False)
    page.get_by_role("button", name="Udsted nyt formandslink").click()
    link = page.get_by_label("Formandslink").input_value()
    assert "/arbejdsark/f/" in link
    assert_page_ok(page, "issue chair link: the new link", csp=False)
    page.goto(link)
    page.get_by_label("Dit navn").fill("Ny formand")
    page.get_by_role("button", name="Gå til arbejdsarket").click()
    expect(page.get_by_role("link", name="Formand: links og status")).to_have_count(1)
