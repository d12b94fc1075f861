"""The KL document "Godt på vej – I samarbejde med forældrene" (2017), loaded from its fixture.

Expected numbers are read from the document (the seed text of the PDF); each comment says where.
"""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.values.pages import load_shipped_content, main_of, reached_from_home, visitors
from values.markup import plain_text, render
from values.models import Framework, Item, ReflectionQuestion, Theme

FIXTURES = settings.BASE_DIR / "fixtures"

# A word split at a PDF line end and left with its hyphen ("forvent- ningerne"); a real hyphen
# before "og"/"eller" or a comma ("børne- og ungeområdet", "dag-, fritids- og") is legitimate.
LEFTOVER_HYPHEN = re.compile(r"[a-zæøå]-[ \n](?!og\b|eller\b)[a-zæøå]")
BULLET = re.compile(r"[•●]|››|\uf0b7|^\s*[–-]\s", re.MULTILINE)
FURNITURE = re.compile(
    r"Godt på vej|GODT PÅ VEJ|Side \d+ af \d+|\d+ / \d+|\. \. \.|INDHOLD|^\s*\d+\s*$",
    re.MULTILINE,
)


@pytest.fixture
def kl(db) -> Framework:
    call_command("loaddata", FIXTURES / "00_concepts.json", FIXTURES / "20_kl.json", verbosity=0)
    return Framework.objects.get(slug="godt-paa-vej-i-samarbejde-med-foraeldrene")


def items(kl: Framework, number: str, kind: str) -> list[Item]:
    return list(Item.objects.filter(theme__framework=kl, theme__number=number, kind=kind))


def test_kl_framework_is_published_with_its_three_numbered_themes_in_order(kl):
    assert kl.is_published
    assert kl.publisher.name == "KL"
    assert kl.publisher.kind == "forening"
    assert (kl.year, kl.theme_label) == (2017, "Tema")
    # Table of contents and the introduction's list "Dette inspirationsmateriale sætter fokus
    # på tre temaer": three themes.
    assert [(t.number, t.title) for t in Theme.objects.published().filter(framework=kl)] == [
        ("1", "Forældre og kommunale tilbud har et fælles ansvar"),
        ("2", "Samarbejdet med forældre skal være tydeligt, ligeværdigt og konkret"),
        ("3", "Brug for tydelig kommunal sammenhæng i samarbejdet med forældre"),
    ]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        # Theme 1 (pp. 6–8): 2 + 4 + 1 "›› HOVEDPOINTER" bullets, one research section, one
        # legislation section, 3 policy excerpts, 3 "›› KL ANBEFALER" bullets.
        (
            "1",
            {"main_point": 7, "research": 1, "legislation": 1, "case": 3, "recommendation": 3},
        ),
        # Theme 2 (pp. 9–11): 5 + 4 main points, 6 municipal examples, 4 recommendations.
        (
            "2",
            {"main_point": 9, "research": 1, "legislation": 1, "case": 6, "recommendation": 4},
        ),
        # Theme 3 (pp. 12–14): 7 main points, 3 examples, 2 recommendations (the seed text ends
        # with the second one).
        (
            "3",
            {"main_point": 7, "research": 1, "legislation": 1, "case": 3, "recommendation": 2},
        ),
    ],
)
def test_every_part_of_a_theme_is_there_once(kl, number, expected):
    counted: dict[str, int] = {}
    for kind in Item.objects.filter(theme__framework=kl, theme__number=number).values_list(
        "kind", flat=True
    ):
        counted[kind] = counted.get(kind, 0) + 1
    assert counted == expected


def test_reflection_questions_per_theme_keep_the_documents_heading(kl):
    questions = ReflectionQuestion.objects.filter(theme__framework=kl)
    # "›› REFLEKSIONSSPØRGSMÅL …" bullets: 7 in theme 1, 9 in theme 2, 7 in theme 3.
    assert [questions.filter(theme__number=n).count() for n in "123"] == [7, 9, 7]
    assert set(questions.filter(theme__number="1").values_list("group", flat=True)) == {
        "Refleksionsspørgsmål om forældrenes og de kommunale tilbuds ansvar"
    }
    assert set(questions.exclude(theme__number="1").values_list("group", flat=True)) == {
        "Refleksionsspørgsmål"
    }
    # One bullet holding two questions stays one question.
    assert questions.filter(
        text="Hvordan er samarbejdet differentieret med afsæt i barnets og forældrenes behov og "
        "muligheder? Hvilke tiltag findes fx i forhold til samarbejdet med forældre til særligt "
        "talentfulde børn og til forældre i udsatte positioner?"
    ).exists()


