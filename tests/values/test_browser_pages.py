"""The public pages in real Chromium: a visitor's path, search from the header, axe-core on every
kind of page (WCAG 2.1 A and AA, 0 violations), the keyboard path and a phone-sized screen."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import axe_violations, describe_violations
from tests.conftest import make_framework
from values.models import Concept, Framework, Item, ReflectionQuestion, Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def site(concepts) -> dict:
    """Two frameworks sharing a concept, one theme shaped like the real documents."""
    kommunikation, faellesskab = concepts
    ballerup = make_framework(concepts=[kommunikation])
    ballerup.introduction = "EN FÆLLES OPGAVE\n\nForældrene er de vigtigste voksne i barnets liv."
    ballerup.save()
    kl = make_framework(
        title="Godt på vej – i samarbejde med forældrene",
        publisher="KL",
        concepts=[kommunikation, faellesskab],
    )
    theme = ballerup.themes.get(number="1")
    Item.objects.create(
        theme=theme, kind=Item.Kind.MEANING, group="Det betyder, at", text="vi lytter", position=20
    )
    Item.objects.create(
        theme=theme,
        kind=Item.Kind.CASE,
        group="Eksempler fra kommunerne",
        title="Forældremøder i Gladsaxe",
        place="Gladsaxe Kommune",
        text="Dagtilbuddene holder fælles forældremøder.\n\nDet virker.",
        position=30,
    )
    spiral = Item.objects.create(
        theme=theme,
        kind=Item.Kind.SPIRAL,
        group="Spiraler",
        title="Inklusionsspiralen",
        position=40,
    )
    for n in range(3):
        Item.objects.create(
            theme=theme,
            parent=spiral,
            kind=Item.Kind.SPIRAL_STEP,
            text=f"Trin {n}",
            position=41 + n,
        )
    ReflectionQuestion.objects.create(
        theme=theme, group="Refleksionsspørgsmål", text="Hvem gør hvad?", position=30
    )
    return {"ballerup": ballerup, "kl": kl, "theme": theme, "concept": kommunikation}


def h1(page) -> str:
    return page.locator("h1").inner_text()


def test_a_visitor_goes_from_home_to_framework_to_theme_to_concept(page, site):
    ballerup: Framework = site["ballerup"]
    theme: Theme = site["theme"]
    page.goto("/")
    page.get_by_role("link", name=ballerup.title).first.click()
    expect(page.locator("h1")).to_have_text(ballerup.title)
    page.get_by_role("link", name=theme.title).click()
    expect(page.locator("h1")).to_have_text(theme.title)
    expect(page.get_by_text("Forældremøder i Gladsaxe")).to_be_visible()
    page.locator("main .tag-list").get_by_role("link", name="Kommunikation").click()
    expect(page.locator("h1")).to_have_text("Kommunikation")
    # The concept page sets both frameworks side by side.
    expect(page.locator(f"#ramme-{ballerup.slug}")).to_be_visible()
    expect(page.locator(f"#ramme-{site['kl'].slug}")).to_be_visible()


def test_a_visitor_searches_from_the_header_and_lands_on_the_item(page, site):
    page.goto(site["kl"].get_absolute_url())
    page.get_by_role("search").get_by_label("Søg i rammerne").fill("forældremøde")
    page.get_by_role("search").get_by_role("button", name="Søg").click()
    expect(page).to_have_url(f"{reverse('values:search')}?q=for%C3%A6ldrem%C3%B8de")
    expect(page.locator("h1")).to_have_text("Søg i rammerne")
    expect(page.locator("mark").first).to_be_visible()
    page.get_by_role("link", name="Forældremøder i Gladsaxe").click()
    expect(page.locator("h1")).to_have_text(site["theme"].title)
    assert page.url.endswith("#punkt-" + str(Item.objects.get(title__startswith="Forældre").pk))


def page_kinds(site) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "framework list": reverse("values:framework_list"),
        "framework": site["ballerup"].get_absolute_url(),
        "theme": site["theme"].get_absolute_url(),
        "concept overview": reverse("values:concept_list"),
        "concept": site["concept"].get_absolute_url(),
        "search results": reverse("values:search") + "?q=forældremøde",
        "search without results": reverse("values:search") + "?q=rumskib",
        "search with odd input": reverse("values:search") + "?q=%3Cscript%3E%22'",
        "accessibility statement": reverse("accessibility"),
    }


def test_every_kind_of_public_page_passes_axe(page, site):
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    # A missing file is named by its response (the browser's own /favicon.ico is not ours).
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    for kind, url in page_kinds(site).items():
        page.goto(url)
        violations = axe_violations(page)
        assert not violations, f"{kind} ({url}):\n{describe_violations(violations)}"
        # Nothing blocked by the Content-Security-Policy, nothing missing.
        assert not errors, f"{kind} ({url}): {errors}"


def test_the_english_interface_passes_axe_and_keeps_the_page(page, site):
    theme_url = site["theme"].get_absolute_url()
    page.goto(theme_url)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(theme_url)
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_the_keyboard_goes_from_the_skip_link_into_the_main_content(page, site):
    page.goto(site["theme"].get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Spring til indholdet"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-64px"  # visible
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("!!document.activeElement.closest('main')")
    tag = page.evaluate("document.activeElement.tagName")
    assert inside_main and tag in {"A", "BUTTON"}
    # Focus is visible: an outline is drawn around the focused control.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


@pytest.mark.parametrize("width", [360, 320])
def test_pages_fit_a_phone_without_sideways_scrolling(page, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    for kind, url in page_kinds(site).items():
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{kind} is {overflow}px too wide at {width}px"
    if width == 360:
        ARTIFACTS.mkdir(exist_ok=True)
        page.goto(site["theme"].get_absolute_url())
        page.screenshot(path=str(ARTIFACTS / "theme-360px.png"), full_page=True)
        page.goto(reverse("values:concept_list"))
        page.screenshot(path=str(ARTIFACTS / "concepts-360px.png"), full_page=True)
        assert (ARTIFACTS / "theme-360px.png").stat().st_size > 10_000


def test_a_theme_prints_without_navigation(page, site):
    page.goto(site["theme"].get_absolute_url())
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_text("Hvem gør hvad?")).to_be_visible()
    expect(page.locator(".print-only")).to_be_visible()  # the page's own address
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.slow
def test_every_page_of_the_shipped_content_passes_axe(page):
    """All five frameworks as shipped: every framework, theme and concept page, 0 violations."""
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    urls = [reverse("home"), reverse("values:concept_list")]
    urls += [f.get_absolute_url() for f in Framework.objects.published()]
    urls += [t.get_absolute_url() for t in Theme.objects.published().select_related("framework")]
    urls += [c.get_absolute_url() for c in Concept.objects.all()]
    urls += [reverse("values:search") + "?q=forældre"]
    failures = []
    for url in urls:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{url}:\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)
