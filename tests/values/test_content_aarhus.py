"""Aarhus Kommune, Børn og Unge – "Styrket forældresamarbejde" (decision paper to the rådmand of
22 January 2026 with three appendices), as shipped in fixtures/40_aarhus.json.

Expected numbers are counted by hand in the source document; each says where it comes from.
"""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.values.pages import load_shipped_content, main_of, reached_from_home, visitors
from tests.values.text_checks import flaws_in
from values.markup import plain_text, render
from values.models import Framework, Item, ReflectionQuestion

FIXTURES = settings.BASE_DIR / "fixtures"

DETAIL_LABELS = {
    "Formål",
    "Målgruppe",
    "Form",
    "Indhold",
    "Skalering",
    "Proces for udarbejdelse",
    "Øvrigt",
}


@pytest.fixture
def aarhus(db) -> Framework:
    call_command(
        "loaddata", FIXTURES / "00_concepts.json", FIXTURES / "40_aarhus.json", verbosity=0
    )
    return Framework.objects.get(pk=4)


def items_of(framework: Framework):
    return Item.objects.filter(theme__framework=framework)


def test_the_parts_follow_the_papers_from_the_decision_to_bilag_3(aarhus):
    # The decision from the minutes, the paper to the rådmand, bilag 1 (introduction, summary,
    # its box, background, the heading over the results, results 1–8), bilag 2 and bilag 3.
    assert [(t.number, t.title) for t in aarhus.themes.order_by("position")] == [
        ("", "Beslutning for Punkt 2: Styrket forældresamarbejde (HBL og RG)"),
        ("", "Indstilling til rådmanden"),
        ("", "Indledning"),
        ("", "Resumé"),
        ("", "Sådan kan forældresamarbejdet styrkes"),
        ("", "Baggrund"),
        ("", "Resultater af afdækningen"),
        ("1", "Fællesskaber er vigtige – og udfordrede"),
        ("2", "Prioritering af det fællesskabende forældresamarbejde"),
        ("3", "Tydelige fagprofessionelle skaber ro og tryghed"),
        ("4", "Opbakning fra alle forældre"),
        ("5", "Differentiering af forældresamarbejdet"),
        ("6", "Styrkelse af bestyrelser og råd"),
        ("7", "Åbenhed blandt forældre skaber forståelse"),
        ("8", "Lokal forankring af forældresamarbejdet"),
        ("", "Forslag til løsninger"),
        ("", "Fælles tilgang til forældresamarbejde – udkast"),
    ]
    assert aarhus.theme_label == "Tema"
    assert aarhus.title == "Styrket forældresamarbejde"
    assert aarhus.publisher.name == "Aarhus Kommune"
    assert aarhus.themes.get(number="7").slug == "aabenhed-blandt-foraeldre-skaber-forstaaelse"
    # The eight results are what the paper calls its themes ("følgende otte temaer").
    assert list(aarhus.themes.filter(counts_as_theme=True).values_list("number", flat=True)) == [
        str(n) for n in range(1, 9)
    ]


def test_every_part_is_counted_by_kind(aarhus):
    kinds = Counter(items_of(aarhus).values_list("kind", flat=True))
    assert kinds == {
        # bilag 2: six "Forslag til løsninger"
        "proposal": 6,
        # the filled cells of their tables: 6 + 6 + 7 + 7 + 8 (proposal 5's "Indhold" cell goes
        # on after its list, so it is two records) + 3 (proposal 6 has only Formål, Målgruppe
        # and Form filled in)
        "proposal_detail": 37,
        # proposal 3, "Læringspakken kan bl.a. omhandle temaer som:" – five bullets
        "learning_theme": 5,
        # proposal 5, "Siden kan opdeles i temaer som fx:" – four bullets
        "knowledge_category": 4,
        # the box "Sådan kan forældresamarbejdet styrkes" – six dashes
        "finding": 6,
        # bilag 3, "Den fælles tilgang til forældresamarbejde" – six bullets
        "principle": 6,
        # decision: Bemærkninger, Beslutninger; the paper's sections 1–5 and "Bilag til
        # beslutning"; bilag 1: "Inddragelse i afdækningen", "Organisering"; bilag 2's last
        # heading, "Forslag til tidslinje" (its figure is not in the text)
        "section": 11,
    }
    # the papers ask no reflection questions
    assert not ReflectionQuestion.objects.filter(theme__framework=aarhus).exists()


