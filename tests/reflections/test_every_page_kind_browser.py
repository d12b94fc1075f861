"""Every page kind in Chromium, with and without JavaScript: axe at 0 (WCAG 2.1 A/AA), no
sideways scrolling at 320 px, no failed request, and the error summary on every form."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reflections.models import NextStep, Worksheet
from tests.a11y import assert_error_summary, assert_page_ok, assert_reflows, watch
from tests.conftest import make_framework
from values.models import Concept, Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CPR_LIKE = "Barnet har cpr 010203-1234"


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def js_page(request, browser, live_server):
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, java_script_enabled=request.param
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.js = request.param
    # A form sent with errors answers 400: that is the page under test, not a failure.
    watch(page, allow_status=(400,))
    yield page
    context.close()


def check(page, kind: str) -> None:
    assert_page_ok(page, kind, axe=getattr(page, "js", True))
    assert_reflows(page, kind)


def create_from_template(page, template, school: str = "Skovvejens Skole") -> None:
    page.goto(template.get_absolute_url())
    page.get_by_label("Skolens navn").fill(school)
    page.get_by_label("Dit navn").fill("Fie")
    page.get_by_role("button", name="Opret arbejdsark").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Links og status")


def test_every_board_page_and_form_error(js_page, template):
    page = js_page
    concept = Concept.objects.create(name="Kommunikation", description="Dialog.")
    theme = Item.objects.filter(kind=Item.Kind.INDICATOR).first().theme
    theme.concepts.add(concept)

    # Landing page and a template; then the template's form sent empty.
    page.goto(reverse("reflections:index"))
    check(page, "landing")
    page.goto(template.get_absolute_url())
    check(page, "template")
    page.get_by_label("Skolens navn").fill("")
    page.get_by_label("Bestyrelsens navn").fill("")
    page.get_by_role("button", name="Opret arbejdsark").click()
    assert_error_summary(page, ["id_school_name", "id_board_name", "id_display_name"], js=page.js)
    check(page, "template form with errors")

    # The chair's page with the fresh links, the overview as a task list, a section.
    create_from_template(page, template)
    check(page, "manage with new links")
    worksheet = Worksheet.objects.get()
    first, last = list(worksheet.sections.order_by("position"))
    question = first.questions.order_by("position").first()
    page.goto(worksheet.get_absolute_url())
    check(page, "overview")
    statuses = page.locator(".task-list .badge").all_inner_texts()
    assert statuses == ["Ikke startet", "Ikke startet"]

    # A section sent with a CPR number: the error summary points at the field; nothing is lost.
    page.goto(first.get_absolute_url())
    check(page, "section")
    field_id = f"id_own-{question.pk}-text"
    page.locator(f"#{field_id}").fill(CPR_LIKE)
    page.get_by_role("button", name="Gem", exact=True).click()
    assert_error_summary(page, [field_id], js=page.js)
    assert page.locator(f"#{field_id}").input_value() == CPR_LIKE
    check(page, "section with an error")

    # Own answer saved (the plain form), so the section is "i gang" on the task list.
    page.locator(f"#{field_id}").fill("Vi mødes ofte")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Gemt")
    page.goto(worksheet.get_absolute_url())
    assert page.locator(".task-list .badge").all_inner_texts()[0] == "I gang"

    # Next steps: one with "who" but no "what" is an error; then a step, and its edit page.
    page.goto(last.get_absolute_url())
    check(page, "steps section")
    page.get_by_label("Hvem står for det?").fill("Søren")
    page.get_by_role("button", name="Tilføj skridtet").click()
    steps_question = last.questions.get()
    assert_error_summary(page, [f"id_step-{steps_question.pk}-what"], js=page.js)
    page.get_by_label("Hvad gør vi?").fill("Invitere til fællesmøde")
    page.get_by_role("button", name="Tilføj skridtet").click()
    step = NextStep.objects.get()
    page.goto(reverse("reflections:step_edit", args=[worksheet.key, step.pk]))
    check(page, "step edit")
    page.get_by_label("Hvad gør vi?").fill("")
    page.get_by_role("button", name="Gem", exact=True).click()
    assert_error_summary(page, ["id_what"], js=page.js)
    check(page, "step edit with an error")

    for kind, name in [
        ("result", "reflections:result"),
        ("blank sheet", "reflections:blank"),
        ("manage", "reflections:manage"),
        ("delete", "reflections:delete"),
    ]:
        page.goto(reverse(name, args=[worksheet.key]))
        check(page, kind)

    # A member opens the link in another browser: the join page, and its form sent empty.
    new_link = page.context.browser.new_context(
        locale="da-DK", base_url=page.url.split("/arbejdsark")[0], java_script_enabled=page.js
    )
    try:
        member = new_link.new_page()
        watch(member, allow_status=(400,))
        from reflections import services

        token = services.rotate_member_link(worksheet.space)
        member.goto(reverse("reflections:member_link", args=[token]))
        member.js = page.js
        check(member, "join")
        member.get_by_role("button", name="Gå til arbejdsarket").click()
        assert_error_summary(member, ["id_display_name"], js=page.js)
        check(member, "join with an error")
    finally:
        new_link.close()


def test_composing_a_worksheet_and_its_form_errors(js_page, framework):
    page = js_page
    theme = framework.themes.order_by("position").first()
    page.goto(theme.get_absolute_url())
    check(page, "theme")
    page.get_by_role("button", name=re.compile("^Tilføj til arbejdsark")).first.click()
    if page.js:
        expect(page.locator("[data-selection-bar]")).to_be_visible()
    else:
        expect(page.locator(".messages")).to_contain_text("Tilføjet")
    expect(page.locator("[data-selection-bar]")).to_contain_text("1 valgt")
    check(page, "theme with a selection")

    page.get_by_role("link", name="Opret arbejdsark").click()
    check(page, "landing with a selection")
    page.get_by_label("Arbejdsarkets titel").fill("")
    page.get_by_role("button", name="Opret arbejdsark").click()
    assert_error_summary(page, ["id_title", "id_school_name", "id_display_name"], js=page.js)
    check(page, "create own with errors")


def test_adding_in_place_makes_no_failed_request_and_updates_the_bar(page, framework):
    problems = watch(page)
    theme = framework.themes.order_by("position").first()
    page.goto(theme.get_absolute_url())
    url_before = page.url
    buttons = page.get_by_role("button", name=re.compile("^Tilføj til arbejdsark"))
    expect(page.locator("[data-selection-bar]")).to_be_hidden()
    buttons.nth(0).click()
    added = page.get_by_role("button", name=re.compile("^På arbejdsarket"))
    expect(added).to_have_count(1)
    expect(page.locator("[role=status]").filter(has_text="Tilføjet")).to_have_count(1)
    expect(page.locator("[data-selection-count]")).to_have_text("1")
    page.get_by_role("button", name=re.compile("^Tilføj til arbejdsark")).first.click()
    expect(page.locator("[data-selection-count]")).to_have_text("2")
    assert page.url == url_before  # no reload: the fallback post never ran
    assert not problems, problems
    # The state survives a reload: the buttons say what is already picked.
    page.reload()
    expect(page.get_by_role("button", name=re.compile("^På arbejdsarket"))).to_have_count(2)


def test_public_pages_and_the_comparison_at_ten_frameworks(page):
    watch(page)
    concept = Concept.objects.create(name="Kommunikation", description="Dialog.")
    frameworks = [
        make_framework(title=f"Ramme nummer {n}", publisher=f"Kommune {n}", concepts=[concept])
        for n in range(10)
    ]
    for kind, url in {
        "home": reverse("home"),
        "framework list": reverse("values:framework_list"),
        "framework": frameworks[0].get_absolute_url(),
        "concept overview (ten columns)": reverse("values:concept_list"),
        "search": reverse("values:search") + "?q=forældremøder",
        "accessibility statement": reverse("accessibility"),
        "privacy policy": reverse("privacy"),
    }.items():
        page.goto(url)
        check(page, kind)
    page.goto("/rammer/findes-ikke/")  # the 404 page itself; its own status is expected
    page.problems[:] = [p for p in page.problems if "findes-ikke" not in p]
    check(page, "missing page")
    page.goto(concept.get_absolute_url())
    check(page, "concept, ten frameworks")
    columns = page.locator(".compare-column")
    expect(columns).to_have_count(3)
    choice = page.locator("#vaelg-rammer")
    for framework in frameworks[:3]:
        choice.get_by_label(re.compile(framework.title)).uncheck()
    for framework in frameworks[7:9]:
        choice.get_by_label(re.compile(framework.title)).check()
    choice.get_by_role("button", name="Vis de valgte rammer").click()
    expect(columns).to_have_count(2)
    headings = page.locator(".compare-column h2").all_inner_texts()
    assert [frameworks[7].title in headings[0], frameworks[8].title in headings[1]] == [True, True]
    check(page, "concept, two chosen")
