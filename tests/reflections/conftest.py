"""Personas for worksheets: the chair, a member, an outsider and another board's chair.

Helpers every worksheet test uses: `open_link` (what a board member does with a link) and
`autosave` (what the page's script sends while someone types).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from reflections import services
from reflections.models import (
    QuestionKind,
    TemplateQuestion,
    TemplateSection,
    WorksheetTemplate,
)
from values.models import Item, Status


@pytest.fixture
def template(framework) -> WorksheetTemplate:
    """Two sections from the test framework: open questions and indicators, then next steps."""
    template = WorksheetTemplate.objects.create(
        title="Værdier i samarbejdet",
        introduction="Et arbejdsark om værdier – æøå.",
        estimated_minutes=40,
        status=Status.PUBLISHED,
        publisher=framework.publisher,  # the `editor` persona's publisher: theirs to curate
    )
    first = TemplateSection.objects.create(template=template, title="Dialog og tillid", position=1)
    theme = framework.themes.order_by("position").first()
    question = theme.questions.order_by("position").first()
    indicator = theme.items.filter(kind=Item.Kind.INDICATOR).order_by("position").first()
    TemplateQuestion.objects.create(section=first, reflection_question=question, position=1)
    TemplateQuestion.objects.create(
        section=first, item=indicator, kind=QuestionKind.RATING, position=2
    )
    last = TemplateSection.objects.create(template=template, title="Næste skridt", position=2)
    TemplateQuestion.objects.create(
        section=last,
        kind=QuestionKind.NEXT_STEPS,
        text="Hvilke næste skridt aftaler vi?",
        position=1,
    )
    return template


def autosave(client: Client, board, question, **payload):
    """Save one answer as the page's script does (payload: scope, text, rating, … version).

    Like the script, a client sends its own answer with the version its last save returned,
    unless the test names a version (a stale tab, say).
    """
    url = reverse("reflections:autosave", args=[board.key, question.pk])
    versions = client.__dict__.setdefault("own_versions", {})
    if payload.get("scope") == "own":
        payload.setdefault("version", versions.get(question.pk, 0))
    response = client.post(url, json.dumps(payload), content_type="application/json")
    if payload.get("scope") == "own" and response.status_code == 200:
        versions[question.pk] = response.json()["version"]
    return response


def open_link(client: Client, link: str, name: str | None = None) -> None:
    response = client.get(link)
    assert response.status_code == 302, response
    if name:
        client.post(response["Location"].rstrip("/") + "/navn/", {"display_name": name})


class Board:
    """A worksheet with its secret links, as the chair received them."""

    def __init__(self, template: WorksheetTemplate, school: str = "Skovvejens Skole"):
        new = services.create_from_template(
            template, school_name=school, board_name="Skolebestyrelsen"
        )
        self.worksheet = new.worksheet
        self.member_link = reverse("reflections:member_link", args=[new.member_token])
        self.chair_link = reverse("reflections:chair_link", args=[new.chair_token])

    @property
    def key(self) -> str:
        return self.worksheet.key

    @property
    def space_key(self) -> str:
        return self.worksheet.space.key

    def questions(self):
        return list(self.worksheet.questions.order_by("position"))

    def sections(self):
        return list(self.worksheet.sections.order_by("position"))


@pytest.fixture
def board(template) -> Board:
    return Board(template)


@pytest.fixture
def other_board(template) -> Board:
    return Board(template, school="Bakkeskolen")


@pytest.fixture
def chair(board) -> Client:
    client = Client()
    open_link(client, board.chair_link, "Formand Fie")
    return client


@pytest.fixture
def member(board) -> Client:
    client = Client()
    open_link(client, board.member_link, "Medlem Mads")
    return client


@pytest.fixture
def outsider(db) -> Client:
    return Client()


@pytest.fixture
def other_boards_chair(other_board) -> Client:
    """The chair of another school's board: every right there, none here."""
    client = Client()
    open_link(client, other_board.chair_link, "Anden Anna")
    return client


# A phone's viewport for the tests where one member answers on the phone.
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def new_context(browser, live_server):
    """Browser contexts of their own (one person each; `PHONE` for a phone), in Danish, closed
    when the test ends."""
    made = []

    def make(viewport=None):
        options = {"locale": "da-DK", "base_url": live_server.url}
        if viewport:
            options.update(viewport=viewport, is_mobile=True, has_touch=True)
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
