"""Københavns Kommune's dialogue meeting (28 May 2024) is in the portal whole and worded as sent.

The source is a summary e-mail to the school boards plus the meeting's slides, including the
researcher Gro Emmertsen Lund's talk. Expected numbers are counted by hand in that document.
"""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from values.models import Framework, Item, ReflectionQuestion

FIXTURE = settings.BASE_DIR / "fixtures" / "50_koebenhavn.json"


@pytest.fixture
def koebenhavn(db) -> Framework:
    call_command(
        "loaddata",
        str(settings.BASE_DIR / "fixtures" / "00_concepts.json"),
        str(FIXTURE),
        verbosity=0,
    )
    return Framework.objects.get(pk=5)


def kind_count(framework: Framework, kind: str) -> int:
    return Item.objects.filter(theme__framework=framework, kind=kind).count()


def texts(framework: Framework, kind: str) -> list[str]:
    return list(
        Item.objects.filter(theme__framework=framework, kind=kind)
        .order_by("theme__position", "position")
        .values_list("text", flat=True)
    )


def test_every_part_of_the_meeting_papers_is_there_once(koebenhavn):
    # The e-mail summary and the eleven parts of the slides that carry content (title slide,
    # agenda, the researcher's CV and the closing "Opsamling" slide are meeting furniture).
    assert koebenhavn.themes.count() == 12
    # 7 numbered summary points in the e-mail + 3 arrow points on "Hvorfor ønsker vi at
    # samarbejde med forældrene?" + 6 bullets on "Hvor står vi så nu?" + 5 bullets on
    # "Det Grænseløse skolehjemsamarbejde (M.Ø. Akselvoll, 2016)".
    assert kind_count(koebenhavn, Item.Kind.FINDING) == 7 + 3 + 6 + 5
    # "Det nødvendige grundlag for velfungerende forældresamarbejde": numbered 1–6.
    assert kind_count(koebenhavn, Item.Kind.ASSUMPTION) == 6
    # "Kontraproduktive antagelser..": five quoted bullets.
    assert kind_count(koebenhavn, Item.Kind.COUNTER_ASSUMPTION) == 5
    # The two spiral slides, six boxes each.
    assert kind_count(koebenhavn, Item.Kind.SPIRAL) == 2
    assert kind_count(koebenhavn, Item.Kind.SPIRAL_STEP) == 6 + 6
    # "En sjette diskurs … – Det responsive forældresamarbejde": eight bullets.
    assert kind_count(koebenhavn, Item.Kind.RESPONSIVE_POINT) == 8
    # "Anbefalinger … – sådan har man gjort på Vestre Skole": sixteen arrow bullets.
    assert kind_count(koebenhavn, Item.Kind.RECOMMENDATION) == 16
    # The Vestre Skole facts slide.
    assert kind_count(koebenhavn, Item.Kind.FACT_BOX) == 1
    # The e-mail's closing paragraph, the slide question on reasons to collaborate, the OBS box
    # over the counter-productive assumptions and the English "Figure 5.2" on the spiral slides.
    assert kind_count(koebenhavn, Item.Kind.SECTION) == 4
    # "Arbejdsspørgsmål 1", "2" and "3".
    assert ReflectionQuestion.objects.filter(theme__framework=koebenhavn).count() == 3
    assert Item.objects.filter(theme__framework=koebenhavn).count() == 75  # the sum of the above