def test_the_mapping_themes_keep_their_full_text_in_paragraphs(aarhus):
    # paragraphs as printed in bilag 1 under each numbered heading
    paragraphs = {t.number: len(t.body.split("\n\n")) for t in aarhus.themes.exclude(number="")}
    assert paragraphs == {"1": 6, "2": 7, "3": 10, "4": 8, "5": 6, "6": 5, "7": 5, "8": 2}
    first = aarhus.themes.get(number="1")
    assert first.lead == (
        "Deltagelsesmuligheder i gode fællesskaber er af afgørende betydning for børn og unges "
        "trivsel, udvikling og læring."
    )
    # the document's own slip is kept
    assert "Inddragelsen viser, at den af beskrevne tendens om den øgede individualisering" in (
        first.body
    )
    assert first.body.endswith("og hvordan de som forældre bakker bedst op om fællesskaber.")
    third = aarhus.themes.get(number="3")
    # joined across a page break in the extracted text
    assert "mellem skole og forældre, når der opstår uoverensstemmelser mellem enkelte børn" in (
        third.body
    )
    assert "i et børne- og skoleliv" in third.body
    assert third.body.endswith("Det må ikke blive et individuelt projekt.")
    sixth = aarhus.themes.get(number="6")
    assert "principper for skole-hjem-samarbejde også indeholder et fællesskabsperspektiv" in (
        sixth.body
    )
    assert "som en ”professionel forælder”, der ikke kun tager" in sixth.body
    eighth = aarhus.themes.get(number="8")
    assert eighth.body == (
        "Det er relevant med et fælles værdimæssigt fundament for forældresamarbejdet i Børn og "
        "Unge, men det er afgørende, at forældresamarbejdet formes efter lokale forhold.\n\n"
        "Centralt formulerede pejlemærker eller rammer for forældresamarbejde, der er i tråd med "
        "børne- og ungepolitikken, er nævnt som et relevant udkomme af afdækningen. Men de lokale "
        "forskelle på tværs af kommunen er store, og derfor er det nødvendigt for den enkelte "
        "skole at tage udgangspunkt i egen kontekst – børn, medarbejdere og forældre. Samarbejdet "
        "skal forankres lokalt, og det skal være den enkelte skoles ledelse og medarbejdere, der "
        "formidler til forældrene, hvorfor forældrene er vigtige aktører for deres eget barn og "
        "for fællesskabet, og hvordan forældresamarbejde ser ud på den lokale skole."
    )
    for theme in aarhus.themes.exclude(lead=""):
        assert (
            plain_text(theme.body)
            .split("\n\n", 1)[-1 if theme.body.startswith("#") else 0]
            .startswith(theme.lead)
        ), theme


def test_the_six_proposals_keep_their_table_rows_in_order(aarhus):
    proposals = items_of(aarhus).filter(kind="proposal", parent=None).order_by("position")
    assert [p.title for p in proposals] == [
        "Fælles tilgang til forældresamarbejde",
        "Understøttelse af skolebestyrelser",
        "Læringspakker til skoler om forældresamarbejde",
        "Videndelingsarrangement(er)",
        "Videndelingsbank",
        "Understøttelse med fokus på overgange i 0-18-årsperspektiv",
    ]
    rows = {
        p.title: [(c.kind, c.title or c.text) for c in p.children.order_by("position")]
        for p in proposals
    }
    six = ["Formål", "Målgruppe", "Form", "Indhold", "Skalering", "Proces for udarbejdelse"]
    d = "proposal_detail"
    assert rows["Fælles tilgang til forældresamarbejde"] == [(d, label) for label in six]
    assert rows["Understøttelse af skolebestyrelser"] == [(d, label) for label in six]
    assert rows["Læringspakker til skoler om forældresamarbejde"] == [
        (d, "Formål"),
        (d, "Målgruppe"),
        (d, "Form"),
        (d, "Indhold"),
        (d, "Skalering"),
        (d, "Proces for udarbejdelse"),
        (d, "Øvrigt"),
    ]
    assert rows["Videndelingsarrangement(er)"] == [(d, label) for label in [*six, "Øvrigt"]]
    assert rows["Videndelingsbank"] == [
        (d, "Formål"),
        (d, "Målgruppe"),
        (d, "Form"),
        (d, "Indhold"),
        # the cell goes on after its list: a second record, without a heading of its own
        (
            d,
            "Siden kan indeholde eller linke til forskellige former for materiale, som enten er "
            "frit tilgængeligt hos fx Skole og Forældre, eller som er udarbejdet lokalt, fx en "
            "skoles håndbog for forældreråd.",
        ),
        (d, "Skalering"),
        (d, "Proces for udarbejdelse"),
        (d, "Øvrigt"),
    ]
    assert rows["Understøttelse med fokus på overgange i 0-18-årsperspektiv"] == [
        (d, "Formål"),
        (d, "Målgruppe"),
        (d, "Form"),
    ]
    assert set(items_of(aarhus).filter(kind=d).values_list("title", flat=True)) == {
        *DETAIL_LABELS,
        "",
    }
    # The bullets in an "Indhold" cell are a list inside that cell, and the proposals keep their
    # numbers (the decision speaks of "forslag 3").
    pakke = proposals.get(number="3")
    assert [c.text for c in pakke.children.get(title="Indhold").children.all()] == [
        "Fællesskabsunderstøttende forældresamarbejde",
        "Meningsfulde forældremøder",
        "Differentieret forældresamarbejde",
        "Kommunikation og forventningsafstemning",
        "Lokale tilgange til forældresamarbejde.",
    ]
    bank = proposals.get(title="Videndelingsbank").children.get(title="Indhold")
    assert bank.children.count() == 4
    assert [p.number for p in proposals] == ["1", "2", "3", "4", "5", "6"]


