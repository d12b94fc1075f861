"""Staff sign in through the municipality's identity provider: a real OpenID Connect provider
process on loopback, the portal's client talking to it over HTTP."""

import re
from html import unescape
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import make_framework
from values.models import Publisher

from .oidc_fixtures import configure, oidc_provider

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/oidc/callback/"


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def running_provider():
    with oidc_provider(CALLBACK) as running:
        yield running


@pytest.fixture
def provider(settings, running_provider):
    configure(settings, running_provider)
    return running_provider


def sign_in(client: Client, username: str, password: str):
    """What a browser does: to the provider, its login form, back to the portal."""
    start = client.get("/oidc/login/?next=/admin/")
    assert start.status_code == 302
    opener = build_opener(NoRedirects)
    page = opener.open(start["Location"]).read().decode()  # noqa: S310 - loopback provider
    query = unescape(re.search(r'name="query" value="([^"]*)"', page).group(1))
    form = urlencode({"query": query, "username": username, "password": password}).encode()
    base = start["Location"].split("/authorize")[0]
    try:
        opener.open(Request(f"{base}/login", data=form))  # noqa: S310
        pytest.fail("the provider did not send the browser back")
    except Exception as redirect:  # urllib raises HTTPError for an unfollowed 302
        back = redirect.headers["Location"]
    assert back.startswith(CALLBACK)
    return client.get(back.removeprefix("http://testserver"))


def test_an_editor_signs_in_and_gets_the_editor_role_and_her_publishers(provider, db):
    make_framework(publisher="Ballerup Kommune")
    make_framework(title="Anden ramme", publisher="Vejle Kommune")
    client = Client()
    response = sign_in(client, "anne", "annes-kode")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    user = User.objects.get(username__startswith="sso.")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert (user.first_name, user.email) == ("Anne", "anne@ballerup.dk")
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktør"]
    assert list(user.edited_publishers.values_list("name", flat=True)) == ["Ballerup Kommune"]
    assert not user.user_permissions.filter(codename="edit_all_publishers").exists()
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() == 9 * 3600  # a working day, like any staff


def test_the_claims_decide_again_at_every_sign_in(provider, db):
    make_framework(publisher="Ballerup Kommune")
    sign_in(Client(), "anne", "annes-kode")
    user = User.objects.get(username__startswith="sso.")
    user.edited_publishers.add(Publisher.objects.create(name="Gammel Kommune"))
    sign_in(Client(), "anne", "annes-kode")
    assert list(user.edited_publishers.values_list("name", flat=True)) == ["Ballerup Kommune"]
    assert User.objects.filter(username__startswith="sso.").count() == 1


def test_the_all_publishers_role_gives_the_national_permission(provider, db):
    sign_in(Client(), "karin", "karins-kode")
    karin = User.objects.get(email="karin@kl.dk")
    assert karin.user_permissions.filter(codename="edit_all_publishers").exists()
    assert karin.has_perm("values.edit_all_publishers")


def test_someone_without_the_editor_role_is_not_let_in(provider, db):
    client = Client()
    response = sign_in(client, "bo", "bos-kode")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?sso=fejl"
    assert not User.objects.filter(email="bo@ballerup.dk").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Du blev ikke logget ind med din kommunale konto" in page


def test_a_provider_account_cannot_take_over_a_local_one(provider, superuser):
    sign_in(Client(), "anne", "annes-kode")
    superuser.refresh_from_db()
    assert superuser.email == "admin@example.com"
    assert User.objects.get(username__startswith="sso.").pk != superuser.pk


def test_password_login_for_staff_can_be_switched_off(provider, settings, editor, superuser):
    settings.STAFF_PASSWORD_LOGIN = False
    page = Client().get("/admin/login/").content.decode()
    assert "Log ind med din kommunale konto" in page
    assert "kun for superbrugere" in page
    client = Client()
    refused = client.post(
        "/admin/login/", {"username": editor.username, "password": "redaktoer-kode-123"}
    )
    assert refused.status_code == 200
    assert "Log ind med din kommunale konto med knappen ovenfor" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Break-glass: a superuser still can.
    admin = Client()
    response = admin.post("/admin/login/", {"username": "admin", "password": "admin-kode-123"})
    assert response.status_code == 302


def test_without_a_provider_the_sign_in_addresses_do_not_exist(client, db):
    assert client.get("/oidc/login/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "kommunale konto" not in client.get("/admin/login/").content.decode()