def test_parts_follow_the_order_of_the_email_and_the_slides(koebenhavn):
    assert list(koebenhavn.themes.values_list("title", flat=True)) == [
        "Opsummering af pointer om forældresamarbejde og kommunikation mellem forældre og skolen",
        "Hvorfor ønsker vi at samarbejde med forældrene?",
        "Samspillet mellem skole og hjem … er i (konstant) forandring",
        "Hvor står vi så nu?",
        "Det Grænseløse skolehjemsamarbejde (M.Ø. Akselvoll, 2016)",
        "Kontraproduktive antagelser",
        "Eksklusionsspiralen og inklusionsspiralen",
        "Det nødvendige grundlag for velfungerende forældresamarbejde (mindset/antagelser)",
        "Vestre Skole",
        "En sjette diskurs: Samarbejdsdiskursen",
        "Anbefalinger til, hvordan I kan understøtte forældrenes rolle og bidrag til arbejdet med "
        "at skabe stærkere børnefællesskaber i skolen? – sådan har man gjort på Vestre Skole",
        "Workshop",
    ]
    # The document does not number its parts.
    assert set(koebenhavn.themes.values_list("number", flat=True)) == {""}
    assert koebenhavn.theme_label == "Del"


def test_the_seven_summary_points_keep_their_headings_and_order(koebenhavn):
    summary = koebenhavn.themes.get(slug="opsummering-af-pointer")
    points = summary.items.filter(kind=Item.Kind.FINDING)
    assert list(points.values_list("title", flat=True)) == [
        "Fokus på kvalitet i forældresamarbejdet",
        "Genovervejelse af forældresamarbejdet",
        "Årlig genstart af forældresamarbejde",
        "Forældremøder og aktiviteter",
        "Kommunikation og forventningsafstemning",
        "Inklusion af forskellige forældregrupper",
        "Digital Kommunikation og Support",
    ]
    assert set(points.values_list("group", flat=True)) == {summary.title}
    # The closing paragraph of the e-mail comes after the seven points.
    assert summary.items.last().text.startswith(
        "Diskussionen fremhævede overordnet et klart ønske om at styrke og forny"
    )
    third = points.get(title="Årlig genstart af forældresamarbejde").text
    assert third.endswith(
        "Det er essentielt at der kontinuerligt forventningsafstemmes, så alle er på samme side, "
        "ift. forventninger og krav."
    )


def test_both_spirals_run_step_by_step_from_problem_to_outcome(koebenhavn):
    spirals = {
        s.title: s for s in Item.objects.filter(kind=Item.Kind.SPIRAL, theme__framework=koebenhavn)
    }
    assert list(spirals) == ["Eksklusionsspiralen", "Inklusionsspiralen"]
    exclusion = list(spirals["Eksklusionsspiralen"].children.values_list("text", flat=True))
    inclusion = list(spirals["Inklusionsspiralen"].children.values_list("text", flat=True))
    assert exclusion == [
        "Skolen forstår eleven som problemet",
        "Skolen fremlægger og underbygger problemhistorien",
        "Elev- og forældreperspektiver afvises, benægtes eller overhøres",
        "Forældrene gøres ansvarlige for problemet og for at løse det hjemmefra/genopdrage "
        "deres barn",
        "Situationen formes som et ultimatum; Enten affinder forældrene sig med problemet og "
        "ansvaret for at løse det, eller også kan de finde en anden skole",
        "Eksklusion. Familien er nødsaget til at flytte barnet til en anden skole",
    ]
    assert inclusion[0].startswith("Skolen forstår, at eleven befinder sig i en svær situation")
    assert inclusion[2] == (
        "Elev- og forældreperspektiver bydes velkommen, lyttes til indgående, udforskes og "
        "påskønnes"
    )
    assert inclusion[3] == "Skolen påtager sig ansvaret for at løse problemerne i skolen"
    assert inclusion[-1] == "Inklusion. Familien kan se en vej frem og har håb for fremtiden"
    # The English figure on the slides is kept once, in its own words, between the two spirals.
    theme = spirals["Eksklusionsspiralen"].theme
    top_level = list(theme.items.filter(parent=None).values_list("title", flat=True))
    assert top_level == [
        "Eksklusionsspiralen",
        "Figure 5.2; When exclusion is not happening",
        "Inklusionsspiralen",
    ]
    figure = theme.items.get(kind=Item.Kind.SECTION).text.split("\n")
    assert figure[0] == "The school does NOT appoint the student as the problem."
    assert figure[-1] == "Exclusion is NOT the result"
    assert len(figure) == 7


