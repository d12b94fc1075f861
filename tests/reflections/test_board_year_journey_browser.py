"""A board's year in Chromium, by links and buttons only: a template worksheet, answers, agreed
answers, a principle that cites them, approved and published, its public address and PDF, the next
school year beside last year's answers, and the principle's evaluation – on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reflections.models import Worksheet
from tests.a11y import assert_page_ok, assert_reflows, watch

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN = "Forældrene skal inviteres ind tidligt."
AGREED = "Vi inviterer forældrene ind i august og taler om trivsel først."
PURPOSE = "Forældre og skole lærer hinanden at kende, før der opstår problemer."
TITLE = "Princip for skole-hjem-samarbejdet"
EVIDENCE = "Referatet fra forældremødet i august viser det."


def saved(page, question_pk: int, scope: str) -> None:
    status = page.locator(f"#q{question_pk} .answer-{scope} [data-field-status]")
    expect(status).to_have_text(re.compile(r"Gemt kl\. \d\d:\d\d"))


def test_a_board_goes_through_its_year_from_template_to_evaluated_principle(new_context, template):
    chair = new_context().new_page()
    watch(chair)

    # The chair picks a template and makes the board's worksheet.
    chair.goto("/arbejdsark/")
    chair.get_by_role("link", name=template.title).click()
    chair.get_by_label("Skolens navn").fill("Skovvejens Skole")
    chair.get_by_label("Bestyrelsens navn").fill("Skolebestyrelsen")
    chair.get_by_label("Dit navn").fill("Formand Fie")
    chair.get_by_role("button", name="Opret arbejdsark").click()
    member_link = chair.get_by_label(re.compile("Medlemslink")).input_value()
    assert chair.get_by_label(re.compile("Formandslink")).input_value()
    assert_page_ok(chair, "chair's links")
    worksheet = Worksheet.objects.get()
    question, _indicator, _steps = worksheet.questions.order_by("position")

    # A member joins on the phone by the member link and answers the first question.
    member = new_context(PHONE).new_page()
    watch(member)
    member.goto(member_link)
    member.get_by_label("Dit navn").fill("Medlem Mads")
    member.get_by_role("button", name="Gå til arbejdsarket").click()
    member.get_by_role("link", name="Begynd med første afsnit").click()
    member.locator(f"#id_own-{question.pk}-text").fill(OWN)
    saved(member, question.pk, "own")
    assert_page_ok(member, "section on a phone")

    # The chair reads the member's answer and writes the board's agreed answer.
    chair.get_by_role("link", name="Oversigt").click()
    chair.get_by_role("link", name="Begynd med første afsnit").click()
    expect(chair.locator(f"#q{question.pk} .others")).to_contain_text(OWN)
    chair.locator(f"#id_agreed-{question.pk}-text").fill(AGREED)
    saved(chair, question.pk, "agreed")

    # The result offers a principle on the agreed answers; the chair goes to the board's space
    # and starts one from the worksheet there.
    chair.get_by_role("link", name="Resultat", exact=True).click()
    expect(chair.get_by_role("link", name="Byg et princip på de fælles svar")).to_be_visible()
    chair.get_by_role("link", name="Bestyrelsesrum").first.click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Bestyrelsesrum")
    expect(chair.get_by_role("link", name=worksheet.title)).to_be_visible()
    assert_page_ok(chair, "board space")
    chair.get_by_role("link", name="Start et nyt princip").click()
    chair.get_by_label("Princippets titel").fill(TITLE)
    chair.get_by_label("Byg på et arbejdsark").select_option(label=worksheet.title)
    chair.get_by_role("button", name="Opret udkast").click()
    expect(chair.get_by_role("heading", name="Det bygger I på")).to_be_visible()
    expect(chair.locator(".principle-line-text").first).to_have_text(AGREED)
    assert_page_ok(chair, "principle workbench")

    # The board writes the principle's purpose and cites its agreed answer for it.
    purpose = chair.locator(".principle-section").filter(
        has=chair.get_by_role("heading", name="Formål", exact=True)
    )
    purpose.get_by_text("Tilføj en linje, omdøb eller flyt “Formål”").click()
    purpose.get_by_label("Ny linje").fill(PURPOSE)
    purpose.get_by_role("button", name="Tilføj linjen").click()
    purpose.get_by_role("link", name=re.compile("^Ret, henvis og kommentér")).click()
    cited = f"Bestyrelsens drøftelse af “{question.text}”"
    chair.get_by_label(cited).check()
    chair.get_by_role("button", name="Gem linjen").click()
    expect(chair.get_by_text("Linjen er gemt.")).to_be_visible()
    expect(purpose.locator(".principle-cites")).to_have_text(f"Bygger på: {cited}")

    # Approved at the board's meeting, with the date it is evaluated by; then published.
    chair.get_by_label("Drøftet og godkendt i skolebestyrelsen den").fill("2027-03-10")
    chair.get_by_label("Evalueres senest").fill("2028-03-10")
    chair.get_by_role("button", name="Gem som godkendt version").click()
    chair.get_by_role("button", name="Offentliggør").click()
    address = chair.get_by_label("Princippets offentlige adresse").input_value()

    # Anyone with the address: the principle, what it builds on, no names; not for search
    # engines; the PDF.
    public = new_context().new_page()
    watch(public)
    response = public.goto(address)
    assert "noindex" in response.headers.get("x-robots-tag", "")
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(public.locator("main")).to_contain_text(PURPOSE)
    expect(public.locator("main")).to_contain_text(f"Bygger på: {cited}")
    expect(public.locator("main")).to_contain_text("10. marts 2027")
    for name in ("Formand Fie", "Medlem Mads"):
        expect(public.locator("body")).not_to_contain_text(name)
    assert_page_ok(public, "published principle")
    assert_reflows(public, "published principle")
    # The PDF opens in the browser's viewer (inline): fetch what the link points to.
    pdf_link = public.get_by_role("link", name="Hent princippet som PDF")
    pdf = public.request.get(pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    # In the board's space: the principle is published; the next school year starts from the
    # worksheet, with last year's agreed answer beside the question.
    chair.get_by_role("link", name="Bestyrelsesrum").first.click()
    principles = chair.locator("section[aria-labelledby=principles-title]")
    expect(principles).to_contain_text("Offentliggjort")
    expect(principles).to_contain_text("Senest godkendt 10. marts 2027")
    chair.get_by_role("link", name=worksheet.title).first.click()
    chair.get_by_role("link", name="Formand: links og status").click()
    chair.get_by_role("link", name="Start næste skoleår").click()
    chair.get_by_role("button", name=re.compile("Start skoleåret")).click()
    chair.get_by_label("Dit navn").fill("Formand Fie")
    chair.get_by_role("button", name="Gå til arbejdsarket").click()
    chair.get_by_role("link", name="Begynd med første afsnit").click()
    new = Worksheet.objects.get(previous=worksheet)
    new_question = new.questions.order_by("position").first()
    beside = chair.locator(f"#q{new_question.pk} .last-year")
    expect(beside).to_contain_text(f"Sidste skoleår ({worksheet.school_year})")
    expect(beside).to_contain_text(AGREED)
    assert_page_ok(chair, "section with last year")

    # The board evaluates its principle and sees the evaluation beside the line.
    chair.get_by_role("link", name="Bestyrelsesrum").first.click()
    chair.get_by_role("link", name=TITLE, exact=True).click()
    chair.get_by_role("link", name="Evaluér principperne").click()
    chair.get_by_role("button", name="Opret evalueringen").click()
    chair.get_by_label("Dit navn").fill("Formand Fie")
    chair.get_by_role("button", name="Gå til arbejdsarket").click()
    chair.get_by_role("link", name="Begynd med første afsnit").click()
    evaluation = Worksheet.objects.get(evaluates__isnull=False)
    asked = evaluation.questions.get(text=PURPOSE)
    box = chair.locator(f"#q{asked.pk}")
    box.locator(".answer-agreed").get_by_label("I høj grad").check()
    chair.locator(f"#id_agreed-{asked.pk}-evidence").fill(EVIDENCE)
    chair.get_by_role("button", name="Gem", exact=True).click()
    expect(chair.get_by_text("Gemt.", exact=True)).to_be_visible()
    chair.get_by_role("link", name="Resultat", exact=True).click()
    chair.get_by_role("link", name="Se evalueringen ved princippets linjer").click()
    evaluated = purpose.locator(".principle-evaluated")
    expect(evaluated).to_contain_text("I høj grad")
    expect(evaluated).to_contain_text(EVIDENCE)
    assert_page_ok(chair, "workbench with evaluation")
