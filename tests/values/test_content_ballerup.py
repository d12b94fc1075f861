"""Ballerup Kommune – "Forældre som samarbejdspartnere", as shipped in fixtures/10_ballerup.json.

Expected numbers are counted by hand in the source document; each says where it comes from.
"""

import re
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
def ballerup(db) -> Framework:
    call_command(
        "loaddata", FIXTURES / "00_concepts.json", FIXTURES / "10_ballerup.json", verbosity=0
    )
    return Framework.objects.get(pk=1)


def items(framework: Framework, kind: str) -> list[Item]:
    return list(
        Item.objects.filter(theme__framework=framework, kind=kind).order_by(
            "theme__position", "position"
        )
    )


def test_the_parts_follow_the_document_from_the_history_box_to_the_interview_guide(ballerup):
    themes = [(t.number, t.title) for t in ballerup.themes.order_by("position")]
    assert themes == [
        # the opening bullet points, labelled "Faktabox – historie", open the document
        ("", "Faktabox – historie"),
        # "De fire værditemaer er: 1. … 4." in the introduction
        ("1", "Professionelle og forældre skaber fællesskaber"),
        ("2", "Relationen mellem professionelle og forældre skal være ligeværdig"),
        ("3", "Professionelle og forældre skaber fælles kultur"),
        ("4", "Kommunikation er nøglen til forståelse"),
        # "DE GRUNDLÆGGENDE ROLLER I SAMARBEJDET" and the two role descriptions
        ("", "De grundlæggende roller i samarbejdet"),
        # the two fact boxes at the back
        ("", "Faktabox – fokusgruppeinterview"),
        ("", "Faktabox – dataindsamling"),
    ]
    assert ballerup.theme_label == "Værditema"
    assert ballerup.publisher.name == "Ballerup Kommune"
    # Only the four value themes are what the document calls themes.
    assert list(ballerup.themes.filter(counts_as_theme=True).values_list("number", flat=True)) == [
        "1",
        "2",
        "3",
        "4",
    ]


def test_every_part_of_the_document_is_there_as_its_own_kind(ballerup):
    kinds = Counter(Item.objects.filter(theme__framework=ballerup).values_list("kind", flat=True))
    assert kinds == {
        "example": 10,  # three + two + two + three boxes labelled "Eksempel"
        "statement": 10,  # one "Udsagn" per example
        "role": 2,  # "De professionelles ansvar og rolle", "Forældrenes rolle og ansvar"
        "fact_box": 8,  # six history bullet points + two data-collection bullet points
        "interview_topic": 5,  # Kommunikationen, Relationen, Handlemønstre, Stemninger, Kultur
        "interview_question": 16,  # 2 + 4 + 5 + 2 + 3 question sentences under the topics
    }
    # "Refleksion": 2+1+2 in theme 1, 2+2 in theme 2, 2+1 in theme 3, 2+2+2 in theme 4
    per_theme = Counter(
        ReflectionQuestion.objects.filter(theme__framework=ballerup).values_list(
            "theme__number", flat=True
        )
    )
    assert per_theme == {"1": 5, "2": 4, "3": 3, "4": 6}
    examples_per_theme = Counter(e.theme.number for e in items(ballerup, "example"))
    assert examples_per_theme == {"1": 3, "2": 2, "3": 2, "4": 3}


def test_examples_keep_their_titles_in_reading_order_although_extraction_scrambled_them(
    ballerup,
):
    assert [e.title for e in items(ballerup, "example")] == [
        "Fællesskaber defineres på mange måder.",
        "Dialog omkring måden at være fællesskab på.",
        "Når enkelte børn opleves at fylde meget i gruppen.",
        "At opleve relationen professionelt.",
        "Den gode relation bygger på tillid.",
        "At opleve sig som en del af den fælles kultur.",
        "Vigtige elementer i en imødekommende kultur.",
        "Vores brug af kommunikationsveje og -former er alsidige.",
        "Hvad gør vi, når omgangstonen bliver ekskluderende?",
        "Når mediet skaber afstand frem for nærvær.",
    ]
    assert {e.group for e in items(ballerup, "example")} == {"Eksempel"}


