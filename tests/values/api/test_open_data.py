"""The open-data zip (JSON and CSV per kind), its rebuilding, and its DCAT-AP-DK record."""

import csv
import io
import json
import time
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import make_framework
from values.models import Framework, Material, Status
from values.opendata import dump as open_dump
from values.opendata import rebuild

KINDS = ["publishers", "frameworks", "themes", "items", "questions", "concepts"]


def archive_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_the_dump_has_json_and_csv_for_every_kind_and_no_drafts(
    client, data_dir, framework, draft_framework, concepts
):
    for shown in (framework, draft_framework):
        Material.objects.create(
            theme=shown.themes.first(),
            title="Film",
            url="https://www.emu.dk/film" if shown == framework else "https://udkast.example/",
            source="EVA",
        )
    response = client.get(reverse("opendata_dump"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="foraeldresamarbejde.zip"' in response["Content-Disposition"]
    archive = archive_of(response)
    names = set(archive.namelist())
    assert {f"{kind}.{ext}" for kind in KINDS for ext in ("json", "csv")} <= names
    frameworks = json.loads(archive.read("frameworks.json"))
    assert [f["slug"] for f in frameworks] == [framework.slug]
    assert frameworks[0]["licence"] == "Ophavsret hos udgiveren"
    items = json.loads(archive.read("items.json"))
    assert len(items) == 8 and all(i["framework"] == framework.slug for i in items)
    text = archive.read("items.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 8 and rows[0]["kind"] and "Hemmeligt" not in text
    assert "Ophavsret hos udgiveren" in archive.read("README.txt").decode()
    materials = json.loads(archive.read("materials.json"))
    assert [m["link"] for m in materials] == ["https://www.emu.dk/film"]


@pytest.mark.django_db
def test_a_stale_dump_is_rebuilt_before_it_is_served(client, data_dir, framework):
    call_command("build_open_data", verbosity=0)
    assert open_dump.is_current()
    make_framework(title="Ny ramme fra Vejle", publisher="Vejle Kommune")
    assert not open_dump.is_current()
    archive = archive_of(client.get(reverse("opendata_dump")))
    titles = {f["title"] for f in json.loads(archive.read("frameworks.json"))}
    assert "Ny ramme fra Vejle" in titles


@pytest.mark.django_db(transaction=True)
def test_publishing_a_framework_rebuilds_the_dump_in_the_background(settings, data_dir):
    # Made before the rebuilds are switched on: a rebuild reading while the test is still
    # inserting themes and items meets SQLite's table lock (the test database is shared-cache).
    framework = make_framework(status=Status.DRAFT)
    settings.OPEN_DATA_REBUILD_ON_CHANGE = True
    Framework.objects.get(pk=framework.pk).save()  # nothing published yet
    _wait_for_rebuild()
    with zipfile.ZipFile(open_dump.dump_path()) as archive:
        assert json.loads(archive.read("frameworks.json")) == []
    framework.status = Status.PUBLISHED
    framework.save()
    _wait_for_rebuild()
    assert open_dump.is_current()
    with zipfile.ZipFile(open_dump.dump_path()) as archive:
        assert [f["slug"] for f in json.loads(archive.read("frameworks.json"))] == [framework.slug]


def _wait_for_rebuild(seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    time.sleep(0.05)
    while rebuild.is_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not rebuild.is_running()


@pytest.mark.django_db
def test_the_dcat_record_describes_dataset_publisher_licence_and_frequency(
    client, settings, framework
):
    settings.PORTAL_OWNER_NAME = "Aarhus Kommune"
    settings.PORTAL_CONTACT_EMAIL = "portal@aarhus.dk"
    framework.licence = "CC BY 4.0"
    framework.save()
    response = client.get(reverse("opendata_dcat"))
    assert response["Content-Type"].startswith("application/ld+json")
    record = response.json()
    assert record["@type"] == "dcat:Dataset"
    assert record["dct:publisher"]["foaf:name"]["@value"] == "Aarhus Kommune"
    assert record["dct:accrualPeriodicity"]["@id"].endswith("frequency/IRREG")
    assert record["dcat:contactPoint"]["vcard:hasEmail"]["@id"] == "mailto:portal@aarhus.dk"
    zip_distribution = record["dcat:distribution"][0]
    assert zip_distribution["dcat:downloadURL"]["@id"] == (
        "http://testserver/api/v1/data/foraeldresamarbejde.zip"
    )
    assert "CC BY 4.0" in zip_distribution["dct:rights"]["rdfs:label"]