def test_assumptions_counter_assumptions_and_the_sixth_discourse_are_worded_as_on_the_slides(
    koebenhavn,
):
    assumptions = texts(koebenhavn, Item.Kind.ASSUMPTION)
    assert assumptions[0] == (
        "Alle forældre og børn har ressourcer, evner og kompetencer og er villige til at "
        "samarbejde, at dele ideer og få indflydelse."
    )
    assert assumptions[2] == (
        "Forældre kan ikke gøres ansvarlige for det, der sker i skolen. Forældre kan ikke "
        "fjernstyre deres børn."
    )
    counter = Item.objects.filter(kind=Item.Kind.COUNTER_ASSUMPTION, theme__framework=koebenhavn)
    assert set(counter.values_list("group", flat=True)) == {"Kontraproduktive antagelser.."}
    assert counter.first().text == (
        "”Det er forældrenes ansvar, at børnene trives i skolen, hører efter og indordner sig "
        "skolens standarder”"
    )
    responsive = texts(koebenhavn, Item.Kind.RESPONSIVE_POINT)
    assert responsive[0] == "Kontekstafklaring, lytning og lydhørhed (inklusionsspiralen)"
    assert responsive[3] == (
        "Optagethed af skolens praksis (kultur) og praksisudvikling (den lærende "
        "organisation/opbygning af kapacitet)"
    )
    assert responsive[-1] == "Børneparat skole"


def test_vestre_skole_recommendations_carry_the_slides_heading(koebenhavn):
    recommendations = Item.objects.filter(
        kind=Item.Kind.RECOMMENDATION, theme__framework=koebenhavn
    )
    (group,) = set(recommendations.values_list("group", flat=True))
    assert group.endswith("– sådan har man gjort på Vestre Skole")
    assert recommendations.first().text == (
        "Inviter forældrene ind i samarbejdet i en positiv og klar rolle (og differentier "
        "forhåbningerne)"
    )
    assert recommendations.filter(
        text="Vær klar på kommunikationsstrategien, så der fx skabes retningslinjer for brug af "
        "AULA",
        concepts__slug="digitalt",
    ).exists()
    assert recommendations.last().text == (
        "Opbyg kapacitet på skolen – styrk det professionelle samarbejde - lav børneparat skole"
    )


def test_the_three_workshop_questions_are_reflection_questions(koebenhavn):
    questions = ReflectionQuestion.objects.filter(theme__framework=koebenhavn)
    assert list(questions.values_list("group", flat=True)) == [
        "Arbejdsspørgsmål 1",
        "Arbejdsspørgsmål 2",
        "Arbejdsspørgsmål 3",
    ]
    assert questions[0].text == (
        "Hvordan kan skolens lærere og pædagoger understøttes i at agere som i "
        "inklusionsspiralen? Hvad skal der til? Hvilke benspænd ser vi - og hvor skal der støtte "
        "til? I hvilken form?"
    )
    assert questions[2].text.startswith("Hvis vi skulle genstarte forældresamarbejdet")


def test_real_hyphens_stay_and_line_break_hyphens_are_joined(koebenhavn):
    all_text = "\n".join(
        Item.objects.filter(theme__framework=koebenhavn).values_list("text", flat=True)
    )
    body = "\n".join(koebenhavn.themes.values_list("body", flat=True))
    assert "Et godt skole-hjem-samarbejde fremmer børns trivsel og læring" in body
    assert "F.eks. blev skolehjem-samtalen nævnt" in all_text
    assert "buddy-ordninger, hvor forældre inkluderer og hjælper andre 1:1." in all_text
    assert "Social kapital-score på skolen 74 (estimeret gennemsnit ligger på 63)" in all_text
    assert "a dispute/clash of stories and a family-school conflict." in all_text
    # "forældre-/perspektiver" was broken over two lines in a spiral box.
    assert "forældre-perspektiver" not in all_text
    assert all_text.count("Elev- og forældreperspektiver") == 2
    assert koebenhavn.introduction.startswith(
        "Mange tak for jeres deltagelse på dialogmødet mellem Børne- og Ungdomsudvalget og "
        "skolebestyrelserne 28. maj."
    )