def test_the_flattened_tables_are_put_back_in_reading_order(aarhus):
    details = items_of(aarhus).filter(kind="proposal_detail")

    def cell(proposal: str, label: str) -> str:
        return details.get(parent__title=proposal, title=label).text

    # the label sat in the left column; it is not part of the text
    assert not details.filter(text__regex=r"^(Formål|Målgruppe|Form|Indhold|Skalering) ").exists()
    assert cell("Fælles tilgang til forældresamarbejde", "Formål").split("\n\n") == [
        "At definere en fælles tilgang til forældresamarbejde set ind i konteksten af Bredere "
        "Børnefællesskaber, som giver fundament for samarbejdet med forældre i Børn og Unge i et "
        "0-18-årsperspektiv.",
        "At sætte en anvisende og forpligtende retning for personale i Børn og Unge, Aarhus "
        "Kommune.",
        "At skolerne har et værdisæt at tage udgangspunkt i, inden de selv definerer deres "
        "forældresamarbejde yderligere.",
    ]
    # "Proces for udarbejdelse" is printed over two lines and its text after a gap
    assert cell("Fælles tilgang til forældresamarbejde", "Proces for udarbejdelse").endswith(
        "Undervejs involveres øvrige magistratsafdelinger og BU-udvalget evt."
    )
    assert cell("Fælles tilgang til forældresamarbejde", "Indhold").endswith(
        "Det kan fx omhandle:\n\n"
        "- Anerkendelse af forældrenes viden om barnet og intentioner bag deres handlinger\n"
        "- Fremhævelse af forældrefællesskabets betydning for børnefællesskabet og dermed for det "
        "enkelte barn\n"
        "- Tydeliggørelse af, at de fagprofessionelle har en særlig viden om pædagogik, læring og "
        "fællesskaber\n"
        "- At de fagprofessionelle kommunikerer passende og tydeligt om deres praksis\n"
        "- Rollefordeling mellem fagprofessionel og forældre – og det fælles mål"
    )
    # proposal 2's Formål runs on past the page's file label
    assert cell("Understøttelse af skolebestyrelser", "Formål") == (
        "At facilitere lokale processer i skolebestyrelsen med henblik på at styrke "
        "bestyrelsens bidrag til det gode forældresamarbejde.\n\n"
        "At skolebestyrelsen får mulighed for at genbesøge skolens principper for "
        "forældresamarbejde med udgangspunkt i Børn og Unges fælles tilgang til "
        "forældresamarbejde."
    )
    assert cell("Understøttelse af skolebestyrelser", "Form").endswith(
        "Se eksempel fra BU-politikken her: boerne-og-ungepolitikken-dialog-i-bestyrelser.pptx"
    )
    assert cell("Understøttelse af skolebestyrelser", "Skalering") == (
        "Arbejdsgruppen skal have blik for, at materialet skal kunne justeres til dagtilbuds- og "
        "SFO-bestyrelser"
    )
    form = cell("Læringspakker til skoler om forældresamarbejde", "Form")
    assert len(form.split("\n\n")) == 3
    # the document's "forskelle temaer" is kept; the sentence goes on across a page break
    assert "tage forskelle temaer inden for forældresamarbejde op. I arbejdet med den gives" in (
        form
    )
    assert cell("Videndelingsbank", "Øvrigt") == (
        "Denne hænger sammen med nr. 3 Videndelingsarrangement(er), til hvilke der kan "
        "indsamles materiale til videndelingsbanken."
    )
    assert cell("Læringspakker til skoler om forældresamarbejde", "Indhold") == (
        "Læringspakken kan bl.a. omhandle temaer som:"
    )


