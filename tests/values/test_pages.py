"""The public pages: what a school leader sees, that only published content shows, and that each
page runs the same number of queries with ten times the content."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_framework
from values.models import Concept, Framework, Item, ReflectionQuestion, Status, Theme


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def ballerup(concepts) -> Framework:
    framework = make_framework(concepts=[concepts[0]])
    framework.introduction_heading = "EN FÆLLES OPGAVE"
    framework.introduction = (
        "Forældrene er de vigtigste voksne i barnets liv.\n\n# VÆRDIER\n\nDe fire værditemaer er:"
        "\n\n1. Fællesskaber\n2. Relationen"
    )
    framework.references = "Knudsen, H. (2010)\nAlexandersen, N. (2016)"
    framework.save()
    return framework


@pytest.fixture
def kl(concepts) -> Framework:
    return make_framework(
        title="Godt på vej – i samarbejde med forældrene", publisher="KL", concepts=concepts
    )


# --- Home ----------------------------------------------------------------------------------------


def test_home_explains_the_portal_and_lists_frameworks_with_their_size(client, ballerup, kl):
    html = html_of(client, reverse("home"))
    assert "Rammer for forældresamarbejde" in html
    assert ballerup.title in html and "Ballerup Kommune" in html and "KL" in html
    assert "2 temaer" in html and "4 refleksionsspørgsmål" in html


def test_home_offers_every_way_in(client, ballerup):
    html = html_of(client, reverse("home"))
    for url in [
        reverse("values:framework_list"),
        reverse("values:concept_list"),
        reverse("values:search"),
        reverse("reflections:index"),
        ballerup.get_absolute_url(),
    ]:
        assert f'href="{url}"' in html, url


def test_home_counts_only_published_themes(client, ballerup):
    ballerup.themes.filter(number="2").update(status=Status.DRAFT)
    html = html_of(client, reverse("home"))
    assert "1 tema " in text_of(html) and "2 refleksionsspørgsmål" in html


# --- Framework -----------------------------------------------------------------------------------


def test_framework_page_shows_source_introduction_and_all_parts_in_order(client, ballerup):
    Theme.objects.create(
        framework=ballerup, title="Faktaboks om historien", position=0, counts_as_theme=False
    )
    html = html_of(client, ballerup.get_absolute_url())
    assert "Ballerup Kommune: Forældre som samarbejdspartnere" in html  # the source line
    assert "Inspirationsmateriale" in html and "2017" in html
    # The document's own heading over its introduction, its subheading and its numbered list.
    # It arrives as an open DKFDS accordion: readable without JavaScript.
    assert re.search(
        r'<h2 id="introduction"><button type="button" class="accordion-button" '
        r'aria-expanded="true" aria-controls="introduction-text">'
        r'<span class="accordion-title" lang="da">EN FÆLLES OPGAVE</span></button></h2>\s*'
        r'<div id="introduction-text" class="accordion-content" aria-hidden="false">',
        html,
    )
    assert "<h3>VÆRDIER</h3>" in html
    assert "<ol>\n<li>Fællesskaber</li>\n<li>Relationen</li>\n</ol>" in html
    assert "Forældrene er de vigtigste voksne" in html
    # One list of the document's parts in its order; nothing is "other", no empty heading.
    first, second = (t.title for t in ballerup.themes.filter(number__in=["1", "2"]))
    parts = html[html.index('id="parts-heading"') :]
    assert parts.index("Faktaboks om historien") < parts.index(first) < parts.index(second)
    assert "Kort indledning til tema 1" in html
    assert "Øvrige dele" not in html and "Dokumentets temaer" not in html
    assert "Alexandersen, N. (2016)" in html


def test_framework_page_hides_draft_themes_and_draft_frameworks_are_not_found(
    client, ballerup, draft_framework
):
    hidden = ballerup.themes.get(number="2")
    hidden.status = Status.DRAFT
    hidden.save()
    html = html_of(client, ballerup.get_absolute_url())
    assert hidden.title not in html
    assert client.get(draft_framework.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404


# --- Theme ---------------------------------------------------------------------------------------


@pytest.fixture
def rich_theme(ballerup) -> Theme:
    """A theme shaped like the documents: runs under the documents' own headings, nesting."""
    theme = ballerup.themes.get(number="1")
    theme.items.all().delete()
    theme.questions.all().delete()
    example = Item.objects.create(
        theme=theme,
        kind=Item.Kind.EXAMPLE,
        group="Eksempel",
        title="Fællesskaber defineres",
        position=10,
    )
    Item.objects.create(
        theme=theme,
        parent=example,
        kind=Item.Kind.STATEMENT,
        group="Udsagn",
        text="Forældrene har brug for tydelige professionelle.",
        position=20,
    )
    ReflectionQuestion.objects.create(
        theme=theme, item=example, group="Refleksion", text="Er vi tydelige?", position=10
    )
    for n in range(3):
        Item.objects.create(
            theme=theme,
            kind=Item.Kind.INDICATOR,
            group="Det kan vi se, når",
            text=f"Indikator {n}",
            position=30 + n,
        )
    Item.objects.create(
        theme=theme,
        kind=Item.Kind.MAIN_POINT,
        group="Forældrene har ansvar for at",
        responsibility=Item.Responsibility.PARENTS,
        text="bakke op om skolen",
        position=40,
    )
    Item.objects.create(
        theme=theme,
        kind=Item.Kind.CASE,
        group="Eksempler fra kommunerne",
        title="Uddrag af Gladsaxe",
        place="Gladsaxe Kommune",
        text="Dagtilbuddene…",
        position=50,
    )
    spiral = Item.objects.create(
        theme=theme,
        kind=Item.Kind.SPIRAL,
        group="Spiraler",
        title="Inklusionsspiralen",
        position=60,
    )
    for n in range(2):
        Item.objects.create(
            theme=theme,
            parent=spiral,
            kind=Item.Kind.SPIRAL_STEP,
            text=f"Trin {n}",
            position=61 + n,
        )
    ReflectionQuestion.objects.create(
        theme=theme, group="Refleksionsspørgsmål om ansvar", text="Hvem gør hvad?", position=20
    )
    return theme


