"""Every shipped fixture, whoever wrote it: no extraction leftovers, tagged themes, a source."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from tests.conftest import rows_for_the_module
from tests.values.text_checks import flaws, flaws_in
from values.models import Concept, Framework, Item, ReflectionQuestion, Theme

# Page furniture is checked per document; across documents a line with only a number could be
# real content, so this file checks the leftovers every text must be free of.
CHECKS = ("line-break hyphen", "bullet glyph", "double space")


def load_shipped_content() -> None:
    call_command("load_content", verbosity=0)


@pytest.fixture(scope="module")
def shipped_content_rows(django_db_setup, django_db_blocker):
    """Loaded once for the module: the tests here only read it."""
    with rows_for_the_module(django_db_blocker, load_shipped_content):
        yield


@pytest.fixture
def shipped_content(shipped_content_rows, db) -> None:
    pass


def test_the_leftover_checks_catch_what_extraction_leaves_and_spare_real_hyphens():
    assert flaws("tør forvent- ningsafstemme", CHECKS)
    assert flaws("profes-\nsionelle", CHECKS)
    assert flaws("• Kommunikation", CHECKS)
    assert flaws("Punkt\n– et andet punkt", CHECKS)
    assert flaws("\uf0b7 Kommunikation", CHECKS)
    assert flaws("›› Kommunikation", CHECKS)
    assert flaws("to  mellemrum", CHECKS)
    for fine in (
        "i børne- og ungeområdet",
        "for- eller bagsiden",
        "0-18-årsområdet og skole-hjem-samarbejde",
        "sms-beskeder, kommunikationsveje og -former",
        "sammen - fagprofessionelle, forældre",
        "udviklings– og læringsmiljø",
        "Lund, G. E. (2021): Fra fravær til fællesskab- hvad kan skolen gøre?",
    ):
        assert flaws(fine, CHECKS) == [], fine


def test_no_shipped_text_keeps_a_line_break_hyphen_bullet_glyph_or_double_space(
    shipped_content,
):
    records = [
        *Framework.objects.select_related("publisher"),
        *Theme.objects.all(),
        *Item.objects.all(),
        *ReflectionQuestion.objects.all(),
        *Concept.objects.all(),
    ]
    assert Framework.objects.exists() and Item.objects.exists()
    assert flaws_in(records, CHECKS) == []


def test_every_shipped_theme_has_a_concept_and_every_framework_a_source(shipped_content):
    untagged = Theme.objects.annotate(n=Count("concepts")).filter(n=0)
    assert [f"{t.framework_id}/{t.pk} {t.title}" for t in untagged] == []
    assert list(Framework.objects.filter(source__regex=r"^\s*$").values_list("pk", flat=True)) == []
    assert Theme.objects.exists()


def test_questions_the_portal_added_to_worksheet_templates_are_marked_as_the_portals(
    shipped_content,
):
    from reflections.models import PORTAL_QUESTION_CONTEXT, WorksheetTemplate
    from reflections.services import create_from_template
    from tests.values.pages import html_of, visitors

    added = "Hvad vil vi arbejde videre med – hvad gør vi, hvem står for det, og hvornår?"
    template = WorksheetTemplate.objects.get(slug="ballerup-vaerdier-refleksion")
    for language, client in visitors():
        page = html_of(client, template.get_absolute_url(), language)
        after = page[page.index(added) :]
        assert PORTAL_QUESTION_CONTEXT in after[:600]
    # A worksheet made from the template keeps saying so.
    sheet = create_from_template(template, school_name="Skolen", board_name="Bestyrelsen")
    own = sheet.worksheet.questions.get(text=added)
    assert own.context == PORTAL_QUESTION_CONTEXT
    # Questions from the documents name their source instead.
    assert sheet.worksheet.questions.exclude(text=added).first().context.startswith("Ballerup")


def test_every_question_the_portal_wrote_in_any_template_is_marked_on_its_page(shipped_content):
    from reflections.models import PORTAL_QUESTION_CONTEXT, TemplateQuestion
    from tests.values.pages import html_of, visitors

    own = TemplateQuestion.objects.filter(reflection_question=None, item=None)
    templates = {q.section.template for q in own.select_related("section__template")}
    assert len(templates) >= 4  # Ballerup, Vejle, København and Aarhus add the next steps
    for question in own.select_related("section__template"):
        for language, client in visitors():
            page = html_of(client, question.section.template.get_absolute_url(), language)
            after = page[page.index(question.text) :]
            assert PORTAL_QUESTION_CONTEXT in after[:600], (question.text, language)


MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"


def test_no_date_at_the_start_of_a_line_becomes_a_numbered_list(shipped_content):
    """ "22. januar 2026" on a line of its own reads as item 22 of a list unless escaped."""
    import re

    from values.markup import render

    fields = {
        Framework: ("introduction", "introduction_signature", "status_note", "portal_note"),
        Theme: ("lead", "body", "status_note", "portal_note"),
        Item: ("text", "portal_note"),
        ReflectionQuestion: ("text",),
    }
    dates = re.compile(rf"<ol[^>]*>\s*<li>(?:<p>)?({MONTHS})\b")
    found = []
    for model, names in fields.items():
        for record in model.objects.all():
            for name in names:
                if dates.search(str(render(getattr(record, name) or ""))):
                    found.append(f"{model.__name__} {record.pk} {name}")
    assert not found, found
    assert dates.search(str(render("28. maj 2024, Københavns Kommune")))  # the check sees one