def test_source_names_the_meeting_its_date_and_the_researchers_talk(koebenhavn):
    assert koebenhavn.publisher.name == "Københavns Kommune"
    assert koebenhavn.year == 2024
    assert koebenhavn.document_kind == "Opsummering og slides fra dialogmøde"
    assert koebenhavn.source.startswith(
        "Københavns Kommune: Dialogmøde mellem skolebestyrelserne og Børne- og Ungdomsudvalget, "
        "28. maj 2024."
    )
    assert "”Forældresamarbejde anno 2024 – udfordringer og muligheder?”" in koebenhavn.source
    assert "skoleforsker Gro Emmertsen Lund" in koebenhavn.source
    references = koebenhavn.references.split("\n")
    assert len(references) == 8  # seven titles under "hvor kan man læse mere?" + her website
    assert references[0] == (
        "Haslebo G. & G. E. Lund (2014): Relationsudvikling i skolen. Dansk Psykologisk Forlag."
    )
    assert koebenhavn in Framework.objects.published()


def test_every_part_is_tagged_with_one_to_three_concepts(koebenhavn):
    for theme in koebenhavn.themes.prefetch_related("concepts"):
        assert 1 <= len(theme.concepts.all()) <= 3, theme.title
    summary = koebenhavn.themes.get(slug="opsummering-af-pointer")
    assert set(summary.concepts.values_list("slug", flat=True)) == {
        "kommunikation",
        "inddragelse",
        "digitalt",
    }
    spirals = koebenhavn.themes.get(slug="eksklusionsspiralen-og-inklusionsspiralen")
    assert set(spirals.concepts.values_list("slug", flat=True)) == {
        "inklusion",
        "tillid-og-relation",
    }


def test_loading_the_content_again_updates_instead_of_duplicating(koebenhavn):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert Item.objects.filter(theme__framework=koebenhavn).count() == 75
    assert koebenhavn.themes.count() == 12


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, v in value.items():
            if key != "updated_at":
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


LINE_BREAK_HYPHEN = re.compile(r"[a-zæøå]- (?!og\b|eller\b)[a-zæøå]")
# The document's own typo in a book title (a hyphen used as a dash), kept as printed.
KNOWN_DASHES = ("Fra fravær til fællesskab- hvad kan skolen gøre?",)
BULLETS = re.compile(r"[•●\uf0d8\uf0b7]|››|^\s*[–-] ", re.MULTILINE)
FURNITURE = re.compile(
    r"Side \d+ af \d+|^\s*\d+ / \d+\s*$|^\s*\d+\s*$|City of Copenhagen|Agenda|\d\d:\d\d|"
    r"Med venlig hilsen|Kære alle|http",
    re.MULTILINE,
)


def test_no_text_keeps_pdf_debris_or_officers_names():
    strings = list(_strings(json.loads(FIXTURE.read_text(encoding="utf-8"))))
    for text in strings:
        cleaned = text
        for known in KNOWN_DASHES:
            cleaned = cleaned.replace(known, "")
        assert not LINE_BREAK_HYPHEN.search(cleaned), text
        assert not BULLETS.search(text), text
        assert not FURNITURE.search(text), text
        assert "  " not in text, text
        assert text == text.strip(), text
    everything = "\n".join(strings)
    # Municipal officers and the mayor named in the e-mail and on the agenda are not content.
    for name in ("Nordqvist", "Næsager", "Lohse", "AC-fuldmægtig", "Fagligt Indhold og Kvalitet"):
        assert name not in everything
    # The researcher is an author of the content and keeps her name.
    assert "Gro Emmertsen Lund" in everything