def test_main_points_keep_the_lead_in_and_whose_responsibility_it_is(kl):
    runs = [
        (p.group, p.responsibility, p.text[:30])
        for p in Item.objects.filter(theme__framework=kl, kind=Item.Kind.MAIN_POINT)
    ]
    parents = "Forældrene har ansvar for at"
    professionals = "De fagprofessionelle voksne i de kommunale tilbud har ansvar for at"
    shared = "Forældrene og de fagprofessionelle har et fælles ansvar for at"
    # Theme 1: 2 bullets under the parents' lead-in, 4 under the professionals', 1 shared.
    assert [(g, r) for g, r, _ in runs[:7]] == (
        [(parents, "parents")] * 2 + [(professionals, "professionals")] * 4 + [(shared, "shared")]
    )
    assert runs[0][2] == "gøre deres bedste for at give "
    # Themes 2 and 3 describe the collaboration, not whose responsibility it is.
    assert {r for _, r, _ in runs[7:]} == {""}
    assert [g for g, _, _ in runs[7:16]] == [
        "Det konkrete samarbejde mellem forældre og fagprofessionelle bør kendetegnes ved at"
    ] * 5 + ["Derfor er det vigtigt at"] * 4
    assert {g for g, _, _ in runs[16:]} == {
        "En tydelig kommunal sammenhæng i samarbejdet med forældre kommer til udtryk ved, at"
    }


def test_municipal_examples_keep_place_title_and_document_order(kl):
    cases = [
        (c.theme.number, c.place, c.title)
        for c in Item.objects.filter(theme__framework=kl, kind=Item.Kind.CASE).select_related(
            "theme"
        )
    ]
    assert cases == [
        ("1", "Københavns Kommune", "Uddrag af Københavns Kommunes børne- og ungepolitik"),
        ("1", "Gladsaxe Kommune", "Uddrag af Gladsaxe Kommunes dagtilbudspolitik"),
        # The document's own "børn- og ungepolitik" is kept.
        ("1", "Kalundborg Kommune", "Uddrag af Kalundborg Kommunes børn- og ungepolitik"),
        ("2", "Næstved Kommune", "Forældreinddragelse i det pædagogiske arbejde"),
        ("2", "Randers Kommune", "Lokale aftaler om udvikling af forældresamarbejdet"),
        (
            "2",
            "Aalborg Kommune og Syddjurs Kommune",
            "Forældrene har adgang til deres barns elektroniske elevplan i den digitale "
            "læringsplatform",
        ),
        ("2", "Viborg Kommune", "Forældreinddragelse med afsæt i eleven"),
        ("2", "Hillerød Kommune", "Forældrefernisering"),
        ("2", "Københavns Kommune", "Kompetenceudvikling om dialog med forældre"),
        ("3", "Holstebro Kommune", "Forældrekurser"),
        ("3", "Hedensted Kommune", "Fælles forståelse af vigtige kompetencer for 0-16-årige"),
        # "Udsyn i skolen" is a project of 17 schools; the document names no municipality.
        ("3", "", "Samarbejde med forældre om vejledning om uddannelse og erhverv"),
    ]
    assert Item.objects.get(title="Forældrekurser").group == (
        "Eksempler på sammenhænge i samarbejdet med forældre"
    )


def test_each_theme_runs_in_the_documents_order(kl):
    for number in "123":
        kinds = list(
            Item.objects.filter(theme__framework=kl, theme__number=number).values_list(
                "kind", flat=True
            )
        )
        collapsed = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
        assert collapsed == ["main_point", "research", "legislation", "case", "recommendation"]