def test_theme_page_shows_items_under_the_documents_own_headings(client, rich_theme):
    html = html_of(client, rich_theme.get_absolute_url())
    h2s = re.findall(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)
    for heading in [
        "Eksempel",
        "Det kan vi se, når",
        "Hovedpointer",  # over the runs of main points, as KL sets it
        "Eksempler fra kommunerne",
        "Spiraler",
    ]:
        assert heading in h2s, heading
    main_points = html[html.index("<h2>Hovedpointer</h2>") : html.index("Eksempler fra kommunerne")]
    assert '<h3 lang="da">Forældrene har ansvar for at</h3>' in main_points
    assert "bakke op om skolen" in main_points
    assert any("Refleksionsspørgsmål om ansvar" in h for h in h2s)
    assert "Tekst til tema 1 om forældremøder" in html  # the theme's own text
    assert "Uddrag af Gladsaxe" in html and "Gladsaxe Kommune" in html
    # the three indicators read as one list under their heading
    assert re.search(r'<ul class="points">\s*<li><div class="item item-indicator"', html)
    # a spiral's steps are numbered
    assert '<ol class="points">' in html


def test_theme_page_nests_a_statement_and_its_questions_under_their_example(client, rich_theme):
    html = html_of(client, rich_theme.get_absolute_url())
    example = Item.objects.get(theme=rich_theme, kind=Item.Kind.EXAMPLE)
    start = html.index(f'id="punkt-{example.pk}"')
    end = html.index("Det kan vi se, når")
    block = html[start:end]
    assert '<h3 class="item-title" lang="da">Fællesskaber defineres</h3>' in block
    assert "Udsagn" in block and "Forældrene har brug for tydelige professionelle." in block
    assert "Refleksion" in block and "Er vi tydelige?" in block
    assert 'class="questions"' in block


def test_theme_page_marks_reflection_questions_and_offers_them_for_a_worksheet(client, rich_theme):
    html = html_of(client, rich_theme.get_absolute_url())
    for question in rich_theme.questions.all():
        assert f'id="spoergsmaal-{question.pk}"' in html
    assert html.count('class="questions"') == 2


