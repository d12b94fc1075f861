"""An editor signs in with the municipality's identity provider in real Chromium: the portal's
login page, the provider's own login page (a real provider process on loopback), back in the
admin as an editor of her publisher."""

import pytest
from django.contrib.auth.models import Group, User

from tests.a11y import assert_page_ok, watch
from tests.conftest import make_framework

from .oidc_fixtures import configure, oidc_provider


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_signs_in_through_the_identity_provider(page, live_server, settings):
    # The migrations create the group; a transactional test before this one flushed their rows.
    Group.objects.get_or_create(name="Redaktør")
    make_framework(publisher="Ballerup Kommune")
    with oidc_provider(f"{live_server.url}/oidc/callback/") as provider:
        configure(settings, provider)
        settings.STAFF_PASSWORD_LOGIN = False
        watch(page)

        page.goto("/admin/login/?next=/admin/")
        assert "kun for superbrugere" in page.content()
        assert_page_ok(page, "login page with the identity provider")
        page.get_by_role("link", name="Log ind med din kommunale konto").click()
        page.wait_for_url(f"{provider.base}/authorize**", timeout=30_000)
        page.get_by_label("Brugernavn").fill("anne")
        page.get_by_label("Adgangskode").fill("annes-kode")
        page.get_by_role("button", name="Log ind").click()

        page.wait_for_url(f"{live_server.url}/admin/", timeout=30_000)
        assert "Anne" in page.locator("#user-tools").text_content()
        anne = User.objects.get(email="anne@ballerup.dk")
        assert anne.is_staff and anne.groups.filter(name="Redaktør").exists()
        assert [p.name for p in anne.edited_publishers.all()] == ["Ballerup Kommune"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_someone_without_the_role_comes_back_with_a_danish_explanation(page, live_server, settings):
    with oidc_provider(f"{live_server.url}/oidc/callback/") as provider:
        configure(settings, provider)
        page.goto("/admin/login/")
        page.get_by_role("link", name="Log ind med din kommunale konto").click()
        page.get_by_label("Brugernavn").fill("bo")
        page.get_by_label("Adgangskode").fill("bos-kode")
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url("**/admin/login/?sso=fejl", timeout=30_000)
        assert "Du blev ikke logget ind med din kommunale konto" in page.content()
        assert not User.objects.filter(email="bo@ballerup.dk").exists()
