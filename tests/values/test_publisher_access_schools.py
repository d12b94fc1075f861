"""The access matrix for the schools register and the themes' materials.

Every admin address of Ballerup's schools (changelist, change, add, delete, history, import,
export, the overview and its spreadsheet, starting boards) and of its materials (edited inline on
the theme) × Ballerup's editor, Vejle's editor and a national administrator. Vejle's editor never
sees nor changes anything of Ballerup's.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from reflections.models import Worksheet, WorksheetTemplate
from tests.values.spreadsheet_files import csv_bytes, upload
from tests.values.test_history import change_theme
from tests.values.test_publisher_access import (
    PERSONAS,
    admin_url,
    as_persona,
    ballerup,
    expect,
    national,
    other_editor,
    snapshot,
    vejle,
)
from values.models import Material, School, Status

# Fixtures shared with the content's matrix (pytest finds them by name in this module).
__all__ = ["as_persona", "ballerup", "national", "other_editor", "vejle"]

ALLOWED = {"same": True, "other": False, "national": True}
SCHOOL = "Ballerups Vestskole"
MATERIAL = {
    "materials-TOTAL_FORMS": "1",
    "materials-INITIAL_FORMS": "0",
    "materials-0-title": "Indsmuglet materiale",
    "materials-0-url": "https://www.emu.dk/film",
    "materials-0-source": "EVA",
    "materials-0-position": "1",
}


@pytest.fixture
def school(ballerup) -> School:
    return School.objects.create(
        municipality=ballerup.publisher, name=SCHOOL, institution_number="151012"
    )


@pytest.fixture
def material(ballerup) -> Material:
    return Material.objects.create(
        theme=ballerup.themes.first(),
        title="Ballerups film",
        url="https://www.emu.dk/film",
        source="EVA",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_school_pages_answer_only_the_municipalitys_editors(as_persona, school, persona):
    client = as_persona(persona)
    for action in ("change", "delete", "history"):
        expect(client.get(admin_url(School, action, school.pk)), persona)
    changelist = client.get(admin_url(School, "changelist")).content.decode()
    assert (SCHOOL in changelist) is ALLOWED[persona]
    assert client.get(admin_url(School, "add")).status_code == 200


@pytest.mark.django_db
def test_another_municipalitys_editor_can_neither_change_nor_delete_a_school(as_persona, school):
    before = snapshot(school)
    client = as_persona("other")
    change = client.post(
        admin_url(School, "change", school.pk),
        {"municipality": school.municipality_id, "name": "Overtaget", "institution_number": "1"},
    )
    assert change.status_code == 404
    assert client.post(admin_url(School, "delete", school.pk), {"post": "yes"}).status_code == 404
    client.post(
        admin_url(School, "changelist"),
        {"action": "delete_selected", "_selected_action": [school.pk], "post": "yes"},
    )
    assert snapshot(school) == before


@pytest.mark.django_db
def test_an_editor_cannot_add_a_school_to_another_municipality(as_persona, ballerup, vejle):
    client = as_persona("other")
    form = client.get(admin_url(School, "add")).context["adminform"].form
    assert list(form.fields["municipality"].queryset) == [vejle.publisher]
    client.post(
        admin_url(School, "add"),
        {"municipality": ballerup.publisher.pk, "name": "Indsmuglet", "institution_number": "9"},
    )
    assert not School.objects.filter(name="Indsmuglet").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_school_export_and_the_overview_hold_only_the_users_own_schools(
    as_persona, school, vejle, persona
):
    School.objects.create(
        municipality=vejle.publisher, name="Vejles Østskole", institution_number="2"
    )
    client = as_persona(persona)
    export = client.post(admin_url(School, "export"), {"resource": "0", "format": "0"})
    assert export.status_code == 200
    assert (SCHOOL in export.content.decode("utf-8-sig")) is ALLOWED[persona]
    for name in ("admin:values_school_overview", "admin:values_school_overview_xlsx"):
        response = client.get(reverse(name), {"kommune": school.municipality_id})
        assert response.status_code == 200
    page = client.get(reverse("admin:values_school_overview"), {"kommune": school.municipality_id})
    assert (SCHOOL in page.content.decode()) is ALLOWED[persona]


@pytest.mark.django_db
def test_a_school_import_for_another_municipality_writes_nothing(as_persona, school, ballerup):
    data = csv_bytes(
        ["Kommune", "Navn", "Institutionsnummer"],
        [["Ballerup Kommune", "Indsmuglet skole", "151099"]],
    )
    page = upload(as_persona("other"), School, data, "skoler.csv").content.decode()
    assert "hører til en anden udgiver end jeres" in page
    assert not School.objects.filter(name="Indsmuglet skole").exists()


@pytest.mark.django_db
def test_another_municipalitys_editor_cannot_start_its_schools_boards(as_persona, school):
    template = WorksheetTemplate.objects.create(title="Værdier", status=Status.PUBLISHED)
    as_persona("other").post(
        admin_url(School, "changelist"),
        {"action": "start_boards", "_selected_action": [school.pk], "template": template.pk},
    )
    assert not Worksheet.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_materials_are_changed_on_the_theme_only_by_its_publishers_editors(
    as_persona, ballerup, material, persona
):
    theme = ballerup.themes.first()
    client = as_persona(persona)
    page = client.get(admin_url(type(theme), "change", theme.pk))
    expect(page, persona)
    if ALLOWED[persona]:
        assert "Ballerups film" in page.content.decode()
        change_theme(client, theme, **MATERIAL)
        assert theme.materials.filter(title="Indsmuglet materiale").exists()
    else:
        response = client.post(
            admin_url(type(theme), "change", theme.pk),
            {"framework": ballerup.pk, "title": theme.title, **MATERIAL},
        )
        assert response.status_code == 404
        assert list(theme.materials.values_list("title", flat=True)) == ["Ballerups film"]