def test_the_box_of_ways_to_strengthen_the_collaboration_is_kept_once_as_findings(aarhus):
    theme = aarhus.themes.get(title="Sådan kan forældresamarbejdet styrkes")
    assert (
        theme.body == "I forlængelse af afdækningen har arbejdsgruppen formuleret en række behov:"
    )
    findings = list(theme.items.all())
    assert {i.kind for i in findings} == {"finding"}
    assert {i.group for i in findings} == {
        "Afdækningen peger blandt andet på, at forældresamarbejdet kan styrkes ved:"
    }
    assert findings[0].text == (
        "En kommunal retning for forældresamarbejde 0-18 år, så ledere og medarbejdere har et "
        "fælles grundlag at stå på"
    )
    # bilag 1's wording, with its own "til oplever"
    assert "bliver guidet i at være forældre til børn i folkeskolen 3) til oplever trygge" in (
        findings[4].text
    )
    assert findings[5].text.endswith(
        "handlinger. Forældre vil det bedste for deres børn, men de ved ikke nødvendigvis, hvad "
        "der er det bedste i relation til fællesskabet i skolen."
    )
    # the copy printed again in bilag 2 is not duplicated
    assert items_of(aarhus).filter(text__startswith="En kommunal retning").count() == 1


def test_the_draft_common_approach_keeps_its_six_principles(aarhus):
    theme = aarhus.themes.get(title="Fælles tilgang til forældresamarbejde – udkast")
    principles = list(theme.items.all())
    assert [(p.kind, p.group) for p in principles] == [
        ("principle", "Den fælles tilgang til forældresamarbejde")
    ] * 6
    assert principles[0].text.startswith("Forældre er de vigtigste voksne i børnenes liv")
    # printed without a final full stop
    assert principles[4].text == (
        "Vi har brug for dig – forpligtende fællesskab. Du skal vide noget om, hvad der sker på "
        "skolen, så du kan støtte dit barns skolegang og de fællesskaber, barnet er i"
    )
    # the draft's placeholder for its partners is the document's own
    assert "er formuleret i samarbejde med XXX og er udarbejdet" in theme.body


def test_background_and_who_took_part_are_kept_without_peoples_names(aarhus):
    theme = aarhus.themes.get(title="Baggrund")
    assert theme.body.endswith("i samarbejdet med forældre om at skabe Brede Børnefællesskaber.")
    inddragelse = theme.items.get(title="Inddragelse i afdækningen")
    assert (
        "\n\nLederorganisationer\n\n- Skolelederforeningen\n- SFO-lederforeningen\n"
        "- Dagtilbudslederforeningen Aarhus\n- Foreningen af Selvejende Dagtilbud i Aarhus\n"
        "- LUA\n\n"
    ) in inddragelse.text
    assert (
        "Civilsamfundsorganisationer\n\n- Bydelsmødre\n- Børns Vilkår\n- Autismeforeningen\n"
        in (inddragelse.text)
    )
    assert theme.items.get(title="Organisering").text.startswith(
        "Afdækningen er udarbejdet i Pædagogik, Undervisning og Fritid i Børn og Unge"
    )


