"""Vejle Kommune – "Kvalitet i forældresamarbejdet - pejlemærker for pædagogisk praksis", as
shipped in fixtures/30_vejle.json.

Expected numbers are counted by hand in the source document; each says where it comes from.
"""

from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command

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
        "De fem aspekter er:\nKommunikation\nTydelige roller\nInddragelse og samarbejde\n"
        "Forældrenes perspektiv\nDet strategiske blik\n\n"
    ) in intro
    assert intro.endswith("De fem aspekter udfoldes og konkretiseres på de følgende sider.")
    assert len(intro.split("\n\n")) == 8


def test_positions_follow_the_document_within_every_aspect(vejle):
    for theme in vejle.themes.all():
        items = list(theme.items.all())
        assert [i.position for i in items] == [10, 20, 30, 40, 50, 60]
        assert [i.pk for i in items] == sorted(i.pk for i in items)


def test_the_source_is_honest_about_the_missing_year(vejle):
    assert vejle.year is None
    assert vejle.source.startswith("Vejle Kommune, Uddannelse & Læring: »Kvalitet i")
    assert "angiver ikke udgivelsesår" in vejle.source
    assert vejle.document_kind == "Pejlemærker for pædagogisk praksis"


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
