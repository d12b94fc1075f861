"""A board may link its worksheet to its school in the municipality's register – or not."""

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Worksheet
from values.models import Publisher, School

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(framework) -> School:
    return School.objects.create(
        municipality=Publisher.objects.get(name="Ballerup Kommune"),
        name="Vestskolen",
        institution_number="151012",
    )


def start_from_template(template, number: str):
    return Client().post(
        reverse("reflections:template", args=[template.slug]),
        {
            "school_name": "Vestskolen",
            "school": number,
            "board_name": "Skolebestyrelsen",
            "display_name": "Åse",
        },
    )


def test_a_board_links_its_worksheet_to_its_school_by_institution_number(template, school):
    assert start_from_template(template, " 151012 ").status_code == 302
    assert Worksheet.objects.get().school == school


def test_a_board_may_start_without_a_school(template, school):
    assert start_from_template(template, "").status_code == 302
    assert Worksheet.objects.get().school is None


def test_an_unknown_institution_number_is_refused_in_danish(template, school):
    response = start_from_template(template, "999999")
    assert response.status_code == 400
    assert "Institutionsnummeret 999999 står ikke i nogen kommunes skoleregister" in (
        response.content.decode()
    )
    assert not Worksheet.objects.exists()
