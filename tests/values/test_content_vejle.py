"""Vejle Kommune – "Kvalitet i forældresamarbejdet - pejlemærker for pædagogisk praksis", as
shipped in fixtures/30_vejle.json.

Expected numbers are counted by hand in the source document; each says where it comes from.
"""

from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.values.pages import (
    card_of,
    html_of,
    load_shipped_content,
    main_of,
    reached_from_home,
    visitors,
)
from tests.values.text_checks import flaws_in
from values.models import Framework, Item, ReflectionQuestion

FIXTURES = settings.BASE_DIR / "fixtures"


@pytest.fixture
def vejle(db) -> Framework:
    call_command("loaddata", FIXTURES / "00_concepts.json", FIXTURES / "30_vejle.json", verbosity=0)
    return Framework.objects.get(pk=3)


def test_the_five_aspects_come_in_document_order_under_their_own_headings(vejle):
    # "De fem aspekter er:" in the introduction, and the headings on the following pages
    assert [(t.number, t.title) for t in vejle.themes.order_by("position")] == [
        ("", "Kommunikation"),
        ("", "Tydelig rollefordeling"),
        ("", "Inddragelse og samarbejde"),
        ("", "Forældrenes perspektiv"),
        ("", "Det strategiske blik"),
    ]
    assert vejle.theme_label == "Aspekt"
    assert vejle.title == "Kvalitet i forældresamarbejdet - pejlemærker for pædagogisk praksis"
    assert vejle.publisher.name == "Vejle Kommune"


def test_every_aspect_has_three_meanings_then_three_indicators(vejle):
    kinds = Counter(Item.objects.filter(theme__framework=vejle).values_list("kind", flat=True))
    # five aspects × three bullets under "Det betyder, at:" and three under "Det kan vi se, når:"
    assert kinds == {"meaning": 15, "indicator": 15}
    assert not ReflectionQuestion.objects.filter(theme__framework=vejle).exists()
    for theme in vejle.themes.all():
        assert [(i.kind, i.group) for i in theme.items.all()] == [
            ("meaning", "Det betyder, at")
        ] * 3 + [("indicator", "Det kan vi se, når")] * 3, theme
        assert not theme.items.exclude(parent=None).exists()


def test_wording_is_the_documents_own(vejle):
    role = vejle.themes.get(title="Tydelig rollefordeling")
    assert [i.text for i in role.items.filter(kind="meaning")] == [
        "skole og forældre har forskellig ekspertise og ansvar.",
        "forældrene får en støttende frem for en kontrollerende rolle i deres barns læring.",
        # split over a blank line in the extracted text
        "vi er bevidste om behovet for differentieret forældresamarbejde og tilpasser vores "
        "forventninger derefter.",
    ]
    inddragelse = vejle.themes.get(title="Inddragelse og samarbejde")
    # the one indicator the document starts with a capital letter stays so
    assert inddragelse.items.last().text == (
        "Vi benytter forskellige metoder til at engagere forældrene og styrke dialogen."
    )
    perspektiv = vejle.themes.get(title="Forældrenes perspektiv")
    assert "vi er åbne og nysgerrige - også i forhold til det, der er svært." in [
        i.text for i in perspektiv.items.all()
    ]


def test_each_aspect_keeps_its_description_and_leads_with_its_first_sentence(vejle):
    strategic = vejle.themes.get(title="Det strategiske blik")
    assert strategic.body == (
        "Vi forankrer forældresamarbejdet i skolens strategiske arbejde og forstærker "
        "kvaliteten sammen. Vi har et ressourceorienteret syn i forældresamarbejdet, hvor vi "
        "fokuserer på, at alle forældre bidrager og er en ressource i barnets og den unges "
        "udvikling. Skolens principper for forældresamarbejdet afspejler dette."
    )
    assert strategic.lead == (
        "Vi forankrer forældresamarbejdet i skolens strategiske arbejde og forstærker "
        "kvaliteten sammen."
    )
    for theme in vejle.themes.all():
        assert theme.body.startswith(theme.lead) and theme.lead.endswith("."), theme


