"""A superuser sets up the second factor and signs in with it, in real Chromium."""

import re

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.a11y import assert_page_ok, watch

PASSWORD = "to-trins-kode-2026"


def code(device: TOTPDevice, drift: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"


def log_in(page, otp_token: str = "") -> None:
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "drift")
    page.fill("#id_password", PASSWORD)
    if otp_token:
        page.get_by_label("Kode fra godkendelses-appen").fill(otp_token)
    page.click("input[type=submit]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_superuser_sets_up_the_app_and_signs_in_with_it(page, live_server, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    User.objects.create_superuser("drift", "drift@example.dk", PASSWORD)
    watch(page, allow_status=(403,))

    log_in(page)
    page.wait_for_url("**/admin/to-trins-login/app/")
    assert page.locator("h1").inner_text() == "Slå to-trins-login til"
    assert page.locator("img[alt='QR-kode til godkendelses-appen']").evaluate(
        "(img) => img.complete && img.naturalWidth > 0"
    )
    assert_page_ok(page, "set-up page")
    # Anything else in the admin leads back here until it is done.
    page.goto("/admin/auth/user/")
    page.wait_for_url("**/admin/to-trins-login/app/")

    page.get_by_label("Kode fra appen").fill("000000")
    page.click("input[type=submit]")
    # The form posts to its own address: wait for the answer, not for a new URL.
    expect(page.locator("body")).to_contain_text("Koden passer ikke")
    expect(page).to_have_title(re.compile("^Fejl:"))

    device = TOTPDevice.objects.get(user__username="drift")
    page.wait_for_timeout(1_100)  # after a wrong code the app's codes wait a second (throttling)
    page.get_by_label("Kode fra appen").fill(code(device, drift=1))
    page.click("input[type=submit]")
    expect(page.locator("body")).to_contain_text("To-trins-login er slået til.")
    assert page.locator("#backup-codes li").count() == 10
    assert_page_ok(page, "backup codes")
    page.get_by_role("link", name="Videre til administrationen").click()
    page.wait_for_url("**/admin/")

    page.get_by_role("button", name="Log ud").click()
    log_in(page)
    expect(page.locator("body")).to_contain_text("Skriv koden fra din godkendelses-app")
    log_in(page, code(device, drift=2))
    page.wait_for_url("**/admin/")
    assert page.get_by_role("link", name="To-trins-login", exact=True).count() == 1