def test_the_decision_and_the_paper_to_the_raadmand_are_whole_and_leave_out_furniture(aarhus):
    decision = aarhus.themes.get(slug="beslutning-for-punkt-2")
    # "Beslutning for Punkt 2": the chiefs' putting the proposal on the agenda, the three
    # points, the remarks and the decisions, ending "HBL og RG følger op."
    assert decision.body.startswith(
        "Forvaltningschef Helle Bach Lauridsen og Børn og Unge-chef Rasmus Graff har sat "
        "forslaget på dagsorden"
    )
    assert decision.body.count("\n1. ") + decision.body.count("\n2. ") == 2
    assert [i.title for i in decision.items.all()] == ["Bemærkninger", "Beslutninger"]
    ruling = decision.items.get(title="Beslutninger").text
    assert ruling.endswith(
        'frem for "fælles tilgang til forældresamarbejde" (forslag 1), der igangsættes først.'
        "\n\nHBL og RG følger op."
    )
    paper = aarhus.themes.get(slug="indstilling-til-raadmanden")
    assert plain_text(paper.body).startswith(
        "22. januar 2026\n\nEmne: Styrket forældresamarbejde\nTil: Rådmanden"
    )
    # The memo's date is a date, not a numbered list starting at 22.
    assert str(render(paper.body)).startswith("<p>22. januar 2026</p>")
    assert [(i.number, i.title) for i in paper.items.all()] == [
        ("1", "Hvorfor fremsendes forslaget?"),
        ("2", "Indstilling – hvad skal der tages stilling til?"),
        ("3", "Hvilke ændringer indebærer forslaget?"),
        ("4", "Økonomiske konsekvenser af forslaget"),
        ("5", "Videre proces og kommunikation"),
        ("", "Bilag til beslutning"),
    ]
    why = paper.items.get(number="1").text
    # its first paragraph is the chiefs' putting the proposal on the agenda
    assert why.startswith("Forvaltningschef Helle Bach Lauridsen og Børn og Unge-chef Rasmus Graff")
    assert "\n\nI februar 2025 traf forligskredsen" in why
    recommendation = paper.items.get(number="2").text
    assert "ud til resten af 0-18-årsområdet." in recommendation
    assert "Dette er blot et eksempel, og det er således ikke afstemt med arbejdsgruppe" in (
        recommendation
    )
    assert paper.items.get(number="4").text == (
        "Der er afsat 1 mio. kr. til indsatsen, der anvendes til udarbejdelse af materialer m.v."
    )


def test_no_officers_names_contact_details_or_page_furniture_anywhere(aarhus):
    records = [aarhus, aarhus.publisher, *aarhus.themes.all(), *items_of(aarhus)]
    text = "\n".join(
        str(value)
        for record in records
        for value in vars(record).values()
        if isinstance(value, str)
    )
    # The two chiefs are named where the papers name them acting in office (putting the
    # proposal on the agenda, following up); the case officers and contact details are not.
    for leftover in (
        "Helbo",
        "Holtz",
        "Yates",
        "Sagsbehandler",
        "Deltagere:",
        "Tid: 30",
        "41 87 20 63",
        "Grøndalsvej",
        "Viby",
        "Side 1 af 3",
        "2 / 3",
        "Punkt 1",
        "Punkt 3",
        ".pdf",
        "Referatet",
        "SÅDAN KAN",
    ):
        assert leftover not in text, leftover


def test_bilag_1_opens_with_its_own_introduction_and_heads_its_results(aarhus):
    assert aarhus.introduction == ""  # the papers open with the decision, not with bilag 1
    intro = aarhus.themes.get(slug="indledning").body
    assert intro.startswith(
        "I februar 2025 traf forligskredsen bag budgetaftalen 2025-2028 beslutning om indsatsen "
        "Styrket forældresamarbejde under Omstillingsplan for Børn og Unge på vej mod Bredere "
        "Børnefællesskaber. Det overordnede formål med Styrket forældresamarbejde i skolen er:\n\n"
        "- At skabe opbakning til"
    )
    assert (
        "\n2) Udarbejdelse af leverancer som fx materialer, som skolerne kan anvende lokalt "
        in (intro)
    )
    results = aarhus.themes.get(slug="resultater-af-afdaekningen")
    assert results.body.endswith(
        "Disse fund og pointer har ledt til forslag til, hvordan forældresamarbejdet kan "
        "styrkes, jf. s. 4."
    )


def test_what_is_not_reproduced_is_said_by_the_portal_not_left_hanging(aarhus):
    proposals = aarhus.themes.get(slug="forslag-til-loesninger")
    assert "Til sidst er der angivet et forslag til en tidslinje" in proposals.body
    timeline = proposals.items.get(title="Forslag til tidslinje")
    assert timeline.text == ""
    assert "ikke gengivet" in timeline.portal_note
    assert "ikke gengivet" in items_of(aarhus).get(title="Form", parent__number="2").portal_note
    draft = aarhus.themes.get(slug="faelles-tilgang-til-foraeldresamarbejde-udkast")
    assert draft.body.startswith("# Om den fælles tilgang til forældresamarbejde\n\nDette er")
    # The draft's status, in the document's own words, and the framework's as a decision paper.
    assert (
        "»Vedlagt er et eksempel på, hvordan den fælles tilgang i forslag 1 kunne se ud (bilag 3). "
        "Dette er blot et eksempel, og det er således ikke afstemt med arbejdsgruppe eller "
        "sparringspartnere.«"
    ) in draft.status_note
    assert "»formuleret i samarbejde med XXX«" in draft.status_note
    assert "blev godkendt. Løsningsforslagene blev drøftet" in aarhus.status_note


