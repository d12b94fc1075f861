"""The schools register and the municipality's overview: import, counts only, the threshold."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reflections import services
from reflections.models import Worksheet, WorksheetTemplate
from reflections.overview import MIN_BOARDS, municipality_overview
from tests.conftest import make_framework
from tests.values.spreadsheet_files import admin_url, csv_bytes, upload
from values.models import Publisher, ReflectionQuestion, School

HEADER = ["Kommune", "Navn", "Institutionsnummer"]
OVERVIEW = "admin:values_school_overview"
SECRET_ANSWER = "Vi taler for lidt med de nye forældre"
MEMBER_NAME = "Hemmelig Forælder"


def add_schools(publisher: Publisher, count: int, start: int = 0) -> list[School]:
    return [
        School.objects.create(
            municipality=publisher, name=f"Skole {n:02d}", institution_number=f"{100000 + n}"
        )
        for n in range(start, start + count)
    ]


def board_works_on(school: School, question: ReflectionQuestion, agreed=False, done=False):
    new = services.create_from_picks(
        [services.Pick(question)],
        title="Vores arbejdsark",
        school_name=school.name,
        board_name="Skolebestyrelsen",
        display_name=MEMBER_NAME,
    )
    worksheet = new.worksheet
    worksheet.school = school
    worksheet.save(update_fields=["school"])
    if agreed:
        services.save_agreed_answer(
            worksheet, worksheet.questions.get(), base_version=0, text=SECRET_ANSWER
        )
    if done:
        services.mark_done(worksheet, True)
    return worksheet


@pytest.fixture
def ballerup(db):
    return make_framework()


@pytest.mark.django_db
def test_an_editor_imports_the_municipalitys_schools(editor_client, ballerup):
    data = csv_bytes(HEADER, [["Ballerup Kommune", "Vestskolen", "51012"]])
    response = upload(editor_client, School, data, "skoler.csv")
    confirm = response.context["confirm_form"].initial
    done = editor_client.post(admin_url(School, "process_import"), {**confirm, "confirm": "1"})
    assert done.status_code == 302
    school = School.objects.get()
    assert (school.name, school.institution_number) == ("Vestskolen", "051012")
    assert school.municipality == ballerup.publisher


@pytest.mark.django_db
def test_a_school_row_for_another_municipality_is_refused_and_nothing_is_written(
    editor_client, ballerup
):
    Publisher.objects.create(name="Vejle Kommune")
    data = csv_bytes(
        HEADER,
        [["Ballerup Kommune", "Vestskolen", "151012"], ["Vejle Kommune", "Østskolen", "151013"]],
    )
    page = upload(editor_client, School, data, "skoler.csv").content.decode()
    assert "Række 3" in page and "hører til en anden udgiver end jeres" in page
    assert not School.objects.exists()


@pytest.mark.django_db
def test_the_overview_shows_status_per_school_and_theme_but_no_answers_or_names(
    editor_client, ballerup
):
    schools = add_schools(ballerup.publisher, 6)
    first, second = ballerup.themes.order_by("position")
    q1, q2 = first.questions.first(), second.questions.first()
    board_works_on(schools[0], q1, done=True)
    board_works_on(schools[1], q1, agreed=True)
    for school in schools[2:5]:
        board_works_on(school, q1)
    for school in schools[:4]:
        board_works_on(school, q2)

    response = editor_client.get(reverse(OVERVIEW))
    page = response.content.decode()
    assert response.status_code == 200
    rows = dict(response.context["overview"].rows)
    assert [c.label for c in rows[schools[0]]] == ["Færdig", "Arbejdsark i gang"]
    assert [c.label for c in rows[schools[1]]] == ["Fælles svar", "Arbejdsark i gang"]
    assert [c.label for c in rows[schools[5]]] == ["Ikke begyndt", "Ikke begyndt"]
    assert rows[schools[0]][0].date.date() == timezone.now().date()
    # Five boards worked with the first theme: shown; four with the second: not shown.
    totals = dict(response.context["overview"].theme_totals)
    assert totals[first] == MIN_BOARDS
    assert totals[second] is None
    assert "Færre end 5" in page
    assert SECRET_ANSWER not in page and MEMBER_NAME not in page and "Skolebestyrelsen" not in page


@pytest.mark.django_db
def test_the_overview_spreadsheet_holds_the_same_counts(editor_client, ballerup):
    schools = add_schools(ballerup.publisher, 2)
    board_works_on(schools[0], ballerup.themes.first().questions.first(), agreed=True)
    response = editor_client.get(reverse("admin:values_school_overview_xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [[c for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert cells[1][0] == "Skole 00" and cells[1][2].startswith("Fælles svar (")
    totals = list(book.worksheets[1].iter_rows(values_only=True))
    assert totals[1][2] == "< 5"
    assert SECRET_ANSWER not in str(cells) + str(totals)


@pytest.mark.django_db
def test_another_municipalitys_editor_sees_only_their_own_overview(client, ballerup):
    vejle = make_framework(title="Vejles ramme", publisher="Vejle Kommune")
    add_schools(ballerup.publisher, 2)
    add_schools(vejle.publisher, 1, start=50)
    user = User.objects.create_user("vejle", password="kode-kode-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    vejle.publisher.editors.add(user)
    client.force_login(user)
    response = client.get(reverse(OVERVIEW), {"kommune": ballerup.publisher.pk})
    assert response.context["municipality"] == vejle.publisher
    assert "Skole 00" not in response.content.decode()
    vejle.publisher.schools.all().delete()
    assert client.get(reverse(OVERVIEW)).status_code == 404


@pytest.mark.django_db
def test_the_overview_costs_the_same_queries_for_3_or_13_schools(editor_client, ballerup):
    question = ballerup.themes.first().questions.first()

    def count() -> int:
        editor_client.get(reverse(OVERVIEW))
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse(OVERVIEW)).status_code == 200
        return len(queries)

    for school in add_schools(ballerup.publisher, 3):
        board_works_on(school, question)
    small = count()
    for school in add_schools(ballerup.publisher, 10, start=3):
        board_works_on(school, question, agreed=True)
    assert count() == small


def national_register(
    municipalities: int = 98, schools: int = 13, prefix: str = "Kommune", first: int = 200000
) -> list[Publisher]:
    """A generated register the size of Denmark's: every municipality with its schools."""
    publishers = Publisher.objects.bulk_create(
        Publisher(name=f"{prefix} {m:03d}", slug=f"{prefix.lower()}-{m:03d}")
        for m in range(municipalities)
    )
    School.objects.bulk_create(
        School(
            municipality=publisher,
            name=f"Skole {s:02d} i {publisher.name}",
            institution_number=f"{first + m * 100 + s}",
        )
        for m, publisher in enumerate(publishers)
        for s in range(schools)
    )
    return publishers


