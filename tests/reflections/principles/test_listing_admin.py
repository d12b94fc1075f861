"""Whether a municipality lists its principles is for that municipality's editors alone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from reflections.models import PrincipleListing
from values.models import Publisher

from .listing_data import municipality

pytestmark = pytest.mark.django_db

ADD = "admin:reflections_principlelisting_add"
CHANGE = "admin:reflections_principlelisting_change"
CHANGELIST = "admin:reflections_principlelisting_changelist"


@pytest.fixture
def vejle_listing() -> PrincipleListing:
    return municipality("Vejle Kommune", listed=False).principle_listing


@pytest.fixture
def vejle_editor(client) -> User:
    user = User.objects.create_user("vejle", password="vejle-kode-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    municipality("Vejle Kommune", listed=False).editors.add(user)
    return user


def test_an_editor_turns_on_the_list_for_their_own_municipality(editor_client, editor):
    ballerup = editor.edited_publishers.get(name="Ballerup Kommune")
    response = editor_client.post(reverse(ADD), {"municipality": ballerup.pk, "listed": "on"})
    assert response.status_code == 302
    assert PrincipleListing.objects.get().municipality == ballerup
    assert PrincipleListing.objects.get().listed


def test_an_editor_cannot_make_a_list_for_another_municipality(editor_client, vejle_listing):
    other = municipality("Odense Kommune", listed=False)
    PrincipleListing.objects.filter(municipality=other).delete()
    form = editor_client.get(reverse(ADD)).content.decode()
    assert "Odense Kommune" not in form and "Vejle Kommune" not in form
    response = editor_client.post(reverse(ADD), {"municipality": other.pk, "listed": "on"})
    assert response.status_code == 200  # the form again, with its error
    assert not PrincipleListing.objects.filter(municipality=other).exists()


def test_another_municipalitys_list_answers_404_and_is_never_changed(editor_client, vejle_listing):
    url = reverse(CHANGE, args=[vejle_listing.pk])
    assert editor_client.get(url).status_code == 404
    assert editor_client.post(url, {"listed": "on"}).status_code == 404
    vejle_listing.refresh_from_db()
    assert not vejle_listing.listed
    assert "Vejle Kommune" not in editor_client.get(reverse(CHANGELIST)).content.decode()


@pytest.mark.parametrize("action", ["change", "history", "delete"])
def test_every_address_of_another_municipalitys_list_is_closed_to_an_editor(
    editor_client, vejle_listing, action
):
    url = reverse(f"admin:reflections_principlelisting_{action}", args=[vejle_listing.pk])
    assert editor_client.get(url).status_code in (403, 404)
    assert editor_client.post(url, {"listed": "on", "post": "yes"}).status_code in (403, 404)
    assert PrincipleListing.objects.filter(pk=vejle_listing.pk, listed=False).exists()


def test_the_municipalitys_own_editor_changes_it(client, vejle_editor, vejle_listing):
    client.force_login(vejle_editor)
    url = reverse(CHANGE, args=[vejle_listing.pk])
    assert client.post(url, {"listed": "on"}).status_code == 302
    vejle_listing.refresh_from_db()
    assert vejle_listing.listed


def test_a_national_administrator_sees_every_municipalitys_list(client, superuser, vejle_listing):
    ballerup = municipality()
    client.force_login(superuser)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Vejle Kommune" in page and ballerup.name in page


def test_only_municipalities_are_offered(client, superuser):
    Publisher.objects.create(name="KL", kind=Publisher.Kind.ASSOCIATION)
    municipality("Odense Kommune").principle_listing.delete()
    client.force_login(superuser)
    form = client.get(reverse(ADD)).content.decode()
    assert "Odense Kommune" in form and ">KL<" not in form