def test_each_example_keeps_its_own_statement_and_reflection_questions(ballerup):
    for example in items(ballerup, "example"):
        children = list(example.children.all())
        assert [(c.kind, c.group) for c in children] == [("statement", "Udsagn")], example
        assert children[0].theme_id == example.theme_id
        assert children[0].position > example.position
        questions = list(example.questions.all())
        assert 1 <= len(questions) <= 2, example
        assert all(q.theme_id == example.theme_id and q.group == "Refleksion" for q in questions)
    assert not ReflectionQuestion.objects.filter(theme__framework=ballerup, item=None).exists()

    example = Item.objects.get(
        theme__framework=ballerup, title="Den gode relation bygger på tillid."
    )
    assert example.children.get().text == (
        "Professionelle og forældre peger på, at omdrejningspunktet for den gode relation er "
        "at udvikle og skabe tillid i samarbejdet."
    )
    assert [q.text for q in example.questions.all()] == [
        "Hvordan arbejder vi med differentiering i samarbejdet, så forældrene oplever en "
        "anerkendelse af deres muligheder og potentialer?",
        "Hvordan håndterer vi samarbejdet med forældre, når det opleves som særligt "
        "udfordrende parterne imellem?",
    ]


def test_wording_is_the_documents_own_with_line_break_hyphens_joined(ballerup):
    statement = items(ballerup, "statement")[0]
    assert statement.text == (
        "Forældrene har brug for, at de professionelle er tydelige og tør forventningsafstemme, "
        "så alle er klar over ansvar og roller."
    )
    theme4 = ballerup.themes.get(number="4")
    # real hyphens stay, including one that happened to end a line ("sms-" / "beskeder")
    assert "på Børne- og Forældreintra, sms-beskeder og e-mails." in theme4.body
    questions = [q.text for q in ReflectionQuestion.objects.filter(theme__framework=ballerup)]
    assert (
        "Hvordan sikrer vi, at kommunikationsveje og – former ikke skaber eksklusion af forældre?"
        in questions
    )
    assert any("givet feed-back på det relationelle arbejde?" in q for q in questions)
    assert any("institutionens/ skolens fælles kultur" in q for q in questions)
    roles = items(ballerup, "role")
    assert "et udviklings– og læringsmiljø" in roles[0].text
    assert "samarbejds- og kommunikationskultur" in roles[0].text
    # the document's own slips are kept, not corrected
    assert "”Et godt børneliv – et fælle ansvar” fra 2005 – 2010. Formål:" in (
        items(ballerup, "fact_box")[0].text
    )
    assert "Disse er er formuleret af professionelle og forældre" in ballerup.introduction


def test_theme_texts_are_whole_paragraphs_and_leads_are_their_first_sentence(ballerup):
    theme1 = ballerup.themes.get(number="1")
    assert theme1.lead == (
        "I samarbejdet mellem professionelle og forældre udvikles fællesskaber, hvor parterne "
        "er sammen om at løse fælles opgaver til gavn for børnegruppen og klassens trivsel, "
        "udvikling og læring."
    )
    assert theme1.body.startswith(theme1.lead)
    assert len(theme1.body.split("\n\n")) == 3
    # Theme 2's text continues after its examples in the extraction; it is one text here and
    # its heading, printed twice in the document, is not repeated in the body.
    theme2 = ballerup.themes.get(number="2")
    paragraphs = theme2.body.split("\n\n")
    assert paragraphs[0].startswith("I Ballerup Kommune er det vigtigt, at samarbejdet bygger")
    assert paragraphs[2] == (
        "Dette sker med henblik på at indgå i et respektfuldt og frugtbart samarbejde med "
        "forældrene."
    )
    assert paragraphs[-1].endswith("kontinuerligt at udvikle, tilpasse og styrke relationen.")
    assert theme2.title not in theme2.body
    for theme in ballerup.themes.exclude(number=""):
        assert "Eksempel" not in theme.body and "Udsagn" not in theme.body


