"""A municipality lists its schools' published principles: the public list, what it means for
each principle's own page (indexed only when listed), withdrawal, and the queries a page costs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections import deletion
from reflections.models import BoardSpace, LineComment, PrincipleLine
from reflections.principles import approval
from reflections.views import listed

from .listing_data import municipality, published_principle, school, schools_with_principles

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex">'


def list_url(publisher) -> str:
    return reverse("municipal_principles:list", args=[publisher.slug])


def test_a_listing_municipality_shows_each_schools_published_principles_with_links(client):
    ballerup = municipality()
    vest = school(ballerup, "Vestskolen", 151012)
    oest = school(ballerup, "Østskolen", 151013)
    first = published_principle(vest, "Princip for skole-hjem-samarbejdet")
    second = published_principle(oest, "Princip for lejrskoler")
    response = client.get(list_url(ballerup))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Vestskolen") < page.index(first.title) < page.index("Østskolen")
    assert f'href="{first.public_url()}"' in page and f'href="{second.public_url()}"' in page
    assert "no-store" in response["Cache-Control"]


def test_a_municipality_that_does_not_list_has_no_page(client):
    ballerup = municipality(listed=False)
    published_principle(school(ballerup, "Vestskolen", 151012), "Princip for trivsel")
    assert client.get(list_url(ballerup)).status_code == 404
    assert client.get(reverse("municipal_principles:list", args=["ukendt"])).status_code == 404


def test_only_published_principles_of_the_municipalitys_own_schools_are_listed(client):
    ballerup, vejle = municipality(), municipality("Vejle Kommune")
    published_principle(school(vejle, "Vejleskolen", 151099), "Vejles princip")
    published_principle(None, "Friskolens princip")
    draft = published_principle(school(ballerup, "Vestskolen", 151012), "Udkastet")
    approval.unpublish(draft)
    page = client.get(list_url(ballerup)).content.decode()
    assert "Vejles princip" not in page and "Friskolens princip" not in page
    assert "Udkastet" not in page
    assert "Ingen skolebestyrelse i kommunen har offentliggjort et princip endnu." in page


def test_a_listed_principles_page_may_be_indexed_and_an_unlisted_one_not(client):
    ballerup = municipality()
    principle = published_principle(school(ballerup, "Vestskolen", 151012), "Princip for trivsel")
    response = client.get(principle.public_url())
    assert "X-Robots-Tag" not in response and NOINDEX not in response.content.decode()
    assert f'href="{list_url(ballerup)}"' in response.content.decode()
    pdf = client.get(reverse("principles:public_pdf", args=[principle.public_slug]))
    assert "X-Robots-Tag" not in pdf

    municipality(listed=False)
    response = client.get(principle.public_url())
    assert response["X-Robots-Tag"] == "noindex" and NOINDEX in response.content.decode()
    assert list_url(ballerup) not in response.content.decode()


def test_a_principle_on_a_space_without_a_school_stays_noindex(client):
    municipality()
    principle = published_principle(None, "Princip for trivsel")
    assert client.get(principle.public_url())["X-Robots-Tag"] == "noindex"


def test_a_board_that_unpublishes_or_deletes_leaves_the_list_at_once(client):
    ballerup = municipality()
    vest = school(ballerup, "Vestskolen", 151012)
    offline = published_principle(vest, "Princip taget offline")
    deleted = published_principle(vest, "Princip slettet med rummet")
    assert "Princip taget offline" in client.get(list_url(ballerup)).content.decode()
    approval.unpublish(offline)
    deletion.delete_spaces(BoardSpace.objects.filter(pk=deleted.space_id))
    page = client.get(list_url(ballerup)).content.decode()
    assert "Princip taget offline" not in page and "Princip slettet med rummet" not in page
    assert client.get(offline.public_url()).status_code == 410


def test_turning_the_list_off_takes_the_page_away_at_once(client):
    ballerup = municipality()
    published_principle(school(ballerup, "Vestskolen", 151012), "Princip for trivsel")
    assert client.get(list_url(ballerup)).status_code == 200
    municipality(listed=False)
    assert client.get(list_url(ballerup)).status_code == 404


def test_the_board_and_schools_texts_are_escaped(client):
    ballerup = municipality()
    published_principle(school(ballerup, "<b>Vestskolen</b>", 151012), "<script>x</script>")
    page = client.get(list_url(ballerup)).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert "<b>Vestskolen</b>" not in page


def test_a_long_list_comes_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(listed, "PAGE_SIZE", 2)
    ballerup = municipality()
    principles = schools_with_principles(ballerup, schools=3, per_school=1)
    first = client.get(list_url(ballerup)).content.decode()
    second = client.get(list_url(ballerup), {"side": 2}).content.decode()
    assert principles[0].title in first and principles[2].title not in first
    assert principles[2].title in second and principles[0].title not in second
    assert 'rel="next"' in first and 'rel="prev"' in second and "Side 2 af 2" in second


@pytest.mark.parametrize(("schools", "per_school"), [(1, 1), (6, 3)])
def test_the_list_costs_four_queries_however_many_schools_and_principles(
    client, django_assert_num_queries, schools, per_school
):
    ballerup = municipality()
    schools_with_principles(ballerup, schools, per_school)
    # The listing, the count, the page, and the site menu's frameworks.
    with django_assert_num_queries(4):
        assert client.get(list_url(ballerup)).status_code == 200


def test_a_listed_principles_page_costs_no_more_queries_than_before(client):
    ballerup = municipality()
    principle = published_principle(school(ballerup, "Vestskolen", 151012), "Princip")
    with CaptureQueriesContext(connection) as queries:
        client.get(principle.public_url())
    assert len(queries) == 2


def test_no_members_name_or_comment_reaches_the_list_or_the_api(client, published, board):
    """The worksheet's members (tests/reflections/conftest.py) and the board's comments."""
    line = PrincipleLine.objects.filter(section__principle=published).first()
    LineComment.objects.create(line=line, author_name="Hemmelig Forælder", text="Hemmelig note")
    ballerup = municipality()
    space = published.space
    space.school = school(ballerup, "Skovvejens Skole", 151012)
    space.save(update_fields=["school"])
    text = client.get(list_url(ballerup)).content.decode()
    text += client.get("/api/v1/principles").content.decode()
    assert text.count(published.public_url()) == 3  # the link; the API's url and pdf_url
    assert "Hemmelig Forælder" not in text and "Hemmelig note" not in text
    for participant in board.worksheet.participants.all():
        assert participant.display_name not in text


def test_the_chair_deleting_a_listed_principle_takes_it_off_the_list_and_the_api(
    client, published, space_chair
):
    ballerup = municipality()
    space = published.space
    space.school = school(ballerup, "Skovvejens Skole", 151012)
    space.save(update_fields=["school"])
    assert published.public_url() in client.get(list_url(ballerup)).content.decode()
    url = reverse("reflections:principle_delete", args=[space.key, published.pk])
    assert space_chair.post(url).status_code == 302
    assert published.public_url() not in client.get(list_url(ballerup)).content.decode()
    assert client.get("/api/v1/principles").json()["count"] == 0
    assert client.get(published.public_url()).status_code == 404