def test_theme_page_has_breadcrumbs_and_previous_and_next_theme(client, ballerup):
    first, second = ballerup.themes.order_by("position")
    html = html_of(client, first.get_absolute_url())
    crumbs = re.search(r'aria-label="Brødkrummesti".*?</nav>', html, flags=re.S).group()
    assert ballerup.get_absolute_url() in crumbs and 'aria-current="page"' in crumbs
    assert f'href="{second.get_absolute_url()}" rel="next"' in html
    assert 'rel="prev"' not in html
    html = html_of(client, second.get_absolute_url())
    assert f'href="{first.get_absolute_url()}" rel="prev"' in html


def test_theme_page_links_to_the_same_concept_in_other_frameworks_only(client, ballerup, kl):
    theme = ballerup.themes.first()
    html = html_of(client, theme.get_absolute_url())
    related = html[html.index("Samme begreb i andre rammer") :]
    for other in kl.themes.all():
        assert other.get_absolute_url() in related
    for own in ballerup.themes.exclude(pk=theme.pk):
        assert own.get_absolute_url() not in related


def test_theme_page_never_links_to_a_draft(client, ballerup, kl):
    kl.status = Status.DRAFT
    kl.save()
    html = html_of(client, ballerup.themes.first().get_absolute_url())
    assert kl.title not in html


def test_a_draft_theme_is_not_found(client, ballerup):
    theme = ballerup.themes.first()
    theme.status = Status.DRAFT
    theme.save()
    assert client.get(theme.get_absolute_url()).status_code == 404


# --- Concepts ------------------------------------------------------------------------------------


def test_concept_overview_is_a_real_table_of_concepts_by_frameworks(client, ballerup, kl, concepts):
    html = html_of(client, reverse("values:concept_list"))
    table = html[html.index("<table") : html.index("</table>")]
    assert "<caption" in table
    assert table.count('<th scope="col"') == 2 + 2  # concept, two frameworks, total
    assert table.count('<th scope="row"') == 2
    # Kommunikation: Ballerup tags 2 themes; KL tags 2 themes.
    row = table[table.index(">Kommunikation<") : table.index(">Fællesskab<")]
    assert re.findall(r'<td class="level-(\d)">', row) == ["4", "4"]
    assert re.findall(r"#ramme-[^\"]+\">(\d+)</a>", row) == ["2", "2"]
    row = table[table.index(">Fællesskab<") :]
    assert re.findall(r'<td class="level-(\d)">(?:<a[^>]*>)?(\d+)', row) == [("0", "0"), ("4", "2")]


def test_concept_overview_counts_only_published_content(client, ballerup, kl, concepts):
    kl.status = Status.DRAFT
    kl.save()
    html = html_of(client, reverse("values:concept_list"))
    table = html[html.index("<table") : html.index("</table>")]
    assert kl.title not in html and "KL" not in text_of(table)


def test_concept_page_sets_each_framework_side_by_side(client, ballerup, kl, concepts):
    statement = Item.objects.filter(theme__framework=kl, kind=Item.Kind.STATEMENT).first()
    statement.concepts.add(concepts[1])
    question = ReflectionQuestion.objects.filter(theme__framework=kl).first()
    question.concepts.add(concepts[1])
    html = html_of(client, concepts[1].get_absolute_url())
    # A framework with nothing on the concept gets no column, only a mention.
    assert f'id="ramme-{kl.slug}"' in html and f'id="ramme-{ballerup.slug}"' not in html
    silent = html[html.index("Disse rammer har ikke noget") :]
    assert ballerup.title in silent[: silent.index("</p>")]
    kl_column = html[html.index(f'id="ramme-{kl.slug}"') :]
    for theme in kl.themes.all():
        assert theme.get_absolute_url() in kl_column
    assert statement.text in kl_column
    assert f"{statement.theme.get_absolute_url()}#punkt-{statement.pk}" in kl_column
    assert question.text in kl_column


def test_concept_page_leaves_out_drafts(client, ballerup, kl, concepts):
    kl.status = Status.DRAFT
    kl.save()
    html = html_of(client, concepts[1].get_absolute_url())
    assert kl.title not in html
    assert client.get("/begreber/findes-ikke/").status_code == 404