def test_the_introduction_keeps_both_headings_and_the_list_of_value_themes(ballerup):
    intro = ballerup.introduction
    assert ballerup.introduction_heading == "EN FÆLLES OPGAVE FOR PROFESSIONELLE OG FORÆLDRE"
    assert intro.startswith("Forældrene er de vigtigste voksne")
    assert (
        "\n\n# VÆRDIER FOR UDVIKLING AF SAMARBEJDET MELLEM PROFESSIONELLE OG FORÆLDRE\n\n" in intro
    )
    assert intro.endswith(
        "De fire værditemaer er:\n\n"
        "1. Professionelle og forældre skaber fællesskaber\n"
        "2. Relationen mellem professionelle og forældre skal være ligeværdig\n"
        "3. Professionelle og forældre skaber fælles kultur\n"
        "4. Kommunikation er nøglen til forståelse"
    )
    # the history fact box is not part of the introduction
    assert "Faktabox" not in intro and "projektledelse" not in intro


def test_roles_and_fact_boxes_are_complete(ballerup):
    assert [(r.title, r.text.count("\n\n") + 1) for r in items(ballerup, "role")] == [
        ("De professionelles ansvar og rolle", 4),
        ("Forældrenes rolle og ansvar", 4),
    ]
    history = ballerup.themes.get(title="Faktabox – historie").items.all()
    assert [i.group for i in history] == ["Faktabox – historie"] * 6
    assert history.last().text == (
        "I foråret 2011 blev der nedsat en projektledelse til at varetage opgaven."
    )
    data = list(ballerup.themes.get(title="Faktabox – dataindsamling").items.all())
    assert data[0].text.endswith("repræsenteret på tværs af tilbuddene 0-18 år.")
    # The dashes under the second bullet are a list inside it.
    assert data[1].text.split("\n") == [
        "Medarbejdere og forældrerepræsentanter har indgået i følgende:",
        "",
        "- Følgegruppe, 35 deltagere",
        "- Fokusgruppeinterview, professionelle, (sundhedsplejen, dagplejen, 0-5 år, BFO/skole, "
        "klub, specialområdet) 40 deltagere",
        "- Fokusgruppeinterview, forældre, (sundhedsplejen, dagplejen, 0-5 år, BFO/skole, klub, "
        "specialområdet) 40 deltagere",
        "- Brugerrejser, to familier",
    ]


def test_the_interview_guide_keeps_each_question_under_its_topic(ballerup):
    guide = ballerup.themes.get(title="Faktabox – fokusgruppeinterview")
    assert guide.lead == "Eksempel på interviewguide til fokusgruppeinterview."
    assert "konstruktivt og udbytterigt for professionelle og forældre." in guide.body
    topics = [i for i in guide.items.all() if i.kind == "interview_topic"]
    assert [(t.title, t.children.count()) for t in topics] == [
        ("Kommunikationen med de professionelle", 2),
        ("Relationen mellem forældre og de professionelle", 4),
        ("Handlemønstre", 5),
        ("Stemninger", 2),
        ("Kultur", 3),
    ]
    assert topics[3].text == "At opleve en stemning betyder meget."
    assert [q.text for q in topics[0].children.order_by("position")] == [
        "Hvordan bliver vi talt med, og hvordan taler vi selv som forældre med de professionelle?",
        "Hvad betyder kommunikationen for mig/os?",
    ]
    # questions follow their topic directly, in the guide's order
    topic = None
    for item in guide.items.all():
        if item.kind == "interview_topic":
            topic = item
        else:
            assert (item.kind, item.parent_id) == ("interview_question", topic.pk)


def test_positions_follow_the_document_within_every_theme(ballerup):
    for theme in ballerup.themes.all():
        for records in (theme.items.all(), theme.questions.all()):
            positions = [r.position for r in records]
            assert positions == sorted(set(positions))
            assert [r.pk for r in records] == sorted(r.pk for r in records)


