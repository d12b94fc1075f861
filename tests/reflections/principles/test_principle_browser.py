"""In Chromium: from a worksheet with agreed answers to an approved, published principle, its
public address and its PDF – axe, reflow at 320 px and the error summary on the way."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.a11y import assert_error_summary, assert_page_ok, assert_reflows, watch

from .conftest import AGREED_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_goes_from_agreed_answers_to_a_published_principle(new_context, space, board):
    page = new_context().new_page()
    watch(page, allow_status=(400,))
    page.goto(board.chair_link)  # the chair's link signs this browser in to the space
    page.goto(reverse("reflections:principle_start", args=[space.key]))
    assert_page_ok(page, "principle start")
    page.get_by_role("button", name="Opret udkast").click()
    assert_error_summary(page, ["id_title"])
    page.get_by_label("Princippets titel").fill("Princip for skole-hjem-samarbejdet")
    page.get_by_label("Byg på et arbejdsark").select_option(label=board.worksheet.title)
    page.get_by_role("button", name="Opret udkast").click()

    # The workbench: the board's agreed answer is a line, the worksheet beside it.
    assert page.get_by_role("heading", name="Det bygger I på").is_visible()
    assert page.get_by_text(AGREED_TEXT).first.is_visible()
    assert_page_ok(page, "principle workbench")
    assert_reflows(page, "principle workbench")

    page.get_by_role("link", name="Ret, henvis og kommentér").first.click()
    page.get_by_label("Tekst").fill("Vi inviterer forældrene ind tidligt og taler om trivsel.")
    page.get_by_label("Ballerup Kommune, Tema 1, indikator 1").check()
    assert_page_ok(page, "principle line")
    assert_reflows(page, "principle line")
    page.get_by_role("button", name="Gem linjen").click()
    expect(page.get_by_text("Linjen er gemt.")).to_be_visible()

    page.get_by_label("Drøftet og godkendt i skolebestyrelsen den").fill("2027-03-10")
    page.get_by_label("Evalueres senest").fill("2028-03-10")
    page.get_by_role("button", name="Gem som godkendt version").click()
    expect(page.get_by_role("heading", name="Godkendte versioner")).to_be_visible()
    page.get_by_role("button", name="Offentliggør").click()
    assert_page_ok(page, "principle versions")
    assert_reflows(page, "principle versions")
    address = page.get_by_label("Princippets offentlige adresse").input_value()

    # The public address, for anyone: no session, no names, what it builds on.
    public = new_context().new_page()
    watch(public)
    public.goto(address)
    assert public.get_by_role("heading", level=1).inner_text() == (
        "Princip for skole-hjem-samarbejdet"
    )
    assert public.get_by_text("Drøftet og godkendt i skolebestyrelsen den 10. marts 2027").count()
    assert public.get_by_role(
        "link", name="Ballerup Kommune, Tema 1, indikator 1"
    ).first.is_visible()
    assert_page_ok(public, "published principle")
    assert_reflows(public, "published principle")
    pdf = public.request.get(address + "princip.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # A year later the board changes a line and approves again: the versions page shows what
    # changed, in words as well as marks.
    page.get_by_role("link", name="Princip for skole-hjem-samarbejdet").first.click()
    page.get_by_role("link", name="Ret, henvis og kommentér").first.click()
    page.get_by_label("Tekst").fill("Vi inviterer forældrene ind allerede i juni.")
    page.get_by_role("button", name="Gem linjen").click()
    page.get_by_label("Drøftet og godkendt i skolebestyrelsen den").fill("2028-03-09")
    page.get_by_label("Evalueres senest").fill("2029-03-09")
    page.get_by_role("button", name="Gem som godkendt version").click()
    diff = page.locator(".principle-diff")
    assert diff.locator("del").first.inner_text().startswith("Fjernet:")
    assert "Tilføjet: Vi inviterer forældrene ind allerede i juni." in diff.inner_text()
    assert_page_ok(page, "principle versions with a difference")

    # Deleting the principle, after its warning, takes the public page with it.
    page.get_by_role("link", name="Princip for skole-hjem-samarbejdet").first.click()
    page.get_by_role("link", name="Slet princippet").click()
    assert_page_ok(page, "principle delete")
    page.get_by_role("button", name="Ja, slet princippet").click()
    assert public.goto(address).status == 404
