"""The admin's "view on site" address sends staff only to objects they may see."""

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from reflections import services
from reflections.models import Worksheet
from tests.reflections.conftest import template  # noqa: F401 (fixture)
from values.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def worksheet(template) -> Worksheet:  # noqa: F811
    return services.create_from_template(
        template, school_name="Skovvejens Skole", board_name="Skolebestyrelsen"
    ).worksheet


def view_on_site(client: Client, obj) -> object:
    content_type = ContentType.objects.get_for_model(obj)
    return client.get(f"/admin/r/{content_type.pk}/{obj.pk}/")


def staff_client(*permissions: str) -> Client:
    user = User.objects.create_user("medarbejder", password="x-kode-123", is_staff=True)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_staff_without_worksheet_rights_are_not_sent_to_a_worksheet(worksheet, editor_client):
    for client in (staff_client(), editor_client):
        response = view_on_site(client, worksheet)
        assert response.status_code == 404
        assert worksheet.key not in response.get("Location", "")
        assert worksheet.key not in response.content.decode()


def test_staff_who_may_see_worksheets_are_sent_on(worksheet, superuser):
    client = staff_client("view_worksheet")
    response = view_on_site(client, worksheet)
    assert response.status_code == 302
    assert response["Location"].endswith(worksheet.get_absolute_url())
    admin = Client()
    admin.force_login(superuser)
    assert view_on_site(admin, worksheet).status_code == 302


def test_an_editor_is_still_sent_to_a_theme_page(framework, editor_client):
    theme = Theme.objects.first()
    response = view_on_site(editor_client, theme)
    assert response.status_code == 302
    assert response["Location"].endswith(theme.get_absolute_url())


@pytest.mark.parametrize(
    "address", ["/admin/r/x/1/", "/admin/r/99999/1/", "/admin/r/" + "9" * 30 + "/1/"]
)
def test_made_up_addresses_are_not_found(superuser, address):
    client = Client()
    client.force_login(superuser)
    assert client.get(address).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(worksheet):
    content_type = ContentType.objects.get_for_model(worksheet)
    response = Client().get(f"/admin/r/{content_type.pk}/{worksheet.pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
