"""A board in real Chromium: two browsers, autosave, a conflict, ratings, steps, done, downloads."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reflections.models import Answer, NextStep, Worksheet
from tests.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexts(browser, live_server):
    made = []

    def make():
        context = browser.new_context(
            locale="da-DK", base_url=live_server.url, accept_downloads=True
        )
        context.set_default_timeout(10_000)
        made.append(context)
        return context.new_page()

    yield make
    for context in made:
        context.close()


def saved(page, question_pk: int, scope: str) -> None:
    page.locator(f"#q{question_pk} .answer-{scope} [data-field-status]").filter(
        has_text=re.compile(r"Gemt kl\. \d\d:\d\d")
    ).wait_for()


def create_worksheet(chair, template) -> tuple[str, str]:
    chair.goto("/arbejdsark/")
    chair.get_by_role("link", name=template.title).click()
    chair.get_by_label("Skolens navn").fill("Skovvejens Skole")
    chair.get_by_label("Bestyrelsens navn").fill("Skolebestyrelsen")
    chair.get_by_label("Dit navn").fill("Fie")
    chair.get_by_role("button", name="Opret arbejdsark").click()
    member_link = chair.get_by_label(re.compile("Medlemslink")).input_value()
    chair_link = chair.get_by_label(re.compile("Formandslink")).input_value()
    return member_link, chair_link


def test_a_board_works_together_in_two_browsers(contexts, template, live_server, tmp_path):
    chair, member = contexts(), contexts()
    member_link, _chair_link = create_worksheet(chair, template)
    worksheet = Worksheet.objects.get()
    first, last = list(worksheet.sections.order_by("position"))
    question, indicator = list(first.questions.order_by("position"))

    # The member joins through the shared link; the token leaves the address bar.
    member.goto(member_link)
    assert member_link.rstrip("/").split("/")[-1] not in member.url
    member.get_by_label("Dit navn").fill("Mads")
    member.get_by_role("button", name="Gå til arbejdsarket").click()
    member.get_by_role("link", name="Begynd med første afsnit").click()

    # Own answer: autosaved while typing, still there after a reload.
    own = member.locator(f"#id_own-{question.pk}-text")
    own.click()
    own.press_sequentially("Vi mødes ofte – æøå")
    saved(member, question.pk, "own")
    member.reload()
    assert member.locator(f"#id_own-{question.pk}-text").input_value() == "Vi mødes ofte – æøå"

    # Rating with evidence.
    member.locator(f"#q{indicator.pk} .answer-own").get_by_label("I nogen grad").check()
    member.locator(f"#id_own-{indicator.pk}-evidence").fill("Trivselsmålingen")
    saved(member, indicator.pk, "own")
    assert Answer.objects.get(question=indicator, participant__isnull=False).rating == "some"

    # Conflict: both have the section open, the member is in the agreed field (so the page does
    # not take over others' saves there) and the chair saves the agreed answer first.
    member.locator(f"#id_agreed-{question.pk}-text").focus()
    chair.goto(first.get_absolute_url())
    assert "Vi mødes ofte – æøå" in chair.locator(f"#q{question.pk} .others").inner_text()
    chair.locator(f"#id_agreed-{question.pk}-text").fill("Dialogmøder hver måned")
    saved(chair, question.pk, "agreed")
    member.locator(f"#id_agreed-{question.pk}-text").fill("Morgenkaffe for forældre")
    conflict = member.locator(f"#q{question.pk} .conflict")
    conflict.wait_for()
    assert "Dialogmøder hver måned" in conflict.inner_text()
    assert "Morgenkaffe for forældre" in conflict.inner_text()
    assert Answer.objects.get(question=question, participant=None).text == "Dialogmøder hver måned"
    conflict.get_by_role("button", name="Sæt teksterne sammen").click()
    saved(member, question.pk, "agreed")
    agreed = Answer.objects.get(question=question, participant=None)
    assert agreed.text == "Dialogmøder hver måned\n\nMorgenkaffe for forældre"

    # A save that fails on the network is retried and the text stays in the page.
    member.context.set_offline(True)
    member.locator(f"#id_own-{question.pk}-text").fill("Skrevet uden net")
    member.locator(f"#q{question.pk} .answer-own [data-field-status]").filter(
        has_text="forbindelsen svigtede"
    ).wait_for()
    assert member.locator(f"#id_own-{question.pk}-text").input_value() == "Skrevet uden net"
    member.context.set_offline(False)
    member.evaluate("window.dispatchEvent(new Event('online'))")
    saved(member, question.pk, "own")
    assert Answer.objects.filter(text="Skrevet uden net").exists()

    # Leaving with unsaved text asks first.
    dialogs = []
    member.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    member.locator(f"#id_own-{question.pk}-text").press_sequentially(" og mere")
    with member.expect_event("dialog"):
        member.get_by_role("link", name=re.compile("Næste skridt")).click(no_wait_after=True)
    assert dialogs == ["beforeunload"]
    saved(member, question.pk, "own")

    # The chair rates the indicator for the board and agrees a next step (the plain form).
    chair.locator(f"#q{indicator.pk} .answer-agreed").get_by_label("I høj grad").check()
    saved(chair, indicator.pk, "agreed")
    chair.goto(last.get_absolute_url())
    chair.get_by_label("Hvad gør vi?").fill("Invitere til fællesmøde")
    chair.get_by_label("Hvem står for det?").fill("Søren")
    chair.get_by_label("Hvornår?").fill("Inden jul")
    chair.get_by_role("button", name="Tilføj skridtet").click()
    assert "Invitere til fællesmøde" in chair.locator(".steps-table").inner_text()
    assert NextStep.objects.get().who == "Søren"

    # Done, then the result with its chart.
    chair.get_by_role("link", name="Formand: links og status").click()
    chair.get_by_role("button", name="Marker som færdigt").click()
    assert chair.get_by_role("heading", level=1).inner_text().startswith("Resultat")
    assert chair.locator("svg.ratings-chart").is_visible()
    assert "I høj grad" in chair.locator(".ratings-table").inner_text()
    assert "Invitere til fællesmøde" in chair.locator(".result-steps").inner_text()
    member.goto(first.get_absolute_url())
    assert member.locator(f"#id_own-{question.pk}-text").count() == 0  # read-only when done

    # Print view: no navigation or buttons, the answers and the chart remain.
    chair.emulate_media(media="print")
    assert not chair.locator(".board-nav").is_visible()
    assert not chair.locator(".downloads").is_visible()
    assert chair.locator("svg.ratings-chart").is_visible()
    chair.screenshot(path=str(tmp_path / "result-print.png"), full_page=True)
    chair.emulate_media(media="screen")

    # Downloads, opened and read back.
    with chair.expect_download() as info:
        chair.get_by_role("link", name="Hent resultatet som PDF").click()
    pdf = PdfReader(info.value.path())
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Dialogmøder hver måned" in text and "Søren" in text and "Skovvejens Skole" in text
    with chair.expect_download() as info:
        chair.get_by_role("link", name="Hent svarene som CSV i stedet").click()
    raw = info.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert any(
        "Vi mødes ofte – æøå og mere" in row or "Skrevet uden net og mere" in row for row in rows
    )
    with chair.expect_download() as info:
        chair.get_by_role("link", name="Hent alle svar i Excel").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    values = {cell.value for row in book["Alle svar"].iter_rows() for cell in row}
    assert "Trivselsmålingen" in values and "Mads" in values
    assert "Mads" in [cell.value for cell in book["Side om side"][1]]


def test_every_worksheet_page_has_no_axe_violations(contexts, template, live_server):
    chair, member = contexts(), contexts()
    member_link, _ = create_worksheet(chair, template)
    pages = {"manage with new links": chair.url}
    violations = {"manage with new links": axe_violations(chair)}
    worksheet = Worksheet.objects.get()
    first, last = list(worksheet.sections.order_by("position"))
    question = first.questions.order_by("position").first()

    member.goto(member_link)
    violations["join"] = axe_violations(member)
    member.get_by_label("Dit navn").fill("Mads")
    member.get_by_role("button", name="Gå til arbejdsarket").click()
    member.goto(first.get_absolute_url())
    member.locator(f"#id_own-{question.pk}-text").fill("Mit svar")
    saved(member, question.pk, "own")

    # The member is in the agreed field, so the page's live refresh does not take over the
    # chair's save there before the member types: the member's save meets it as a conflict.
    member.locator(f"#id_agreed-{question.pk}-text").focus()
    chair.goto(first.get_absolute_url())
    chair.locator(f"#id_agreed-{question.pk}-text").fill("Fælles")
    saved(chair, question.pk, "agreed")
    member.locator(f"#id_agreed-{question.pk}-text").fill("Mit fælles")
    member.locator(f"#q{question.pk} .conflict").wait_for()
    violations["section with a conflict"] = axe_violations(member)
    chair.goto(last.get_absolute_url())
    chair.get_by_label("Hvad gør vi?").fill("Et skridt")
    chair.get_by_role("button", name="Tilføj skridtet").click()
    step = NextStep.objects.get()

    urls = {
        "landing": "/arbejdsark/",
        "template": template.get_absolute_url(),
        "overview": worksheet.get_absolute_url(),
        "section": first.get_absolute_url(),
        "steps section": last.get_absolute_url(),
        "step edit": f"{worksheet.get_absolute_url()}skridt/{step.pk}/",
        "result": f"{worksheet.get_absolute_url()}resultat/",
        "blank": f"{worksheet.get_absolute_url()}tomt-ark/",
        "manage": f"{worksheet.get_absolute_url()}formand/",
        "delete": f"{worksheet.get_absolute_url()}formand/slet/",
    }
    for name, url in urls.items():
        chair.goto(url)
        pages[name] = url
        violations[name] = axe_violations(chair)
    chair.goto(f"{worksheet.get_absolute_url()}resultat/")
    chair.locator("details.members-details summary").first.click()
    violations["result with members' answers open"] = axe_violations(chair)
    failing = {name: describe_violations(v) for name, v in violations.items() if v}
    assert not failing, failing