# --- Accessibility statement, language, print, no outside origins --------------------------------


def test_accessibility_statement_says_what_is_and_is_not_yet_accessible(client, db):
    html = html_of(client, reverse("accessibility"))
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert "WCAG 2.1" in html
    assert "Det er på plads" in html and "Det er ikke på plads endnu" in html
    assert "Digitaliseringsstyrelsen" in html


def test_the_language_switch_keeps_the_page_and_shows_english(client, ballerup):
    theme = ballerup.themes.first()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": theme.get_absolute_url()}
    )
    assert response.status_code == 302 and response["Location"] == theme.get_absolute_url()
    html = html_of(client, theme.get_absolute_url())
    assert '<html lang="en">' in html
    assert "Skip to content" in html and "Frameworks" in html
    # The content stays Danish and says so.
    assert f'<h1 lang="da">{theme.title}</h1>' in html
    assert '<button type="submit" name="language" value="da" lang="da"' in html


def test_every_page_has_the_language_switch_back_to_the_same_page(client, ballerup):
    url = ballerup.get_absolute_url()
    html = html_of(client, url)
    assert f'<input name="next" type="hidden" value="{url}">' in html
    assert 'name="language" value="en"' in html


def all_public_urls(framework: Framework, concept: Concept) -> list[str]:
    return [
        reverse("home"),
        reverse("values:framework_list"),
        framework.get_absolute_url(),
        framework.themes.first().get_absolute_url(),
        reverse("values:concept_list"),
        concept.get_absolute_url(),
        reverse("values:search") + "?q=forældre",
        reverse("values:search") + "?q=rumskib",
        reverse("accessibility"),
        reverse("privacy"),
    ]


def test_pages_have_one_h1_breadcrumbs_footer_and_no_inline_script_or_style(
    client, ballerup, concepts
):
    for url in all_public_urls(ballerup, concepts[0]):
        html = html_of(client, url)
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        # Every page but the home page, where a trail of one would say nothing.
        assert ('aria-label="Brødkrummesti"' in html) == (url != reverse("home")), url
        assert "Tilgængelighedserklæring" in html and "Kildedokumenter" in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html and " style=" not in html, url
        # Nothing is loaded from another origin (links to other sites are fine).
        assert not re.search(r"""src=["'](?:https?:)?//""", html), url
        assert not re.search(r"""<link[^>]+href=["'](?:https?:)?//""", html), url
        assert 'media="print"' in html, url


def test_the_print_stylesheet_hides_navigation_and_writes_out_link_targets(client, db):
    from django.contrib.staticfiles import finders

    with open(finders.find("css/print.css"), encoding="utf-8") as f:
        css = f.read()
    assert "@page" in css and "A4" in css
    assert ".site-header" in css and ".breadcrumbs" in css and "display: none" in css
    assert "attr(href)" in css


# --- The shipped content ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_item_and_question_of_the_shipped_content_is_reachable_and_found(client):
    """From the home page a visitor reaches every theme, and on its page every item and question
    of all the frameworks; the search finds each theme by its title."""
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    home = html_of(client, reverse("home"))
    themes = Theme.objects.published().select_related("framework")
    assert themes.exists()
    for framework in Framework.objects.published():
        assert framework.get_absolute_url() in home
        framework_page = html_of(client, framework.get_absolute_url())
        for theme in themes.filter(framework=framework):
            assert f'href="{theme.get_absolute_url()}"' in framework_page, theme
            page = html_of(client, theme.get_absolute_url())
            for pk in Item.objects.filter(theme=theme).values_list("pk", flat=True):
                assert f'id="punkt-{pk}"' in page, (theme, pk)
            for pk in ReflectionQuestion.objects.filter(theme=theme).values_list("pk", flat=True):
                assert f'id="spoergsmaal-{pk}"' in page, (theme, pk)
            words = theme.title if len(theme.title) <= 60 else theme.title[:60].rsplit(" ", 1)[0]
            found = html_of(client, reverse("values:search") + "?q=" + words)
            assert theme.get_absolute_url() in found, theme
