"""Compose your own worksheet from questions found anywhere, and start from a template."""

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from reflections.models import QuestionKind, Worksheet
from values.models import Item, Status

from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def render_include(obj) -> str:
    request = RequestFactory().get("/rammer/x/y/")
    template = Template("{% load worksheet_tags %}{% add_to_worksheet obj %}")
    return template.render(Context({"obj": obj, "request": request, "csrf_token": "t"}))


def collect(client: Client, obj) -> None:
    fields = form_fields(render_include(obj), "data-worksheet-add")
    response = client.post(reverse("reflections:collect"), fields)
    assert response.status_code == 302
    assert response["Location"].startswith("/rammer/x/y/#tilfoej-")


def test_the_add_button_runs_no_queries(framework, django_assert_num_queries):
    question = framework.themes.first().questions.first()
    item = framework.themes.first().items.filter(kind=Item.Kind.INDICATOR).first()
    with django_assert_num_queries(0):
        html_question = render_include(question)
        html_item = render_include(item)
    assert f'value="q-{question.pk}"' in html_question
    assert f'value="i-{item.pk}"' in html_item
    assert "Tilføj til arbejdsark" in html_item
    assert 'method="post"' in html_item and "csrfmiddlewaretoken" in html_item


def test_a_visitor_collects_orders_and_creates_a_worksheet(framework):
    first_theme, second_theme = framework.themes.order_by("position")
    question = first_theme.questions.order_by("position").first()
    indicator = first_theme.items.filter(kind=Item.Kind.INDICATOR).first()
    statement = second_theme.items.filter(kind=Item.Kind.STATEMENT).first()
    client = Client()
    for obj in (question, statement, indicator):
        collect(client, obj)
    collect(client, question)  # twice: kept once
    assert client.session["worksheet_picks"] == [
        f"q-{question.pk}",
        f"i-{statement.pk}",
        f"i-{indicator.pk}",
    ]
    page = client.get(reverse("reflections:index")).content.decode()
    assert question.text in page and statement.text in page

    # Move the indicator up next to the question from the same theme, then create.
    client.post(reverse("reflections:collect"), {"action": "up", "pick": f"i-{indicator.pk}"})
    response = client.post(
        reverse("reflections:create_own"),
        {
            "title": "Vores spørgsmål",
            "school_name": "Åskolen",
            "board_name": "Bestyrelsen",
            "display_name": "Åse",
            "next_steps": "on",
        },
    )
    assert response.status_code == 302
    worksheet = Worksheet.objects.get()
    assert worksheet.template is None
    sections = list(worksheet.sections.order_by("position"))
    assert [s.title for s in sections] == [
        f"Ballerup Kommune: {first_theme}",
        f"Ballerup Kommune: {second_theme}",
        "Næste skridt",
    ]
    questions = list(worksheet.questions.order_by("position"))
    assert [(q.kind, q.source_question, q.source_item) for q in questions] == [
        (QuestionKind.OPEN, question, None),
        (QuestionKind.RATING, None, indicator),
        (QuestionKind.RATING, None, statement),  # a statement is rated, with a prompt
        (QuestionKind.NEXT_STEPS, None, None),
    ]
    assert client.session["worksheet_picks"] == []
    assert "Åse" in client.get(worksheet.get_absolute_url()).content.decode()


def test_questions_are_snapshots_that_later_content_edits_do_not_change(board, framework):
    source = framework.themes.order_by("position").first().questions.order_by("position").first()
    snapshot = board.questions()[0]
    assert snapshot.text == source.text
    source.text = "Ny formulering fra redaktøren"
    source.save()
    snapshot.refresh_from_db()
    assert snapshot.text != "Ny formulering fra redaktøren"
    assert snapshot.source_question == source


def test_nothing_collected_cannot_be_created(client):
    response = client.post(
        reverse("reflections:create_own"),
        {"title": "x", "school_name": "x", "board_name": "x", "display_name": "x"},
    )
    assert response.status_code == 302
    assert not Worksheet.objects.exists()


def test_missing_fields_get_danish_errors_and_keep_the_collection(client, framework):
    collect(client, framework.themes.first().questions.first())
    response = client.post(reverse("reflections:create_own"), {"title": "Vores"})
    assert response.status_code == 400
    assert "Dette felt er påkrævet." in response.content.decode()
    assert len(client.session["worksheet_picks"]) == 1


def test_draft_content_cannot_be_collected(client, draft_framework):
    question = draft_framework.themes.first().questions.first()
    response = client.post(
        reverse("reflections:collect"), {"action": "add", "pick": f"q-{question.pk}"}
    )
    assert response.status_code == 404


def test_draft_templates_are_not_offered(client, template):
    template.status = Status.DRAFT
    template.save()
    assert template.title not in client.get(reverse("reflections:index")).content.decode()
    assert client.get(template.get_absolute_url()).status_code == 404


def test_a_template_leaves_out_questions_whose_framework_is_unpublished(template, framework):
    framework.status = Status.DRAFT
    framework.save()
    html = Client().get(template.get_absolute_url()).content.decode()
    assert "Spørgsmål 1 i tema 1" not in html
    assert "Hvilke næste skridt aftaler vi?" in html


def test_the_template_page_is_a_printable_blank_worksheet(client, template):
    html = client.get(template.get_absolute_url()).content.decode()
    assert html.count('class="blank-question"') == 3
    assert "I høj grad" in html and "Slet ikke" in html and "Ved ikke" in html
    assert "Hvordan ved vi det?" in html
    assert 'class="write-lines"' in html


def test_adding_with_javascript_gets_a_json_answer(client, framework):
    question = framework.themes.first().questions.first()
    response = client.post(
        reverse("reflections:collect"),
        {"action": "add", "pick": f"q-{question.pk}"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {
        "count": 1,
        "message": "Tilføjet til dit arbejdsark (1 spørgsmål i alt).",
    }


def test_the_landing_page_lists_the_worksheets_this_browser_can_open(chair, board):
    response = chair.get(reverse("reflections:index"))
    assert board.worksheet.get_absolute_url() in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert (
        board.worksheet.get_absolute_url()
        not in Client().get(reverse("reflections:index")).content.decode()
    )


def test_a_hand_made_post_cannot_collect_an_item_that_is_not_a_question(framework, client):
    """The pages offer "Tilføj til arbejdsark" on statements and indicators only; the endpoint
    keeps to the same rule for a form someone made by hand (here: a Ballerup example)."""
    example = framework.themes.first().items.get(kind=Item.Kind.EXAMPLE)
    assert not example.can_go_on_worksheet
    response = client.post(
        reverse("reflections:collect"), {"action": "add", "pick": f"i-{example.pk}"}
    )
    assert response.status_code == 404
    assert client.session.get("worksheet_picks", []) == []
    page = client.get(example.theme.get_absolute_url()).content.decode()
    assert f'value="i-{example.pk}"' not in page


def test_only_statements_and_indicators_can_go_on_a_worksheet(framework):
    kinds = {item.kind: item.can_go_on_worksheet for item in Item.objects.all()}
    assert kinds == {Item.Kind.EXAMPLE: False, Item.Kind.STATEMENT: True, Item.Kind.INDICATOR: True}
    collectable = set(Item.objects.for_worksheets().values_list("kind", flat=True))
    assert collectable == {Item.Kind.STATEMENT, Item.Kind.INDICATOR}
