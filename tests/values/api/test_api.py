"""The read-only API: published content only, filters, pages, 304s, CORS, no cookies, JSON
errors, the site's search, and a fixed number of queries per endpoint."""

import pytest
from django.urls import reverse

from tests.conftest import make_framework
from values.models import Item, Material, Publisher, Status, Theme

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, path, **headers):
    return client.get(f"{API}{path}", headers=headers)


def test_drafts_never_appear_and_an_unpublished_framework_is_a_json_404(
    client, framework, draft_framework
):
    listed = get(client, "/frameworks").json()
    assert [f["slug"] for f in listed["results"]] == [framework.slug]
    draft_theme = draft_framework.themes.first()
    draft_item = Item.objects.filter(theme__framework=draft_framework).first()
    for path in (
        f"/frameworks/{draft_framework.slug}",
        f"/themes/{draft_theme.pk}",
        f"/items/{draft_item.pk}",
    ):
        response = get(client, path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Findes ikke, eller er ikke offentliggjort."}
    texts = {i["text"] for i in get(client, "/items?page_size=100").json()["results"]}
    assert texts and not any("Hemmeligt" in t for t in texts)
    publishers = get(client, "/publishers").json()["results"]
    assert len(publishers) == 1  # both frameworks share a publisher; the draft adds nobody


def test_a_draft_theme_of_a_published_framework_stays_out(client, framework):
    theme = framework.themes.first()
    Theme.objects.filter(pk=theme.pk).update(status=Status.DRAFT)
    assert get(client, f"/themes/{theme.pk}").status_code == 404
    items = get(client, "/items?page_size=100").json()["results"]
    assert items and all(i["theme"] != theme.pk for i in items)


def test_lists_filter_by_framework_publisher_kind_and_concept(client, concepts):
    ballerup = make_framework(concepts=concepts[:1])
    make_framework(title="Vejles ramme", publisher="Vejle Kommune")
    by_framework = get(client, f"/items?framework={ballerup.slug}&page_size=100").json()
    assert by_framework["count"] == Item.objects.filter(theme__framework=ballerup).count()
    assert {i["framework"] for i in by_framework["results"]} == {ballerup.slug}
    vejle = Publisher.objects.get(name="Vejle Kommune")
    assert get(client, f"/frameworks?publisher={vejle.slug}").json()["count"] == 1
    statements = get(client, "/items?kind=statement&page_size=100").json()["results"]
    assert statements and {i["kind"] for i in statements} == {"statement"}
    assert statements[0]["kind_label"] == "Udsagn"
    tagged = get(client, f"/themes?concept={concepts[0].slug}").json()
    assert tagged["count"] == 2 and {t["framework"] for t in tagged["results"]} == {ballerup.slug}


def test_pages_link_to_each_other_and_a_page_past_the_end_is_a_json_404(client, framework):
    first = get(client, "/items?page_size=2").json()
    assert first["count"] == 8 and len(first["results"]) == 2
    assert first["previous"] is None and first["next"].endswith("page_size=2&page=2")
    last = get(client, "/items?page_size=2&page=4").json()
    assert last["next"] is None and last["previous"].endswith("page=3")
    beyond = get(client, "/items?page_size=2&page=5")
    assert beyond.status_code == 404 and "4 side(r)" in beyond.json()["detail"]


def test_bad_input_gets_a_json_400_in_danish(client, framework):
    for path in ("/items?kind=nonsens", "/items?page=0", "/frameworks?publisher=a%20b"):
        response = get(client, path)
        assert response.status_code == 400
        assert response.json()["detail"].startswith("Ugyldig forespørgsel")


def test_other_methods_and_unknown_addresses_are_json_errors(client, framework):
    posted = client.post(f"{API}/frameworks")
    assert posted.status_code == 405 and "GET" in posted.json()["detail"]
    unknown = get(client, "/nothing-here")
    assert unknown.status_code == 404 and unknown.json()["detail"]


def test_asking_again_gets_304_until_content_changes(client, framework):
    first = get(client, "/frameworks")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert get(client, "/frameworks", if_none_match=etag).status_code == 304
    assert get(client, "/frameworks", if_modified_since=modified).status_code == 304
    framework.title = "Ny titel"
    framework.save()
    changed = get(client, "/frameworks", if_none_match=etag)
    assert changed.status_code == 200 and changed.json()["results"][0]["title"] == "Ny titel"
    Item.objects.filter(theme__framework=framework).first().delete()
    assert get(client, "/items", if_none_match=get(client, "/items")["ETag"]).status_code == 304
    Item.objects.filter(theme__framework=framework).first().delete()  # a deletion changes it
    assert get(client, "/frameworks", if_none_match=changed["ETag"]).status_code == 200


def test_any_site_may_read_but_only_with_get(client, framework):
    response = get(client, "/frameworks", origin="https://intra.aarhus.dk")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        f"{API}/frameworks",
        headers={"origin": "https://intra.aarhus.dk", "access-control-request-method": "GET"},
    )
    assert preflight["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in preflight
    page = client.get(reverse("home"), headers={"origin": "https://intra.aarhus.dk"})
    assert "Access-Control-Allow-Origin" not in page


def test_api_sets_no_cookie_and_ignores_an_editors_session_and_preview(
    editor_client, draft_framework, framework
):
    editor_client.post(reverse("admin:values_preview_on"), {"next": "/"})
    assert editor_client.get(draft_framework.get_absolute_url()).status_code == 200  # preview
    response = editor_client.get(f"{API}/frameworks/{draft_framework.slug}")
    assert response.status_code == 404
    listed = editor_client.get(f"{API}/frameworks")
    assert not listed.cookies
    assert "Cookie" not in listed.get("Vary", "")
    assert "Accept-Language" not in listed.get("Vary", "")


def test_answers_are_danish_whatever_the_client_language(client, framework):
    item = get(client, "/items?kind=statement", accept_language="en").json()["results"][0]
    assert item["kind_label"] == "Udsagn"


def test_search_finds_danish_words_as_the_site_does(client, framework, draft_framework):
    found = get(client, "/search?q=forældremøde").json()
    kinds = {hit["kind"] for hit in found["results"]}
    assert "theme" in kinds
    assert {hit["framework"] for hit in found["results"]} == {framework.slug}
    assert found["results"][0]["url"].startswith("http://testserver/rammer/")
    assert get(client, "/search?q=").status_code == 400


def test_framework_licence_defaults_to_the_publishers_copyright(client, framework):
    detail = get(client, f"/frameworks/{framework.slug}").json()
    assert detail["licence"] == "Ophavsret hos udgiveren"
    framework.licence = "CC BY 4.0"
    framework.licence_url = "https://creativecommons.org/licenses/by/4.0/"
    framework.save()
    assert get(client, f"/frameworks/{framework.slug}").json()["licence"] == "CC BY 4.0"
    page = client.get(framework.get_absolute_url()).content.decode()
    assert "Licens og vilkår:" in page and "CC BY 4.0" in page


def test_the_schema_and_the_documentation_page_are_served(client):
    schema = get(client, "/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/items" in schema["paths"]
    docs = client.get(reverse("api_docs"))
    html = docs.content.decode()
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in html and "<script>" not in html
    assert 'data-schema-url="/api/v1/openapi.json"' in html


def test_the_page_cache_never_answers_for_the_api(client, settings, framework):
    settings.PAGE_CACHE_SECONDS = 60
    assert get(client, "/frameworks").json()["results"][0]["title"] == framework.title
    Publisher.objects.filter(pk=framework.publisher_id).update(name="Ændret uden signal")
    again = get(client, "/frameworks")
    assert "X-Page-Cache" not in again
    assert again.json()["results"][0]["publisher_name"] == "Ændret uden signal"


@pytest.mark.django_db
def test_materials_are_listed_with_their_link_and_licence_and_filtered_by_framework(client):
    ballerup = make_framework()
    vejle = make_framework(title="Vejles ramme", publisher="Vejle Kommune")
    draft = make_framework(title="Udkast", publisher="Solrød Kommune", status=Status.DRAFT)
    for framework in (ballerup, vejle, draft):
        Material.objects.create(
            theme=framework.themes.first(),
            title=f"Film fra {framework.title}",
            url="https://www.emu.dk/film",
            source="EVA",
            licence="CC BY 4.0",
            description="Korte film til bestyrelsesmødet.",
        )
    everything = client.get("/api/v1/materials").json()
    assert everything["count"] == 2 and "Udkast" not in str(everything)
    answer = client.get("/api/v1/materials", {"framework": vejle.slug}).json()
    [material] = answer["results"]
    assert material["title"] == "Film fra Vejles ramme"
    assert material["link"] == "https://www.emu.dk/film" and material["licence"] == "CC BY 4.0"
    assert material["source"] == "EVA" and material["framework"] == vejle.slug
    assert material["url"].endswith(f"{vejle.themes.first().get_absolute_url()}#materialer")
    by_publisher = client.get("/api/v1/materials", {"publisher": ballerup.publisher.slug}).json()
    assert [m["framework"] for m in by_publisher["results"]] == [ballerup.slug]
    hidden = Material.objects.get(theme__framework=draft)
    assert client.get(f"/api/v1/materials/{hidden.pk}").status_code == 404
    assert client.get(f"/api/v1/materials/{material['id']}").json() == material
