"""The API's published principles: only those a municipality lists, the version the public page
shows and no member's name; gone at once when the board takes them offline."""

from __future__ import annotations

import pytest

from reflections.principles import approval
from tests.reflections.principles.listing_data import (
    municipality,
    published_principle,
    school,
    schools_with_principles,
)

API = "/api/v1/principles"

pytestmark = pytest.mark.django_db


def test_the_list_holds_listed_principles_with_the_published_version(client):
    ballerup = municipality()
    principle = published_principle(school(ballerup, "Vestskolen", 151012), "Princip for trivsel")
    body = client.get(API).json()
    assert body["count"] == 1
    (found,) = body["results"]
    assert found["slug"] == principle.public_slug
    assert found["title"] == "Princip for trivsel"
    assert (found["municipality"], found["school"]) == (ballerup.slug, "Vestskolen")
    assert found["institution_number"] == "151012" and found["version"] == 1
    assert found["sections"][0]["lines"][0]["text"] == "Vi mødes tidligt."
    assert found["url"] == f"http://testserver{principle.public_url()}"
    assert client.get(f"{API}/{principle.public_slug}").json() == found


def test_unlisted_unpublished_and_schoolless_principles_are_not_in_the_api(client):
    ballerup, vejle = municipality(), municipality("Vejle Kommune", listed=False)
    hidden = [
        published_principle(school(vejle, "Vejleskolen", 151099), "Vejles princip"),
        published_principle(None, "Friskolens princip"),
    ]
    offline = published_principle(school(ballerup, "Vestskolen", 151012), "Offline")
    approval.unpublish(offline)
    assert client.get(API).json()["count"] == 0
    for principle in [*hidden, offline]:
        assert client.get(f"{API}/{principle.public_slug}").status_code == 404


def test_the_list_filters_by_municipality(client):
    ballerup, vejle = municipality(), municipality("Vejle Kommune")
    published_principle(school(ballerup, "Vestskolen", 151012), "Ballerups princip")
    published_principle(school(vejle, "Vejleskolen", 151099), "Vejles princip")
    body = client.get(API, {"municipality": vejle.slug}).json()
    assert [p["title"] for p in body["results"]] == ["Vejles princip"]


def test_taking_a_principle_offline_changes_the_etag_at_once(client):
    ballerup = municipality()
    principle = published_principle(school(ballerup, "Vestskolen", 151012), "Princip")
    etag = client.get(API)["ETag"]
    assert client.get(API, headers={"if-none-match": etag}).status_code == 304
    approval.unpublish(principle)
    again = client.get(API, headers={"if-none-match": etag})
    assert again.status_code == 200 and again.json()["count"] == 0
    assert "Last-Modified" not in again


def test_turning_the_list_off_changes_the_etag_at_once(client):
    published_principle(school(municipality(), "Vestskolen", 151012), "Princip")
    etag = client.get(API)["ETag"]
    municipality(listed=False)
    assert client.get(API, headers={"if-none-match": etag}).status_code == 200


@pytest.mark.parametrize(("schools", "per_school"), [(1, 1), (5, 3)])
def test_the_principles_endpoints_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, schools, per_school
):
    principles = schools_with_principles(municipality(), schools, per_school)
    with django_assert_num_queries(3):  # the ETag's rows, the count, the page
        assert client.get(f"{API}?page_size=100").status_code == 200
    with django_assert_num_queries(2):  # the ETag's rows, the principle
        assert client.get(f"{API}/{principles[-1].public_slug}").status_code == 200