def test_the_source_is_honest_about_the_missing_year(ballerup):
    assert ballerup.year is None
    assert ballerup.source.startswith("Ballerup Kommune: »Forældre som samarbejdspartnere«.")
    assert "angiver ikke udgivelsesår, udgave eller hvor det kan findes" in ballerup.source
    assert "2011" in ballerup.source
    assert ballerup.source_url == ""  # the document names no address, so none is invented
    # Ballerup never calls itself "inspirationsmateriale"; the type is the portal's label.
    assert "inspirationsmateriale" not in (ballerup.document_kind + ballerup.source).lower()
    assert ballerup.document_kind == "Fælles værdigrundlag"
    assert not ballerup.document_kind_is_own


def test_every_theme_is_tagged_with_a_shared_concept(ballerup):
    for theme in ballerup.themes.all():
        assert 1 <= theme.concepts.count() <= 3, theme
    assert "kommunikation" in ballerup.themes.get(number="4").concepts.values_list(
        "slug", flat=True
    )
    assert "faellesskab" in ballerup.themes.get(number="1").concepts.values_list("slug", flat=True)


def test_no_text_keeps_extraction_leftovers(ballerup):
    records = [ballerup, ballerup.publisher, *ballerup.themes.all()]
    records += Item.objects.filter(theme__framework=ballerup)
    records += ReflectionQuestion.objects.filter(theme__framework=ballerup)
    assert flaws_in(records) == []
    # no running theme tab ("1 Professionelle og …") or box label left inside a text
    for record in records:
        for field in ("body", "text", "introduction"):
            value = getattr(record, field, "")
            assert "Faktabox" not in value, record
            assert not any(value.startswith(f"{n} ") for n in "1234"), record


def test_on_the_pages_four_themes_the_history_box_first_lists_as_lists_in_both_languages(db):
    load_shipped_content()
    ballerup = Framework.objects.get(pk=1)
    history = ballerup.themes.get(title="Faktabox – historie")
    data = ballerup.themes.get(title="Faktabox – dataindsamling")
    guide = ballerup.themes.get(title="Faktabox – fokusgruppeinterview")
    roles = ballerup.themes.get(title="De grundlæggende roller i samarbejdet")
    for language, client in visitors():
        for url in ("/", "/rammer/"):
            listing = main_of(html_of(client, url, language))
            card = card_of(listing, ballerup.title)
            assert ("4 temaer" if language == "da" else "4 themes") in card, (url, language)
            assert "8 temaer" not in card and "8 themes" not in card
            # The document type is marked as the portal's, not the document's.
            assert "Fælles værdigrundlag" in card
            assert "portalens betegnelse" in card or "the portal’s label" in card
        page = main_of(reached_from_home(client, ballerup.get_absolute_url(), language))
        contents = page[page.index('id="parts-heading"') :]
        first_theme = ballerup.themes.get(number="1").title
        assert contents.index(history.title) < contents.index(first_theme)
        assert "Øvrige dele" not in page and "Dokumentets temaer" not in page
        assert "<ol>" in page and "<li>Kommunikation er nøglen til forståelse</li>" in page
        # Previous/next follow the document: the history box leads to value theme 1.
        box = main_of(reached_from_home(client, history.get_absolute_url(), language))
        assert 'rel="next"' in box and first_theme in box[box.index('rel="next"') :]
        assert box.count(history.title) == 1  # the h1, not repeated as a run heading
        assert box.count("<li>") >= 6
        nested = main_of(reached_from_home(client, data.get_absolute_url(), language))
        assert re.search(r"<li>.*?følgende:</p>\s*<ul>\s*<li>Følgegruppe", nested, re.S)
        # No generic kind names as headings the document does not have.
        for url in (guide.get_absolute_url(), roles.get_absolute_url()):
            part = main_of(reached_from_home(client, url, language))
            for label in ("Interviewemne", "Interviewspørgsmål", "Rollebeskrivelse", "Faktaboks"):
                assert label not in part, (url, label)
            assert "Interview topic" not in part and "Role description" not in part
