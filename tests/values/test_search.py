"""Danish search: stemming, several words, ranking, no results, hostile queries.

Runs on whichever database the suite runs on: SQLite (Snowball stems in an indexed table) and
PostgreSQL (full-text search with the `danish` configuration), so both are held to the same bar.
"""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_framework
from values.models import Concept, Item, ReflectionQuestion, SearchEntry, Status, Theme
from values.search import Query, highlight, rebuild_index, search

SEARCH = reverse("values:search")


def results_page(client, q: str) -> str:
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def found_entries(q: str) -> list[SearchEntry]:
    results = search(Query.parse(q), SearchEntry.objects.published(), limit=100)
    return [hit.entry for group in results.groups for hit in group.hits]


def found_texts(q: str) -> list[str]:
    return [entry.text for entry in found_entries(q)]


@pytest.fixture
def meeting(db) -> Item:
    framework = make_framework(title="Kvalitet i samarbejdet", publisher="Vejle Kommune")
    theme = framework.themes.get(number="1")
    return Item.objects.create(
        theme=theme,
        kind=Item.Kind.INDICATOR,
        group="Det kan vi se, når",
        text="Forældremøderne er velbesøgte, og Æbleskiverne smager godt på Østerbro.",
        position=50,
    )


def test_a_word_finds_its_inflected_forms(meeting):
    for q in ["forældremøde", "forældremøder", "forældremødet", "forældremøderne"]:
        assert meeting.text in found_texts(q), q


def test_case_and_danish_letters_do_not_matter(meeting):
    for q in ["FORÆLDREMØDE", "ForÆldreMøde", "æbleskiver", "ÆBLESKIVERNE", "østerbro", "ØSTERBRO"]:
        assert meeting.text in found_texts(q), q


def test_a_word_also_finds_compounds_that_start_with_it(meeting):
    assert meeting.text in found_texts("forældre")


def test_every_word_of_the_query_must_match(meeting):
    assert found_texts("forældremøde østerbro") == [meeting.text]
    assert found_texts("forældremøde københavn") == []


def test_results_are_ranked_with_title_matches_first(meeting):
    theme = meeting.theme
    titled = Item.objects.create(
        theme=theme,
        kind=Item.Kind.CASE,
        title="Forældremøder i Vejle",
        text="Et eksempel.",
        position=60,
    )
    assert found_entries("forældremøde")[0].item_id == titled.pk


def test_results_are_grouped_by_framework_and_link_to_the_item_in_its_theme(client, meeting):
    make_framework(title="Godt på vej", publisher="KL")  # its text mentions forældremøder too
    html = results_page(client, "forældremøde")
    headings = re.findall(r'<h2 id="gruppe-[^"]+" lang="da">([^<]+)</h2>', html)
    assert "Vejle Kommune: Kvalitet i samarbejdet" in headings
    assert "KL: Godt på vej" in headings
    assert f'href="{meeting.theme.get_absolute_url()}#punkt-{meeting.pk}"' in html


def test_matched_words_are_highlighted_and_the_rest_escaped(client, meeting):
    meeting.text = "Forældremøder <script>alert(1)</script> & kaffe"
    meeting.save()
    html = results_page(client, "forældremøde")
    assert "<mark>Forældremøder</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; kaffe" in html
    assert "<script>alert" not in html


EXCERPT = (Query.parse("forældremøde"), 320)


def test_a_long_text_is_shown_around_its_first_match_or_from_its_start():
    filler = "Skolen og hjemmet taler sammen om hverdagen. " * 12
    late = highlight(filler + "Forældremøderne <b>planlægges</b> i fællesskab. " + filler, *EXCERPT)
    assert late.startswith("… ") and late.endswith(" …")
    assert "<mark>Forældremøderne</mark> &lt;b&gt;planlægges&lt;/b&gt;" in late
    # Found by its title or heading only: the text's start, escaped, nothing marked.
    elsewhere = highlight("<i>Samarbejde</i> om trivsel. " + filler, *EXCERPT)
    assert elsewhere.startswith("&lt;i&gt;Samarbejde&lt;/i&gt; om trivsel.")
    assert elsewhere.endswith(" …") and "<mark>" not in elsewhere
    assert len(late) < 400 and len(elsewhere) < 400


def test_the_header_search_box_on_every_page_sends_q_to_the_search_page(client, meeting):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{SEARCH}" method="get"' in html
    assert 'name="q"' in html


def test_an_empty_result_says_so_and_suggests_concepts(client, meeting):
    Concept.objects.create(name="Kommunikation", description="Hvordan man taler sammen.")
    html = results_page(client, "rumskib")
    assert "Ingen resultater for “rumskib”" in html
    assert "Prøv et begreb i stedet" in html
    assert 'href="/begreber/kommunikation/"' in html


