"""WCAG 3.1.2 on the worksheet pages: with the interface in English, Danish content says lang="da".

Template and section titles, question texts and where they come from, and everything the board
writes (answers, names, next steps) are Danish whatever the interface language; the interface's own
words are translated and follow <html lang>.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import NextStep, WorksheetQuestion

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

ANSWER = "Vi holder forældremøder hver måned."
EVIDENCE = "Det siger forældrerådet."
AGREED = "Vi er enige om møderne."
STEP = "Invitere til dialogmøde"


class _LanguageParser(HTMLParser):
    """Each text node in <body> with the language it is in: the nearest lang attribute above it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []

    def _lang(self) -> str:
        return next((lang for _, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip() and any(tag == "body" for tag, _ in self.stack):
            self.texts.append((" ".join(data.split()), self._lang()))


def languages_of(html: str, text: str) -> set[str]:
    """The languages of the text nodes in <body> that contain `text` (at least one must)."""
    parser = _LanguageParser()
    parser.feed(html)
    found = {lang for data, lang in parser.texts if text in data}
    assert found, f"{text!r} is not on the page"
    return found


def in_english(client: Client) -> Client:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def english_page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


@pytest.fixture
def answered(board, chair, member):
    """The member answers every question with evidence, the chair the agreed answers and a step."""
    for q in board.questions():
        own = {"scope": "own", "text": ANSWER}
        if q.is_rating:
            own |= {"rating": "some", "evidence": EVIDENCE}
        autosave(member, board, q, **own)
        autosave(chair, board, q, scope="agreed", text=AGREED, version=0)
    NextStep.objects.create(
        worksheet=board.worksheet, question=board.questions()[-1], what=STEP, who="Formanden"
    )
    return board


def test_template_page_in_english_marks_titles_questions_and_sources_as_danish(client, template):
    html = english_page(in_english(client), template.get_absolute_url())
    question = template.sections.first().questions.first()
    for text in (template.title, "Et arbejdsark om værdier", "Dialog og tillid", "Næste skridt"):
        assert languages_of(html, text) == {"da"}, text
    assert languages_of(html, question.wording) == {"da"}
    assert languages_of(html, "Hvilke næste skridt aftaler vi?") == {"da"}
    # Where an indicator comes from is Danish throughout, its kind included.
    assert languages_of(html, "Ballerup Kommune · 1. Forældre") == {"da"}
    assert languages_of(html, "tema 1 · Det kan vi se, når") == {"da"}
    assert "We can see it when" not in html
    # The interface itself is English and not marked Danish.
    assert languages_of(html, "Use the sheet in your board") == {"en"}


def test_section_page_in_english_marks_questions_and_the_boards_writing_as_danish(answered, chair):
    in_english(chair)
    section = answered.sections()[0]
    html = english_page(chair, section.get_absolute_url())
    for text in (section.title, answered.worksheet.title, answered.questions()[0].text):
        assert languages_of(html, text) == {"da"}, text
    assert languages_of(html, answered.questions()[1].context) == {"da"}
    # The member's answer and name, and the agreed answer in the chair's field.
    for text in (ANSWER, EVIDENCE, "Medlem Mads", AGREED, "Skovvejens Skole"):
        assert languages_of(html, text) == {"da"}, text
    assert languages_of(html, "Your own answer") == {"en"}


def test_section_page_in_english_marks_next_steps_as_danish(answered, chair):
    in_english(chair)
    html = english_page(chair, answered.sections()[-1].get_absolute_url())
    assert languages_of(html, "Hvilke næste skridt aftaler vi?") == {"da"}
    assert languages_of(html, STEP) == {"da"}
    assert languages_of(html, "Formanden") == {"da"}


def test_result_page_in_english_marks_sections_questions_and_answers_as_danish(answered, chair):
    in_english(chair)
    html = english_page(chair, reverse("reflections:result", args=[answered.key]))
    for section in answered.sections():
        assert languages_of(html, section.title) == {"da"}, section.title
    for question in answered.questions():
        assert languages_of(html, question.text) == {"da"}, question.text
    for text in (answered.worksheet.title, ANSWER, EVIDENCE, AGREED, STEP, "Medlem Mads"):
        assert languages_of(html, text) == {"da"}, text
    # "Result: <title>": the sentence is English, the title inside it Danish.
    assert languages_of(html, "Result:") == {"en"}


@pytest.mark.parametrize("page", ["worksheet", "blank", "manage", "delete"])
def test_other_board_pages_in_english_mark_the_worksheet_content_as_danish(answered, chair, page):
    in_english(chair)
    html = english_page(chair, reverse(f"reflections:{page}", args=[answered.key]))
    assert languages_of(html, answered.worksheet.title) == {"da"}
    assert languages_of(html, "Skovvejens Skole") == {"da"}
    if page in ("worksheet", "blank"):
        assert languages_of(html, answered.sections()[0].title) == {"da"}
    if page == "blank":
        assert languages_of(html, answered.questions()[0].text) == {"da"}
    if page == "manage":
        assert languages_of(html, "Medlem Mads") == {"da"}


def test_join_page_in_english_marks_the_worksheet_as_danish(board):
    client = in_english(Client())
    open_link(client, board.member_link)
    html = english_page(client, reverse("reflections:worksheet", args=[board.key]))
    assert "display_name" in html
    assert languages_of(html, board.worksheet.title) == {"da"}
    assert languages_of(html, "Skovvejens Skole") == {"da"}


def test_worksheet_list_in_english_marks_template_titles_and_introductions_as_danish(
    client, template
):
    html = english_page(in_english(client), reverse("reflections:index"))
    assert languages_of(html, template.title) == {"da"}
    assert languages_of(html, "Et arbejdsark om værdier") == {"da"}


def test_a_worksheet_made_with_the_interface_in_english_stores_its_sources_in_danish(
    client, template
):
    in_english(client)
    form = {"school_name": "Bakkeskolen", "board_name": "Bestyrelsen", "display_name": "Fie"}
    response = client.post(template.get_absolute_url(), form)
    assert response.status_code == 302
    indicator = template.sections.first().questions.get(position=2)
    stored = WorksheetQuestion.objects.get(source_item=indicator.item)
    assert stored.context.endswith("tema 1 · Det kan vi se, når")
