"""The meeting in Chromium: the blank handout, the chair's preparation, the one-page overview and
meeting mode – axe, reflow at 320 px, print on A4, keyboard, with and without JavaScript."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from reflections.models import QuestionKind, WorksheetQuestion, WorksheetSection
from tests.a11y import assert_error_summary, assert_page_ok, assert_reflows, watch

from .conftest import Board, autosave, open_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A worksheet the size boards use: twelve questions over four sections, every kind.
SECTIONS = [
    ("Dialog", [QuestionKind.OPEN, QuestionKind.RATING, QuestionKind.OPEN, QuestionKind.RATING]),
    ("Trivsel", [QuestionKind.RATING, QuestionKind.OPEN, QuestionKind.RATING, QuestionKind.OPEN]),
    ("Fællesskab", [QuestionKind.OPEN, QuestionKind.RATING, QuestionKind.OPEN]),
    ("Næste skridt", [QuestionKind.NEXT_STEPS]),
]


@pytest.fixture
def big_board(template) -> Board:
    board = Board(template)
    worksheet = board.worksheet
    worksheet.sections.all().delete()
    position = 0
    for s, (title, kinds) in enumerate(SECTIONS, start=1):
        section = WorksheetSection.objects.create(worksheet=worksheet, title=title, position=s)
        for kind in kinds:
            position += 1
            WorksheetQuestion.objects.create(
                worksheet=worksheet, section=section, kind=kind, position=position,
                text=f"Spørgsmål nummer {position} om {title.lower()}, som bestyrelsen taler om?",
                context="Vejle Kommune · 1. Dialog",
            )  # fmt: skip
    return board


def pdf_pages(page) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    return [p.extract_text() for p in reader.pages]


def question_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?m)^(\d+)\. Spørgsmål nummer", text)]


def test_the_blank_handout_is_compact_with_room_for_date_and_attendees(page, big_board):
    page.goto(big_board.chair_link)
    page.goto(reverse("reflections:blank", args=[big_board.key]))
    pages = pdf_pages(page)
    numbers = [question_numbers(text) for text in pages]
    assert sorted(n for ns in numbers for n in ns) == list(range(1, 13)), numbers
    # Compact: no page holds a single question, and twelve questions fit on four pages.
    assert all(len(ns) != 1 for ns in numbers), numbers
    assert len(pages) <= 4, numbers
    assert "Mødedato" in pages[0] and "Til stede" in pages[0]


def members_answer(board: Board, names: list[str]) -> None:
    """Each member answers every question: a text, and a rating where the question has one."""
    ratings = ["high", "some", "little", "none", "unknown"]
    for n, name in enumerate(names):
        client = Client()
        open_link(client, board.member_link, name)
        for question in board.questions():
            payload = {"scope": "own", "text": f"{name} mener noget om nr. {question.pk}"}
            if question.is_rating:
                payload["rating"] = ratings[n % len(ratings)]
            autosave(client, board, question, **payload)


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def chair_page(request, browser, live_server, board):
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, java_script_enabled=request.param
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.js = request.param
    watch(page, allow_status=(400,))
    page.goto(board.chair_link)
    yield page
    context.close()


def check(page, kind: str) -> None:
    assert_page_ok(page, kind, axe=page.js)
    assert_reflows(page, kind)


def test_preparation_overview_and_meeting_pages_are_accessible(chair_page, board):
    page = chair_page
    members_answer(board, ["Anna", "Bo", "Carl", "Dorthe"])
    key = board.key

    page.goto(reverse("reflections:manage", args=[key]))
    expect(page.locator(".members-progress")).to_contain_text("3 af 3 besvaret")
    page.get_by_role(
        "link", name="Forbered mødet: datoer, invitation, kalender og overblik"
    ).click()
    check(page, "prepare")
    page.get_by_label("Svarfrist").fill("2027-04-01")
    page.get_by_label("Mødedato").fill("2027-03-08")
    page.get_by_role("button", name="Gem datoerne").click()
    assert_error_summary(page, ["id_answer_by"], js=page.js)
    check(page, "prepare with errors")
    page.get_by_label("Svarfrist").fill("2027-03-01")
    page.get_by_role("button", name="Gem datoerne").click()
    expect(page.get_by_text("Datoerne er gemt.")).to_be_visible()
    expect(page.get_by_label("Invitationen")).to_contain_text("Svar gerne senest 1. marts 2027.")

    page.get_by_role("link", name="Overblik på én side: spørgsmål og svar side om side").click()
    check(page, "overview")
    expect(page.locator(".overview-table thead th")).to_have_count(3 + 4)

    page.goto(reverse("reflections:prepare", args=[key]))
    page.get_by_role(
        "link", name="Mødevisning til projektoren – svarene skjult, til du viser dem"
    ).click()
    check(page, "meeting mode, answers hidden")
    expect(page.locator(".meeting-answer")).to_have_count(0)
    page.get_by_role("link", name="Vis medlemmernes svar").click()
    expect(page.locator(".meeting-answer")).to_have_count(4)
    # Side by side on a projector's width: the first answers share a row.
    first, second = (page.locator(".meeting-answer").nth(i).bounding_box() for i in (0, 1))
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"]
    check(page, "meeting mode, answers shown")
    page.get_by_role("link", name="Næste spørgsmål").click()
    expect(page.locator(".meeting-question")).to_contain_text("2.")
    check(page, "meeting mode with ratings chart")


@pytest.mark.parametrize(("names", "landscape"), [(["Anna"], False), (["A", "B", "C", "D"], True)])
def test_the_overview_prints_on_a4_landscape_when_wide(page, board, names, landscape):
    members_answer(board, names)
    page.goto(board.chair_link)
    page.goto(reverse("reflections:overview", args=[board.key]))
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    assert (float(box.width) > float(box.height)) is landscape
    assert abs(max(float(box.width), float(box.height)) - 841.9) < 2  # A4
    text = reader.pages[0].extract_text()
    assert all(name in text for name in names)


def test_meeting_mode_moves_with_the_keyboard_while_a_member_answers(browser, live_server, board):
    chair_context = browser.new_context(locale="da-DK", base_url=live_server.url)
    phone = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": 375, "height": 740},
        is_mobile=True, has_touch=True,
    )  # fmt: skip
    try:
        chair, member = chair_context.new_page(), phone.new_page()
        for p in (chair, member):
            p.set_default_timeout(10_000)
        chair.goto(board.chair_link)
        chair.goto(reverse("reflections:meeting_start", args=[board.key]) + "?skjul=1")
        expect(
            chair.get_by_text("Tastatur: ← og → skifter spørgsmål, V viser svarene.")
        ).to_be_visible()

        # A member on a phone answers the first question meanwhile.
        member.goto(board.member_link)
        member.get_by_label("Dit navn").fill("Mads")
        member.get_by_role("button", name="Gå til arbejdsarket").click()
        first = board.sections()[0]
        question = board.questions()[0]
        member.goto(first.get_absolute_url())
        member.locator(f"#id_own-{question.pk}-text").fill("Skrevet på telefonen")
        member.get_by_role("button", name="Gem", exact=True).click()
        expect(member.get_by_text("Gemt.")).to_be_visible()

        chair.reload()
        expect(chair.locator(".meeting-answer")).to_have_count(0)
        chair.keyboard.press("v")
        expect(chair.locator(".meeting-answer")).to_contain_text("Skrevet på telefonen")
        chair.keyboard.press("ArrowRight")
        expect(chair).to_have_url(re.compile(r"/moedevisning/2/\?skjul=1$"))
        expect(chair.locator(".meeting-answer")).to_have_count(0)
        chair.keyboard.press("ArrowLeft")
        expect(chair).to_have_url(re.compile(r"/moedevisning/1/\?skjul=1$"))
    finally:
        chair_context.close()
        phone.close()


def test_twelve_questions_and_five_members_fit_one_landscape_page(page, big_board):
    """The overview to bring to the meeting: long answers are shortened, so the table of a
    full worksheet stays on one sheet of paper, printed from the browser or as PDF."""
    long = "synes, at vi allerede gør meget, men at forældrene kunne inddrages mere i " * 3
    for name in ["Anna", "Bo", "Carl", "Dorthe", "Erik"]:
        client = Client()
        open_link(client, big_board.member_link, name)
        for question in big_board.questions():
            payload = {"scope": "own", "text": f"{name} {long}"}
            if question.is_rating:
                payload["rating"] = "some"
            autosave(client, big_board, question, **payload)
    page.goto(big_board.chair_link)
    page.goto(reverse("reflections:overview", args=[big_board.key]))
    printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    # The answers stand only in the table (the ratings below may take a second page).
    grid_pages = [p for p in printed.pages if "Erik synes" in p.extract_text()]
    assert len(grid_pages) == 1
    assert "Spørgsmål nummer 12" in grid_pages[0].extract_text()
    client = Client()
    open_link(client, big_board.chair_link)
    pdf = client.get(reverse("reflections:overview_pdf", args=[big_board.key])).content
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert sum("Erik synes" in text for text in pages) == 1, len(pages)