@pytest.mark.parametrize(
    "q",
    [
        "x" * 1000,
        "æøå " * 250,
        "!!! ??? ... --- ;;;",
        "'; DROP TABLE values_item; --",
        '" OR 1=1 --',
        "forældre & | ! :* ( )",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "\x00\x01 null",
        "og i at",  # only stop words
        "%_%",
    ],
)
def test_long_or_odd_queries_get_a_normal_page(client, meeting, q):
    html = results_page(client, q)
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "<script>alert" not in html and "<img src=x" not in html
    assert Item.objects.filter(pk=meeting.pk).exists()


def test_a_query_without_searchable_words_asks_for_words(client, meeting):
    html = results_page(client, "!!! ???")
    assert "ingen ord, der kan søges på" in html


def test_drafts_are_never_found(client, meeting):
    make_framework(title="Hemmeligt udkast til ramme", status=Status.DRAFT)
    draft_theme = Theme.objects.create(
        framework=meeting.theme.framework,
        title="Kladde om forældremøder",
        status=Status.DRAFT,
        body="Forældremøder i kladde.",
    )
    html = results_page(client, "forældremøde")
    assert "Hemmeligt udkast" not in html
    assert draft_theme.title not in html
    assert meeting.text in html


def test_the_index_follows_edits_and_deletions(meeting):
    assert meeting.pk in [entry.item_id for entry in found_entries("æbleskiver")]
    meeting.text = "Skolebestyrelsen holder dialogmøder."
    meeting.save()
    assert found_entries("æbleskiver") == []
    assert meeting.text in found_texts("dialogmøde")
    question = ReflectionQuestion.objects.create(
        theme=meeting.theme, text="Hvordan bruger vi dialogmøderne?", position=9
    )
    assert question.text in found_texts("dialogmøde")
    question.delete()
    meeting.theme.delete()
    assert found_texts("dialogmøde") == []


def test_rebuilding_the_index_finds_the_same_as_keeping_it_in_sync(meeting):
    before = sorted(found_texts("forældre"))
    SearchEntry.objects.all().delete()
    assert found_texts("forældre") == []
    rebuild_index()
    assert sorted(found_texts("forældre")) == before


@pytest.mark.parametrize("scale", [1, 10])
def test_the_search_page_runs_a_fixed_number_of_queries_however_much_it_finds(
    client, db, django_assert_num_queries, scale
):
    for n in range(scale):
        make_framework(title=f"Ramme {n}", themes=2, items_per_theme=3 * scale)
    with django_assert_num_queries(3):  # one page of ranked ids, those entries, the footer
        html = results_page(client, "forældre")
    assert "<mark>" in html
    with django_assert_num_queries(3):  # nothing found: the concepts to suggest, the footer
        results_page(client, "rumskib")


def test_many_hits_are_shown_a_page_at_a_time(client, db):
    make_framework(title="Stor ramme", themes=12, items_per_theme=3)
    first = results_page(client, "forældre")
    assert "Resultat 1–10" in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get(reverse("values:search"), {"q": "forældre", "side": 2}).content.decode()
    assert "Resultat 11–20" in second
    assert 'rel="prev"' in second
    assert client.get(reverse("values:search"), {"q": "forældre", "side": "x"}).status_code == 200


def test_the_database_searches_its_own_danish_index(meeting):
    """PostgreSQL: a GIN-indexed tsvector, config `danish`; SQLite: Danish Snowball stems."""
    from django.db import connection

    entry = SearchEntry.objects.get(item=meeting)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'values_searchentry' "
                "AND indexdef ILIKE '%%USING gin (document)%%'"
            )
            assert cursor.fetchone() is not None
            cursor.execute(
                "SELECT document::text FROM values_searchentry WHERE id = %s", [entry.pk]
            )
            assert "'forældremød'" in cursor.fetchone()[0]
    else:
        assert "forældremød" in set(entry.terms.values_list("term", flat=True))


GIN_INDEX = "values_searchentry_document_gin"


def test_a_rebuilt_index_is_searched_without_a_pending_list(meeting):
    """PostgreSQL: `load_content` rebuilds every entry; with the GIN index's default `fastupdate`
    they would wait in a pending list that each search reads through until a vacuum merges it
    (ten times slower on the bench's content)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches its SearchTerm table, which has no pending list")
    for n in range(3):
        make_framework(title=f"Ramme {n}", themes=2, items_per_theme=20)
    rebuild_index()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute(
            "SELECT pending_pages FROM pgstatginindex('values_searchentry_document_gin')"
        )
        assert cursor.fetchone()[0] == 0
    assert found_texts("forældremøde")
