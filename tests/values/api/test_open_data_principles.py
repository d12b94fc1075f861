"""The published principles municipalities list, in the open-data zip: the same fields as the
API, and gone from the next download once a board takes its principle offline."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from reflections.principles import approval
from tests.reflections.principles.listing_data import municipality, published_principle, school
from values.opendata import dump as open_dump

pytestmark = pytest.mark.django_db


def archive_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    return tmp_path


def test_the_dump_holds_listed_principles_with_the_apis_fields(client, data_dir):
    ballerup, vejle = municipality(), municipality("Vejle Kommune", listed=False)
    principle = published_principle(school(ballerup, "Vestskolen", 151012), "Princip for trivsel")
    published_principle(school(vejle, "Vejleskolen", 151099), "Vejles princip")
    published_principle(None, "Friskolens princip")
    archive = archive_of(client.get(reverse("opendata_dump")))
    records = json.loads(archive.read("principles.json"))
    from_api = client.get(f"/api/v1/principles/{principle.public_slug}").json()
    (record,) = records
    assert set(record) == set(from_api)
    # Addresses on the portal's own site, not the request's host.
    assert record["url"].endswith(principle.public_url())
    addresses = {"url", "pdf_url"}
    assert {k: v for k, v in record.items() if k not in addresses} == {
        k: v for k, v in from_api.items() if k not in addresses
    }
    text = archive.read("principles.csv").decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text), delimiter=";")
    assert set(row) == set(from_api)
    assert row["title"] == "Princip for trivsel" and row["school"] == "Vestskolen"
    assert json.loads(row["sections"])[0]["lines"][0]["text"] == "Vi mødes tidligt."


def test_an_unpublished_principle_leaves_the_dump_at_the_next_request(client, data_dir):
    principle = published_principle(school(municipality(), "Vestskolen", 151012), "Princip")
    first = client.get(reverse("opendata_dump"))
    assert len(json.loads(archive_of(first).read("principles.json"))) == 1
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"] and "Last-Modified" not in first
    assert client.get(reverse("opendata_dump"), headers={"if-none-match": etag}).status_code == 304
    approval.unpublish(principle)
    assert not open_dump.is_current()
    again = client.get(reverse("opendata_dump"), headers={"if-none-match": etag})
    assert again.status_code == 200
    assert json.loads(archive_of(again).read("principles.json")) == []


def test_switching_the_municipalitys_list_off_makes_the_dump_stale(client, data_dir):
    published_principle(school(municipality(), "Vestskolen", 151012), "Princip")
    open_dump.build_dump()
    assert open_dump.is_current()
    municipality(listed=False)
    assert not open_dump.is_current()
    archive = archive_of(client.get(reverse("opendata_dump")))
    assert json.loads(archive.read("principles.json")) == []


def test_unpublishing_a_principle_starts_a_rebuild_and_a_draft_edit_does_not(
    settings, monkeypatch, data_dir, django_capture_on_commit_callbacks
):
    principle = published_principle(school(municipality(), "Vestskolen", 151012), "Princip")
    scheduled = []
    monkeypatch.setattr("values.opendata.rebuild.schedule_rebuild", lambda: scheduled.append(1))
    settings.OPEN_DATA_REBUILD_ON_CHANGE = True
    with django_capture_on_commit_callbacks(execute=True):
        principle.title = "Et nyt udkast"
        principle.save(update_fields=["title", "updated_at"])
    assert scheduled == []
    with django_capture_on_commit_callbacks(execute=True):
        approval.unpublish(principle)
    assert scheduled == [1]
