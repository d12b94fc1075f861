"""Hostile input through the plain forms: nothing executes, nothing already saved is lost."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Answer, NextStep, Participant, Worksheet

from .conftest import open_link
from .html_forms import form_fields

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'


def section_form(client, section):
    return form_fields(
        client.get(section.get_absolute_url()).content.decode(), "data-autosave-form"
    )


def test_script_in_answers_names_and_steps_is_shown_as_text_everywhere(chair, board):
    intruder = Client()
    open_link(intruder, board.member_link, SCRIPT)
    question = board.questions()[0]
    for scope, version in (("own", None), ("agreed", 0)):
        payload = {"scope": scope, "text": SCRIPT}
        if version is not None:
            payload["version"] = version
        intruder.post(
            reverse("reflections:autosave", args=[board.key, question.pk]),
            json.dumps(payload),
            content_type="application/json",
        )
    NextStep.objects.create(
        worksheet=board.worksheet, question=board.questions()[2], what=SCRIPT, who=SCRIPT
    )
    pages = [
        board.sections()[0].get_absolute_url(),
        board.sections()[1].get_absolute_url(),
        reverse("reflections:result", args=[board.key]),
        reverse("reflections:manage", args=[board.key]),
    ]
    for url in pages:
        html = chair.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;" in html, url


def test_a_school_name_with_markup_is_escaped(template):
    client = Client()
    client.post(
        template.get_absolute_url(),
        {"school_name": SCRIPT, "board_name": "Bestyrelsen", "display_name": "Fie"},
    )
    worksheet = Worksheet.objects.get()
    html = client.get(worksheet.get_absolute_url()).content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_5001_characters_on_the_page_get_a_clear_message_and_keep_the_rest(member, board):
    first = board.sections()[0]
    question, indicator = board.questions()[:2]
    fields = section_form(member, first)
    fields[f"own-{question.pk}-text"] = "ø" * 5001
    fields[f"own-{indicator.pk}-evidence"] = "Det ved vi fra møderne"
    response = member.post(first.get_absolute_url(), fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Teksten er for lang: højst 5.000 tegn, men den har 5.001" in html
    # The other field was saved; the long text is still in the page for the writer to shorten.
    assert Answer.objects.get(question=indicator).evidence == "Det ved vi fra møderne"
    assert not Answer.objects.filter(question=question).exists()
    assert form_fields(html, "data-autosave-form")[f"own-{question.pk}-text"] == "ø" * 5001
    assert f'aria-describedby="id_own-{question.pk}-text_error"' in html


def test_a_cpr_number_on_the_page_is_refused_in_danish(member, board):
    first = board.sections()[0]
    question = board.questions()[0]
    fields = section_form(member, first)
    fields[f"own-{question.pk}-text"] = "Barnet med cpr 241080-1234 har det svært"
    response = member.post(first.get_absolute_url(), fields)
    assert response.status_code == 400
    assert "ser ud til at indeholde et CPR-nummer" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_cpr_number_is_refused_in_names_and_next_steps(board, chair):
    client = Client()
    open_link(client, board.member_link)
    response = client.post(
        reverse("reflections:join", args=[board.key]), {"display_name": "1212121212"}
    )
    assert response.status_code == 400
    assert Participant.objects.count() == 1  # only the chair
    last = board.sections()[1]
    steps_question = board.questions()[2]
    fields = section_form(chair, last)
    fields[f"step-{steps_question.pk}-what"] = "Ring til forælder 010101-1111"
    response = chair.post(last.get_absolute_url(), fields)
    assert response.status_code == 400
    assert not NextStep.objects.exists()


@pytest.mark.parametrize("rating", ["excellent", "", "høj"])
def test_invalid_ratings_on_the_page_are_refused(member, board, rating):
    first = board.sections()[0]
    indicator = board.questions()[1]
    fields = section_form(member, first)
    fields[f"own-{indicator.pk}-rating"] = rating
    fields[f"own-{indicator.pk}-evidence"] = "Noget"
    response = member.post(first.get_absolute_url(), fields)
    if rating == "":
        assert response.status_code == 302  # "not rated yet" is a valid choice
    else:
        assert response.status_code == 400
        assert "Vælg en af vurderingerne" in response.content.decode()
        assert not Answer.objects.filter(question=indicator).exists()


def test_a_forged_version_cannot_overwrite_the_agreed_answer(chair, member, board):
    first = board.sections()[0]
    question = board.questions()[0]
    fields = section_form(chair, first)
    fields[f"agreed-{question.pk}-text"] = "Formandens"
    chair.post(first.get_absolute_url(), fields)
    fields = section_form(member, first)
    fields[f"agreed-{question.pk}-text"] = "Overskrevet?"
    fields[f"agreed-{question.pk}-version"] = "999"
    response = member.post(first.get_absolute_url(), fields)
    assert response.status_code == 409
    assert Answer.objects.get(question=question, participant=None).text == "Formandens"


def test_a_foreign_redirect_target_is_ignored(client, framework):
    question = framework.themes.first().questions.first()
    response = client.post(
        reverse("reflections:collect"),
        {"action": "add", "pick": f"q-{question.pk}", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/arbejdsark/")


@pytest.mark.parametrize("pick", ["q-0", "x-1", "q-abc", "q-99999999", "i-1; DROP TABLE", ""])
def test_forged_picks_are_refused(client, framework, pick):
    response = client.post(reverse("reflections:collect"), {"action": "add", "pick": pick})
    assert response.status_code == 404
    assert client.session.get("worksheet_picks", []) == []


def test_a_step_of_another_board_cannot_be_deleted_from_this_one(chair, board, other_board):
    other_step = NextStep.objects.create(
        worksheet=other_board.worksheet, question=other_board.questions()[2], what="Deres skridt"
    )
    own_step = NextStep.objects.create(
        worksheet=board.worksheet, question=board.questions()[2], what="Vores skridt"
    )
    last = board.sections()[1]
    fields = section_form(chair, last)
    chair.post(last.get_absolute_url(), {**fields, "delete_step": str(other_step.pk)})
    assert NextStep.objects.filter(pk=other_step.pk).exists()
    response = chair.post(last.get_absolute_url(), {**fields, "delete_step": str(own_step.pk)})
    assert not NextStep.objects.filter(pk=own_step.pk).exists()
    assert "Skridtet er slettet." in chair.get(response["Location"]).content.decode()