def test_the_source_names_the_administration_the_date_and_the_appendices(aarhus):
    assert aarhus.year == 2026
    assert aarhus.source.startswith("Aarhus Kommune, Børn og Unge: »Styrket forældresamarbejde«")
    for part in ("22. januar 2026", "bilag 1", "bilag 2", "bilag 3", "AarhusIntra"):
        assert part in aarhus.source, part
    assert aarhus.document_kind == "Indstilling til rådmanden med bilag og beslutning"
    assert not aarhus.document_kind_is_own
    assert aarhus.source_url == ""  # the papers name no address, so none is invented


def test_positions_follow_the_document_within_every_theme(aarhus):
    for theme in aarhus.themes.all():
        items = list(theme.items.all())
        assert [i.position for i in items] == [10 * (n + 1) for n in range(len(items))], theme
        assert [i.pk for i in items] == sorted(i.pk for i in items), theme
        for item in items:
            if item.parent_id:
                assert item.parent.position < item.position, item


def test_every_theme_is_tagged_with_shared_concepts(aarhus):
    for theme in aarhus.themes.all():
        assert 1 <= theme.concepts.count() <= 3, theme
    slugs = {t.title: set(t.concepts.values_list("slug", flat=True)) for t in aarhus.themes.all()}
    assert "faellesskab" in slugs["Fællesskaber er vigtige – og udfordrede"]
    assert "differentiering" in slugs["Differentiering af forældresamarbejdet"]
    assert "bestyrelser" in slugs["Styrkelse af bestyrelser og råd"]
    assert "kommunikation" in slugs["Tydelige fagprofessionelle skaber ro og tryghed"]
    bank = items_of(aarhus).get(kind="proposal", title="Videndelingsbank")
    assert list(bank.concepts.values_list("slug", flat=True)) == ["digitalt"]


def test_no_text_keeps_extraction_leftovers(aarhus):
    records = [aarhus, aarhus.publisher, *aarhus.themes.all(), *items_of(aarhus)]
    assert flaws_in(records) == []
    for item in items_of(aarhus):
        assert item.text == item.text.strip() and "•" not in item.text, item


def test_on_the_pages_order_status_numbers_and_notes_in_both_languages(db):
    load_shipped_content()
    aarhus = Framework.objects.get(pk=4)
    draft = aarhus.themes.get(slug="faelles-tilgang-til-foraeldresamarbejde-udkast")
    last_result = aarhus.themes.get(number="8")
    proposals = aarhus.themes.get(slug="forslag-til-loesninger")
    for language, client in visitors():
        page = main_of(reached_from_home(client, aarhus.get_absolute_url(), language))
        contents = page[page.index('id="parts-heading"') :]
        titles = [t.title for t in aarhus.themes.order_by("position")]
        assert [contents.index(t) for t in titles] == sorted(contents.index(t) for t in titles)
        assert "blev godkendt" in page  # the framework's status, at the top of every page
        # Bilag 3 says at the top that it is a draft, in the document's words.
        html = main_of(reached_from_home(client, draft.get_absolute_url(), language))
        status = html.index("Dette er blot et eksempel")
        assert status < html.index("Om den fælles tilgang til forældresamarbejde</h2>")
        assert html.index("<h1") < status
        # "Næste" on the last result leads on to bilag 2, not back to the decision.
        result = main_of(reached_from_home(client, last_result.get_absolute_url(), language))
        assert proposals.title in result[result.index('rel="next"') :][:300]
        # The proposals keep their numbers; the missing timeline figure is said by the portal.
        html = main_of(reached_from_home(client, proposals.get_absolute_url(), language))
        assert '<span class="item-number">3.</span> Læringspakker til skoler' in html
        assert "Forslag til tidslinje" in html and "ikke gengivet" in html
        assert re.search(r"temaer som:</p>\s*</div>.*?<ul class=\"points\">", html, re.S)
        for label in ("Tema i læringspakke", "Kategori i videndelingsbank", "Uddybning af forslag"):
            assert label not in html, label