@pytest.mark.django_db
def test_98_municipalities_of_13_schools_keep_the_overview_at_the_same_queries(
    client, superuser, ballerup
):
    question = ballerup.themes.first().questions.first()
    client.force_login(superuser)
    small = national_register(municipalities=2, schools=2, prefix="Lille", first=900000)
    board_works_on(small[0].schools.first(), question)

    def queries(municipality: Publisher) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(OVERVIEW), {"kommune": municipality.pk})
        assert response.context["municipality"] == municipality
        return len(captured)

    baseline = queries(small[0])
    large = national_register()
    for school in large[-1].schools.all():
        board_works_on(school, question, agreed=True)
    assert queries(large[-1]) == baseline
    overview = municipality_overview(large[-1])
    assert len(overview.schools) == 13
    assert overview.boards(question.theme) == 13


@pytest.mark.django_db
def test_a_municipality_starts_its_schools_boards_at_once_and_sees_the_links_once(
    editor_client, ballerup
):
    template = WorksheetTemplate.objects.create(
        title="Værdier", introduction="Om værdier.", status="published"
    )
    schools = add_schools(ballerup.publisher, 3)
    changelist = admin_url(School, "changelist")
    chosen = {"action": "start_boards", "_selected_action": [s.pk for s in schools[:2]]}
    form_page = editor_client.post(changelist, chosen)
    assert (
        form_page.status_code == 200 and "Skabelon til arbejdsarket" in form_page.content.decode()
    )
    assert not Worksheet.objects.exists()

    response = editor_client.post(changelist, {**chosen, "template": template.pk})
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    worksheets = Worksheet.objects.order_by("school__name")
    assert [w.school for w in worksheets] == schools[:2]
    assert all(w.template == template for w in worksheets)
    chair_links = [line for line in page.split("<code>")[1:] if "/f/" in line.split("</code>")[0]]
    assert len(chair_links) == 2
    # The link opens the board's worksheet as its chair.
    link = chair_links[0].split("</code>")[0].replace("http://testserver", "")
    board = Client()
    assert board.get(link).status_code == 302
    assert board.get(worksheets[0].get_absolute_url()).status_code == 200