def test_in_every_theme_the_reflection_questions_come_before_kl_anbefaler(kl):
    # "›› REFLEKSIONSSPØRGSMÅL" stands before "›› KL ANBEFALER" on every theme's last pages;
    # the theme-level questions share the items' order, so the theme page can say so.
    for theme in Theme.objects.filter(framework=kl):
        questions = theme.questions.filter(item=None).values_list("position", flat=True)
        recommendations = theme.items.filter(kind="recommendation").values_list(
            "position", flat=True
        )
        cases = theme.items.filter(kind="case").values_list("position", flat=True)
        assert max(cases) < min(questions) <= max(questions) < min(recommendations), theme


def test_research_columns_are_read_in_the_right_order(kl):
    (research,) = items(kl, "1", Item.Kind.RESEARCH)
    assert research.group == "Viden fra forskning og undersøgelser"
    paragraphs = research.text.split("\n\n")
    assert paragraphs[0].startswith("Forældrenes måde at være sammen med deres børn på")
    # The sentence split across the two columns ("Men det" | "handler også om") is whole.
    assert "naturen. Men det handler også om snakke om fx kulturelle emner" in paragraphs[1]
    assert paragraphs[-1].startswith(
        "Forældrene og de kommunale tilbuds fælles ansvar kan styrkes ved forskellige tiltag. "
        "En undersøgelse viser"
    )
    assert paragraphs[-1].endswith("(Knudsen, et. al, 2008).")
    (research3,) = items(kl, "3", Item.Kind.RESEARCH)
    assert research3.text.split("\n\n")[-1].startswith("I den konkrete overgang fra børnehave")
    (law,) = items(kl, "1", Item.Kind.LEGISLATION)
    assert law.group == "Lovgivning om forældrenes og kommunens ansvar"
    assert "samarbejdet i dagtilbud skal handle om omsorg" in law.text


def test_wording_is_the_documents_own_with_line_break_hyphens_joined(kl):
    texts = " ".join(Item.objects.filter(theme__framework=kl).values_list("text", flat=True))
    texts += " ".join(
        ReflectionQuestion.objects.filter(theme__framework=kl).values_list("text", flat=True)
    )
    for joined in [
        "afstemme forventningerne med forældrene",  # "for-\nventningerne"
        "brugertilfredshedsundersøgelser",  # "bruger- \ntilfredshedsundersøgelser"
        "uddannelsesparathedsvurdering",
        "sundhedspleje og det specialiserede børneområde",
        "sammenhæng i forældresamarbejdet på tværs",
        "fagprofessionelle i de kommunale tilbud? Kunne fx foreninger",
        "en cafémodel som led i et forældremøde",
    ]:
        assert joined in texts, joined
    for real_hyphen in [
        "forud for skole-hjem-samtaler.",
        "skole-hjem-samarbejdet",
        "forældrene til 15-18-årige",
        "dag-, fritids- og klubtilbud",
        "uddannelses- og erhvervsvalg",
        "i hente/bringe-situationer",
        "UU-vejlederen",
    ]:
        assert real_hyphen in texts, real_hyphen
    # The document's own slip is kept, not corrected.
    assert "De gælder både de børn og unge" in texts
    theme3 = Theme.objects.get(framework=kl, number="3")
    assert (
        theme3.lead
        == "Mange kommuner har et mål om at skabe sammenhæng i indsatsen på 0-18-årsområdet."
    )


def test_recommendations_are_grouped_under_kl_anbefaler(kl):
    recommendations = Item.objects.filter(theme__framework=kl, kind=Item.Kind.RECOMMENDATION)
    assert set(recommendations.values_list("group", flat=True)) == {"KL anbefaler"}
    assert recommendations.first().text.startswith(
        "Alle kommuner gennemfører en politisk drøftelse af, hvilke forventninger, de kommunale "
        "tilbud kan have til forældrene"
    )


def test_the_foreword_is_verbatim_with_its_heading_and_signature_and_no_colophon(kl):
    intro = kl.introduction
    assert intro.startswith("Alle børn og unge skal lære og trives så meget, som de kan og udvikle")
    assert intro.endswith("der indgår i barnets og den unges nære omsorgsmiljø.")
    # The bullet list of occasions and the three themes are lists.
    assert (
        "de kommunale tilbud:\n\n- Kvalitetsdebatten på dagtilbudsområdet handler i høj grad om, "
        "hvordan vuggestuer, børnehaver og dagpleje i højere grad" in intro
    )
    assert intro.count("\n- ") == 4
    assert "\n2. Samarbejdet mellem forældre og fagprofessionelle skal være tydeligt" in intro
    for left_out in ["Martin Damm", "Wendelboe", "Weidekampsgade", "3370", "e-Types", "Foto"]:
        assert left_out not in intro
    # The foreword keeps its heading and its signature, apart from the text.
    assert kl.introduction_heading == "Godt på vej"
    assert kl.introduction_signature.split("\n\n") == [
        "København, januar 2017",
        "Martin Damm\nFormand for KL",
        "Kristian Wendelboe\nAdministrerende direktør",
    ]


