"""The import pages in their new states – the limits, a refusal naming its cell, a preview naming
unknown columns, a workbook preview warning that a published framework changes at once – have no
axe violations in real Chromium."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.a11y import assert_page_ok, watch
from tests.browser import sign_in_to_admin
from tests.conftest import make_framework
from tests.values.spreadsheet_files import csv_bytes
from tests.values.test_import_export_workbook import SIXTH, filled_template
from values.models import Concept, Framework, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktoer-kode-2026"


def log_in(page) -> None:
    sign_in_to_admin(page, "redaktoer", PASSWORD)


def send(page, url: str, field: str, name: str, data: bytes, mime: str) -> None:
    page.goto(url)
    page.set_input_files(f"input[name={field}]", {"name": name, "mimeType": mime, "buffer": data})
    page.click("input[type=submit].default")
    page.wait_for_selector("#content")


def test_the_import_pages_new_states_have_no_axe_violations(page, live_server, tmp_path):
    Concept.objects.create(name="Kommunikation", description="Samtalen.")
    Concept.objects.create(name="Fællesskab", description="Det fælles.")
    framework = make_framework(themes=1)
    user = User.objects.create_superuser("redaktoer", "r@example.dk", PASSWORD)
    client = Client()
    client.force_login(user)
    log_in(page)
    watch(page)
    failures = []

    def check(kind: str, text: str) -> None:
        assert text in page.locator("#content-main").inner_text(), kind
        try:
            assert_page_ok(page, kind, csp=False)
        except AssertionError as error:
            failures.append(str(error))

    themes_url = reverse("admin:values_theme_import")
    page.goto(themes_url)
    check("import page with its limits", "Højst 300 rækker")

    header = ["Ramme", "Kortnavn", "Titel", "Status", "Tekts"]
    good = csv_bytes(header, [[framework.slug, "nyt", "Nyt tema", "Kladde", "x"]])
    send(page, themes_url, "import_file", "temaer.csv", good, "text/csv")
    check("import preview naming an unknown column", "«Tekts» kendes ikke")

    bad = csv_bytes(header, [[framework.slug, "ondt", "Ond\x07t", "Kladde", ""]])
    send(page, themes_url, "import_file", "temaer.csv", bad, "text/csv")
    check("import refusal naming its cell", "Celle C2")

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook_url = reverse("admin:values_framework_workbook")
    send(page, workbook_url, "file", "ramme.xlsx", filled_template(client, SIXTH), xlsx)
    page.click("input[name=confirm]")
    page.wait_for_selector("#content")
    Framework.objects.filter(title="Sammen om skolen").update(status=Status.PUBLISHED)
    changed = {**SIXTH, "Ramme": [{**SIXTH["Ramme"][0], "Indledning": "Ny indledning."}]}
    send(page, workbook_url, "file", "ramme.xlsx", filled_template(client, changed), xlsx)
    check("workbook preview of a published framework", "Rammen er offentliggjort:")

    assert not failures, "\n".join(failures)


def test_the_preview_can_show_only_the_new_and_changed_rows(page, live_server):
    from tests.values.test_import_exact import ITEM_HEADER
    from values.models import Item

    framework = make_framework(themes=1, items_per_theme=1)
    theme = framework.themes.get()
    User.objects.create_superuser("redaktoer", "r@example.dk", PASSWORD)
    log_in(page)
    watch(page)
    rows = [["", framework.slug, theme.slug, "Eksempel", "Ugebrevet", "Hver fredag."]]
    send(
        page,
        reverse("admin:values_item_import"),
        "import_file",
        "punkter.csv",
        csv_bytes(ITEM_HEADER, rows),
        "text/csv",
    )
    confirm = page.locator("input[name=confirm]")
    confirm.click()
    page.wait_for_selector(".messagelist")
    # The same file again plus one new row: one unchanged row, one new.
    rows.append(["", framework.slug, theme.slug, "Eksempel", "Nyt", "Et nyt eksempel."])
    send(
        page,
        reverse("admin:values_item_import"),
        "import_file",
        "punkter.csv",
        csv_bytes(ITEM_HEADER, rows),
        "text/csv",
    )
    assert page.locator("tr.import-skip").first.is_visible()
    page.get_by_label("Vis kun nye og ændrede rækker").check()
    assert not page.locator("tr.import-skip").first.is_visible()
    assert page.locator("tr.import-new").first.is_visible()
    assert_page_ok(page, "preview showing only changed rows", csp=False)
    assert Item.objects.filter(title="Ugebrevet").count() == 1
