"""Each API endpoint runs a fixed number of queries, however much content there is."""

import pytest

from tests.values.test_page_queries import build_content
from values.models import Item, Material, ReflectionQuestion

API = "/api/v1"


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [1, 5])
def test_each_endpoint_runs_a_fixed_number_of_queries(
    client, concepts, django_assert_num_queries, scale
):
    theme = build_content(scale, concepts)
    framework = theme.framework
    item = Item.objects.filter(theme=theme).first()
    question = ReflectionQuestion.objects.filter(theme=theme).first()
    material = Material.objects.bulk_create(
        Material(theme=theme, title=f"Materiale {n}", url="https://www.emu.dk/", source="EVA")
        for n in range(scale * 3)
    )[0]
    # Every answer starts with the one query behind ETag and Last-Modified.
    expected = {
        "/publishers": 3,  # stamp, count, page
        f"/publishers/{framework.publisher.slug}": 2,
        "/concepts": 3,
        f"/concepts/{concepts[0].slug}": 2,
        "/frameworks": 3,
        f"/frameworks/{framework.slug}": 2,
        "/themes?page_size=100": 4,  # stamp, count, page, their concepts
        f"/themes/{theme.pk}": 3,
        "/items?page_size=100": 4,
        f"/items/{item.pk}": 3,
        "/questions?page_size=100": 4,
        f"/questions/{question.pk}": 3,
        "/materials?page_size=100": 3,  # stamp, count, page
        f"/materials/{material.pk}": 2,
        "/search?q=forældre": 3,  # stamp, ranked ids, those entries
    }
    for path, count in expected.items():
        with django_assert_num_queries(count):
            response = client.get(f"{API}{path}")
        assert response.status_code == 200, path
    etag = client.get(f"{API}/items")["ETag"]
    with django_assert_num_queries(1):  # a 304 costs the stamp alone
        again = client.get(f"{API}/items", headers={"if-none-match": etag})
    assert again.status_code == 304
