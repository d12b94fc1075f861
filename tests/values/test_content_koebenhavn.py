"""Københavns Kommune's dialogue meeting (28 May 2024) is in the portal whole and worded as sent.

The source is a summary e-mail to the school boards plus the meeting's slides, including the
researcher Gro Emmertsen Lund's talk. Expected numbers are counted by hand in that document.
"""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.values.pages import html_of, load_shipped_content, main_of, reached_from_home, visitors
from values.markup import plain_text, render
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
    # The e-mail summary, the agenda and the twelve slides that carry content (the title slide,
    # the researcher's CV and the closing "Opsamling" slide are meeting furniture).
    assert koebenhavn.themes.count() == 14
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
    # The e-mail's closing paragraph and its sign-off, the OBS box over the counter-productive
    # assumptions, the English "Figure 5.2" on the spiral slides and the notes under each of
    # the three workshop questions.
    assert kind_count(koebenhavn, Item.Kind.SECTION) == 2 + 1 + 1 + 3
    # "Arbejdsspørgsmål 1", "2" and "3", and the slide's question to the audience.
    assert ReflectionQuestion.objects.filter(theme__framework=koebenhavn).count() == 4
    assert Item.objects.filter(theme__framework=koebenhavn).count() == 78  # the sum of the above


def test_parts_follow_the_order_of_the_email_and_the_slides(koebenhavn):
    assert list(koebenhavn.themes.values_list("title", flat=True)) == [
        "Opsummering af pointer om forældresamarbejde og kommunikation mellem forældre og skolen",
        "Agenda",
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
        "Tak for nu – og hvor kan man læse mere?",
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
    # The points keep the e-mail's numbers 1–7.
    assert list(points.values_list("number", flat=True)) == [str(n) for n in range(1, 8)]
    # The closing paragraph of the e-mail comes after the seven points, once: it is not also
    # the part's lead. Then the sign-off: who sent it.
    *_, closing, signoff = summary.items.all()
    assert closing.text.startswith(
        "Diskussionen fremhævede overordnet et klart ønske om at styrke og forny"
    )
    assert "Diskussionen fremhævede" not in summary.lead + summary.body
    assert signoff.text == "Med venlig hilsen\n\nAC-fuldmægtig\nFagligt Indhold og Kvalitet"
    assert signoff.portal_note == "Afsenderens navn er ikke gengivet."
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
    item = theme.items.get(kind=Item.Kind.SECTION)
    figure = item.text.split("\n")
    assert figure[0] == "- The school does NOT appoint the student as the problem."
    assert figure[-1] == "- Exclusion is NOT the result"
    assert len(figure) == 7
    # Its seven statements are a list, and it is English: a screen reader must say so.
    assert item.language == "en"
    assert str(render(item.text)).count("<li>") == 7


def test_the_english_figure_is_marked_english_wherever_it_is_shown(db):
    load_shipped_content()
    figure = Item.objects.get(title="Figure 5.2; When exclusion is not happening")
    for language, client in visitors():
        page = main_of(reached_from_home(client, figure.theme.get_absolute_url(), language))
        assert '<h2 class="item-title" lang="en">Figure 5.2' in page
        block = page[page.index(f'id="punkt-{figure.pk}"') :]
        assert block.index('<div class="item-text" lang="en">') < block.index("NOT appoint")
        # Danish parts around it stay Danish.
        assert '<h2 class="item-title" lang="da">Inklusionsspiralen</h2>' in page
        found = main_of(html_of(client, "/soeg/?q=exclusion", language))
        assert re.search(r'<h3 class="result-title" lang="en"><a [^>]*>Figure 5\.2', found)


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


def test_the_workshop_keeps_its_intro_its_questions_and_the_handout_for_each(koebenhavn):
    workshop = koebenhavn.themes.get(slug="workshop")
    assert workshop.body.startswith("Intro v/ Fagdirektør Gitte Lohse\n\n- Struktureret om 3")
    assert "\n- Vi slutter af med Opsamling/refleksioner i plenum" in workshop.body
    questions = ReflectionQuestion.objects.filter(theme=workshop)
    # Each question, then the note that ties it to its handout, in the slides' order.
    blocks = sorted([*questions, *workshop.items.all()], key=lambda block: block.position)
    assert [getattr(b, "group", None) or b.text.split("\n- ")[-1][:20] for b in blocks] == [
        "Arbejdsspørgsmål 1",
        "Spiralerne er printe",
        "Arbejdsspørgsmål 2",
        "Antagelser er printe",
        "Arbejdsspørgsmål 3",
        "´En sjette diskurs´ ",
    ]
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


def test_the_audience_question_on_the_slides_is_a_question_a_board_can_take_along(koebenhavn):
    why = koebenhavn.themes.get(slug="hvorfor-oensker-vi-at-samarbejde-med-foraeldrene")
    (question,) = why.questions.all()
    assert question.text == (
        "Hvilke andre grunde/begrundelser er der til/for, at skolen skal løfte sin opgave i et "
        "samarbejde med forældrene?"
    )
    assert not Item.objects.filter(theme=why, text=question.text).exists()


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
    assert not koebenhavn.document_kind_is_own
    assert "sendt af Fagligt Indhold og Kvalitet i Københavns Kommune" in koebenhavn.source
    assert koebenhavn.source.startswith(
        "Københavns Kommune: Dialogmøde mellem skolebestyrelserne og Børne- og Ungdomsudvalget, "
        "28. maj 2024."
    )
    assert "”Forældresamarbejde anno 2024 – udfordringer og muligheder?”" in koebenhavn.source
    assert "skoleforsker Gro Emmertsen Lund" in koebenhavn.source
    # The reading list is a slide of the talk, credited like the rest of it.
    assert koebenhavn.references == ""
    reading = koebenhavn.themes.get(slug="hvor-kan-man-laese-mere")
    references = reading.body.split("\n")
    assert len([line for line in references if line.startswith("- ")]) == 7
    assert references[0] == (
        "- Haslebo G. & G. E. Lund (2014): Relationsudvikling i skolen. Dansk Psykologisk Forlag."
    )
    assert references[-1].endswith("podcasts og bøger på www.groemmertsenlund.dk")
    assert koebenhavn.source_url == ""
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
    assert Item.objects.filter(theme__framework=koebenhavn).count() == 78
    assert koebenhavn.themes.count() == 14


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, v in value.items():
            if key not in ("updated_at", "number"):  # a number is a bare digit by design
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


LINE_BREAK_HYPHEN = re.compile(r"[a-zæøå]- (?!og\b|eller\b)[a-zæøå]")
# The document's own typo in a book title (a hyphen used as a dash), kept as printed.
KNOWN_DASHES = ("Fra fravær til fællesskab- hvad kan skolen gøre?",)
BULLETS = re.compile(r"[•●\uf0d8\uf0b7]|››|^\s*[–-] ", re.MULTILINE)
FURNITURE = re.compile(
    r"Side \d+ af \d+|^\s*\d+ / \d+\s*$|^\s*\d+\s*$|City of Copenhagen|Kære alle|http",
    re.MULTILINE,
)


def test_no_text_keeps_pdf_debris_or_officers_names():
    # Long texts are read as the visitor gets them: list markup is not a bullet glyph.
    strings = [plain_text(s) for s in _strings(json.loads(FIXTURE.read_text(encoding="utf-8")))]
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
    # The mayor and the director who led parts of the meeting are named as the agenda and the
    # workshop slide name them; the officer who sent the e-mail is not.
    assert "Nordqvist" not in everything
    assert "Børne- og Ungdomsborgmester Jakob Næsager" in everything
    assert "Intro v/ Fagdirektør Gitte Lohse" in everything
    # The researcher is an author of the content and keeps her name.
    assert "Gro Emmertsen Lund" in everything


CREDIT = "Fra oplægget v/ skoleforsker Gro Emmertsen Lund"


def test_the_researchers_slides_are_credited_and_only_the_municipalitys_parts_are_not(koebenhavn):
    credited = set(koebenhavn.themes.exclude(credit="").values_list("slug", flat=True))
    own = set(koebenhavn.themes.filter(credit="").values_list("slug", flat=True))
    assert own == {"opsummering-af-pointer", "agenda", "workshop"}
    assert len(credited) == 11  # ten parts of her talk and her reading list
    assert {t.credit for t in koebenhavn.themes.exclude(credit="")} == {
        CREDIT + " (© Gro Emmertsen Lund)"
    }
    inclusion = Item.objects.get(theme__framework=koebenhavn, title="Inklusionsspiralen")
    assert "portalens læsning" in inclusion.portal_note


def test_on_the_pages_the_credit_is_where_the_reader_looks_in_both_languages(db):
    load_shipped_content()
    koebenhavn = Framework.objects.get(pk=5)
    spirals = koebenhavn.themes.get(slug="eksklusionsspiralen-og-inklusionsspiralen")
    summary = koebenhavn.themes.get(slug="opsummering-af-pointer")
    promise = {"da": "fx en forskers oplæg – står det ved teksten", "en": "a researcher’s talk"}
    for language, client in visitors():
        # The home page promises that a text by someone else says so where it stands; the
        # checks below keep that promise true for the researcher's slides.
        home = main_of(html_of(client, "/", language))
        assert promise[language] in home.replace("&#x27;", "’").replace("'", "’"), language
        page = main_of(reached_from_home(client, koebenhavn.get_absolute_url(), language))
        assert "En mødeopsamling, ikke en vedtaget ramme" in page  # status, every page
        assert "Dokumentets temaer" not in page and "Øvrige dele" not in page
        assert page.count(CREDIT) == 11  # on each credited part in the list
        html = main_of(reached_from_home(client, spirals.get_absolute_url(), language))
        assert html.index("<h1") < html.index(CREDIT) < html.index("Eksklusionsspiralen</h2>")
        assert "En mødeopsamling" in html
        assert "portalens læsning" in html
        assert "Spiral</h" not in html and "Afsnit" not in html
        html = main_of(reached_from_home(client, summary.get_absolute_url(), language))
        assert CREDIT not in html
        assert html.count("Diskussionen fremhævede overordnet") == 1
        assert '<span class="item-number">7.</span> Digital Kommunikation og Support' in html
        # Every search hit from her slides says so; the municipality's do not.
        found = main_of(html_of(client, "/soeg/?q=forældresamarbejde", language))
        hits = re.findall(r'<li class="result result-\w+">(.*?)</li>', found, re.S)
        assert hits
        for hit in hits:
            if "/eksklusionsspiralen" in hit or "/kontraproduktive-antagelser" in hit:
                assert CREDIT in hit
            if "/opsummering-af-pointer" in hit or "/workshop" in hit:
                assert CREDIT not in hit
        # And every quote of them in the concept comparison.
        # (The comparison shows three frameworks unless the reader chooses; choose København.)
        chosen = f"/begreber/inklusion/?ramme={koebenhavn.slug}"
        compare = main_of(html_of(client, chosen, language))
        column = compare[compare.index('id="ramme-' + koebenhavn.slug + '"') :]
        column = column[: column.index("</section>")]
        quotes = re.findall(r'<li id="punkt-\d+">(.*?)</li>', column, re.S)
        assert quotes
        own = ("/opsummering-af-pointer/", "/agenda/", "/workshop/")
        for quote in quotes:
            assert (CREDIT in quote) != any(part in quote for part in own), quote


def test_a_worksheet_quoting_the_researchers_slides_says_whose_words_they_are(db):
    from reflections.models import WorksheetTemplate
    from reflections.services import create_from_template

    load_shipped_content()
    template = WorksheetTemplate.objects.get(slug="koebenhavn-genstart")
    for language, client in visitors():
        page = main_of(html_of(client, template.get_absolute_url(), language))
        assumption = page.index("Alle forældre og børn har ressourcer")
        context = page[assumption : assumption + 800]
        assert CREDIT in context, language
        title = "Det nødvendige grundlag for velfungerende forældresamarbejde (mindset/antagelser)"
        assert context.count(title) == 1  # the part's title, not once more as its heading
    sheet = create_from_template(template, school_name="Skolen", board_name="Bestyrelsen")
    credited = sheet.worksheet.questions.filter(context__contains=CREDIT)
    # The audience question and the six assumptions come from her slides; the workshop's three
    # questions and the portal's own next step do not.
    assert credited.count() == 7
    assert not credited.filter(text__startswith="Hvis vi skulle genstarte")
    workshop = sheet.worksheet.questions.exclude(context__contains=CREDIT)
    assert all("Workshop" in q.context or "Portalens" in q.context for q in workshop)
