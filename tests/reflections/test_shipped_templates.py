"""The worksheet templates shipped in fixtures/90_worksheet_templates.json, on the real content."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from reflections import services
from reflections.models import QuestionKind, WorksheetTemplate
from tests.conftest import rows_for_the_module
from values.models import Item, ReflectionQuestion


def load_shipped_content() -> None:
    call_command("load_content", verbosity=0)


@pytest.fixture(scope="module")
def shipped_content_rows(django_db_setup, django_db_blocker):
    """Loaded once for the module; each test's own worksheets are rolled back after it."""
    with rows_for_the_module(django_db_blocker, load_shipped_content):
        yield


@pytest.fixture
def shipped(shipped_content_rows, db):
    return {t.slug: t for t in WorksheetTemplate.objects.published()}


def created(template):
    return services.create_from_template(template, school_name="Skolen", board_name="Bestyrelsen")


def test_at_least_four_templates_ship_and_each_page_renders(shipped):
    assert len(shipped) >= 4
    client = Client()
    for template in shipped.values():
        html = client.get(template.get_absolute_url()).content.decode()
        assert escape(template.title) in html
        questions = sum(s.questions.count() for s in template.sections.all())
        assert html.count('class="blank-question"') == questions, template.slug


def test_every_template_question_comes_from_published_content_and_keeps_its_wording(shipped):
    for template in shipped.values():
        worksheet = created(template).worksheet
        expected = sum(s.questions.count() for s in template.sections.all())
        assert worksheet.questions.count() == expected, template.slug
        for question in worksheet.questions.select_related("source_question", "source_item"):
            source = question.source_question or question.source_item
            if source is None:
                assert question.kind == QuestionKind.NEXT_STEPS or question.template_question.text
                continue
            assert source.text in question.text
            assert question.context  # "Publisher · Theme · heading"


def test_ballerup_asks_all_its_reflection_questions_theme_by_theme(shipped):
    worksheet = created(shipped["ballerup-vaerdier-refleksion"]).worksheet
    sources = [q.source_question_id for q in worksheet.questions.all() if q.source_question_id]
    ballerup = ReflectionQuestion.objects.filter(
        theme__framework__publisher__name="Ballerup Kommune"
    )
    assert sources == list(
        ballerup.order_by("theme__position", "position").values_list("pk", flat=True)
    )
    assert [s.title[:2] for s in worksheet.sections.all()][:4] == ["1.", "2.", "3.", "4."]


def test_vejle_is_a_self_assessment_of_its_fifteen_indicators(shipped):
    worksheet = created(shipped["vejle-selvevaluering"]).worksheet
    rated = worksheet.questions.filter(kind=QuestionKind.RATING)
    assert rated.count() == 15
    assert all(q.source_item.kind == Item.Kind.INDICATOR for q in rated)
    first = rated.order_by("position").first()
    # The heading "Det kan vi se, når" leads into the indicator's own words.
    assert first.text == (
        "Det kan vi se, når vi skriver, ringer eller mødes afhængigt af situationen og modtageren."
    )
    assert worksheet.questions.filter(kind=QuestionKind.NEXT_STEPS).count() == 1


def test_kl_asks_the_board_about_its_principles(shipped):
    worksheet = created(shipped["kl-principper-skole-hjem"]).worksheet
    texts = list(worksheet.questions.values_list("text", flat=True))
    assert any(
        "skolebestyrelsernes principper for samarbejdet mellem skole og hjem" in t for t in texts
    )
    assert any("skole- og forældrebestyrelser" in t for t in texts)
    assert worksheet.questions.filter(kind=QuestionKind.RATING).count() == 3


def test_koebenhavn_has_the_six_assumptions_and_the_restart_question(shipped):
    worksheet = created(shipped["koebenhavn-genstart"]).worksheet
    assumptions = worksheet.questions.filter(source_item__kind=Item.Kind.ASSUMPTION)
    assert assumptions.count() == 6
    assert all(q.kind == QuestionKind.RATING for q in assumptions)
    assert worksheet.questions.filter(text__startswith="Hvis vi skulle genstarte").exists()