def test_source_names_publisher_edition_and_isbn(kl):
    assert kl.source.startswith("KL: »Godt på vej – I samarbejde med forældrene«.")
    for part in ["1. udgave, 1. oplag 2017", "Kommuneforlaget A/S", "ISBN 978-87-93365-58-2"]:
        assert part in kl.source
    assert kl.source_url == ""


def test_every_theme_is_tagged_with_a_shared_concept(kl):
    for theme in Theme.objects.filter(framework=kl):
        assert 1 <= theme.concepts.count() <= 3, theme
    assert (
        Theme.objects.get(framework=kl, number="3")
        .concepts.filter(slug="sammenhaeng-og-overgange")
        .exists()
    )


def test_no_text_keeps_pdf_hyphens_bullets_or_page_furniture(kl):
    # Long texts are checked as the reader gets them: the list markup is not a bullet glyph.
    fields = [plain_text(kl.introduction)]
    for theme in Theme.objects.filter(framework=kl):
        fields += [theme.title, theme.lead, plain_text(theme.body)]
    for item in Item.objects.filter(theme__framework=kl):
        fields += [item.group, item.title, item.place, plain_text(item.text)]
    fields += list(
        ReflectionQuestion.objects.filter(theme__framework=kl).values_list("text", flat=True)
    )
    for text in fields:
        assert not LEFTOVER_HYPHEN.search(text), text
        assert not BULLET.search(text), text
        assert not FURNITURE.search(text), text
        assert "  " not in text, text


def test_lists_in_the_text_are_lists_nested_where_the_document_nests_them(kl):
    randers = Item.objects.get(theme__framework=kl, place="Randers Kommune")
    html = str(render(randers.text))
    # Three tracks, and the three bullets under track 3 inside it – not tracks of their own.
    assert html.count("<ol>") == 1 and html.count("<ul>") == 1
    tracks = html[html.index("<ol>") : html.index("</ol>")]
    assert tracks.count("<li>") == 6
    assert re.search(r"<li>Broer, som hjælper.*?nye:\s*<ul>\s*<li>En lokal kanon", tracks, re.S)
    research = Item.objects.get(theme__framework=kl, theme__number="2", kind="research")
    assert "<li>Begynde så tidligt som muligt</li>" in str(render(research.text))
    hedensted = Item.objects.get(theme__framework=kl, place="Hedensted Kommune")
    assert str(render(hedensted.text)).count("<li>") == 7


def test_on_the_pages_foreword_order_and_missing_literature_in_both_languages(db):
    load_shipped_content()
    kl = Framework.objects.get(pk=2)
    for language, client in visitors():
        page = main_of(reached_from_home(client, kl.get_absolute_url(), language))
        assert (
            'introduction-text"><span class="accordion-title" lang="da">Godt på vej</span>' in page
        )
        assert "København, januar 2017" in page and "Administrerende direktør" in page
        assert page.index("nære omsorgsmiljø") < page.index("Martin Damm")
        # The citations point to a literature list the portal does not have: it says so.
        assert "LITTERATURLISTE … 15" in page and "ikke gengivet" in page
        assert "Portalens bemærkning" in page or "Note from the portal" in page
        assert "inspirationsmateriale" in kl.introduction and kl.document_kind_is_own
        for theme in kl.themes.all():
            html = main_of(reached_from_home(client, theme.get_absolute_url(), language))
            first_question = theme.questions.filter(item=None).first().text
            first_recommendation = theme.items.filter(kind="recommendation").first().text
            assert html.index(first_question) < html.index(first_recommendation), theme
            assert '<h2 lang="da">KL anbefaler</h2>' in html