def test_the_introduction_is_verbatim_including_its_own_list_of_aspects(vejle):
    intro = vejle.introduction
    assert intro.startswith(
        "I Vejle Kommune tror vi på, at børn og unge udvikler sig i fællesskaber. Dette er "
        "kernen i vores børne- og ungepolitik."
    )
    assert "Det er et fælles ansvar, som vi løfter sammen - fagprofessionelle, forældre" in intro
    assert "som både inddrager, involverer og samtidig tager højde for" in intro
    # the introduction says "Tydelige roller" where the aspect's heading says
    # "Tydelig rollefordeling"; both are kept as written
    assert (
        "De fem aspekter er:\n\n- Kommunikation\n- Tydelige roller\n- Inddragelse og samarbejde\n"
        "- Forældrenes perspektiv\n- Det strategiske blik\n\n"
    ) in intro
    assert vejle.introduction_heading == "Indledning"
    assert intro.endswith("De fem aspekter udfoldes og konkretiseres på de følgende sider.")
    assert len(intro.split("\n\n")) == 9  # seven paragraphs, the list and its lead-in


def test_positions_follow_the_document_within_every_aspect(vejle):
    for theme in vejle.themes.all():
        items = list(theme.items.all())
        assert [i.position for i in items] == [10, 20, 30, 40, 50, 60]
        assert [i.pk for i in items] == sorted(i.pk for i in items)


def test_the_source_is_honest_about_the_missing_year(vejle):
    assert vejle.year is None
    assert vejle.source.startswith("Vejle Kommune, Uddannelse & Læring: »Kvalitet i")
    assert "angiver ikke udgivelsesår, udgave eller hvor det kan findes" in vejle.source
    assert "Det fås hos Vejle Kommune." in vejle.source
    assert vejle.source_url == ""  # the document names no address, so none is invented
    # The title itself calls the document "pejlemærker for pædagogisk praksis".
    assert vejle.document_kind == "Pejlemærker for pædagogisk praksis"
    assert vejle.document_kind_is_own


def test_every_aspect_is_tagged_with_a_shared_concept(vejle):
    for theme in vejle.themes.all():
        assert 1 <= theme.concepts.count() <= 3, theme
    slugs = {t.title: set(t.concepts.values_list("slug", flat=True)) for t in vejle.themes.all()}
    assert "kommunikation" in slugs["Kommunikation"]
    assert "roller-og-ansvar" in slugs["Tydelig rollefordeling"]
    assert "inddragelse" in slugs["Inddragelse og samarbejde"]
    assert "strategi-og-ledelse" in slugs["Det strategiske blik"]


def test_no_text_keeps_extraction_leftovers(vejle):
    records = [vejle, vejle.publisher, *vejle.themes.all()]
    records += Item.objects.filter(theme__framework=vejle)
    assert flaws_in(records) == []
    assert "Indledning" not in vejle.introduction
    for item in Item.objects.filter(theme__framework=vejle):
        assert not item.text.startswith(("Det betyder", "Det kan vi se")), item


def test_the_aspects_are_the_whole_framework_on_every_page_in_both_languages(db):
    load_shipped_content()
    vejle = Framework.objects.get(pk=3)
    aspects = [t.title for t in vejle.themes.order_by("position")]
    assert all(vejle.themes.values_list("counts_as_theme", flat=True))
    for language, client in visitors():
        home = main_of(html_of(client, "/", language))
        card = card_of(home, vejle.title)
        assert ("5 temaer" if language == "da" else "5 themes") in card, language
        page = main_of(reached_from_home(client, vejle.get_absolute_url(), language))
        # No empty heading and nothing "other": the five aspects are the document's parts.
        assert "Dokumentets temaer" not in page and "Øvrige dele" not in page
        assert "Other parts" not in page
        contents = page[page.index('id="parts-heading"') :]
        assert [contents.index(title) for title in aspects] == sorted(
            contents.index(title) for title in aspects
        )
        # Its own heading over the introduction, and its list of aspects as a list.
        assert (
            'introduction-text"><span class="accordion-title" lang="da">Indledning</span>' in page
        )
        assert "<li>Tydelige roller</li>" in page
        aspect = main_of(
            reached_from_home(client, vejle.themes.get(position=10).get_absolute_url(), language)
        )
        assert '<h2 lang="da">Det betyder, at</h2>' in aspect
        assert aspect.count('<ul class="points">') == 2
