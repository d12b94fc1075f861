"""The municipality's overview aggregates the boards' agreed ratings, only over 5 or more."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections import services
from reflections.models import QuestionKind
from reflections.overview import MIN_BOARDS
from tests.conftest import make_framework
from tests.values.test_schools import add_schools, national_register
from values.models import Item, School

OVERVIEW = "admin:values_school_overview"
OVERVIEW_XLSX = "admin:values_school_overview_xlsx"
# session, user, two for permissions, the editor's municipalities, schools, themes, the statuses
# the ratings and the principles – however many schools and boards
QUERIES_PER_OVERVIEW = 10
BOARD_COMMENT = "Vores bestyrelse er uenig om forældremøderne"
MEMBER_NAME = "Hemmelig Forælder"


@pytest.fixture
def ballerup(db):
    return make_framework()


@pytest.fixture
def indicator(ballerup) -> Item:
    theme = ballerup.themes.order_by("position").first()
    return theme.items.filter(kind=Item.Kind.INDICATOR).order_by("position").first()


def board_rates(school: School, item: Item, rating: str, own_rating: str = "") -> None:
    """A board of `school` agrees on `rating` for `item`; a member may have rated otherwise."""
    new = services.create_from_picks(
        [services.Pick(item)],
        title="Vores arbejdsark",
        school_name=school.name,
        board_name="Skolebestyrelsen",
        display_name=MEMBER_NAME,
        school=school,
    )
    question = new.worksheet.questions.get()
    assert question.kind == QuestionKind.RATING
    services.save_agreed_answer(
        new.worksheet, question, base_version=0, text=BOARD_COMMENT, rating=rating
    )
    if own_rating:
        services.save_own_answer(
            new.worksheet, question, new.participant.pk, text="", rating=own_rating
        )


@pytest.mark.django_db
def test_ratings_of_four_boards_are_not_shown_at_all(editor_client, indicator):
    schools = add_schools(indicator.theme.framework.publisher, MIN_BOARDS - 1)
    for school in schools:
        board_rates(school, indicator, "high")
    response = editor_client.get(reverse(OVERVIEW))
    page = response.content.decode()
    assert response.context["ratings"] == []
    assert indicator.text not in page
    assert "Ingen spørgsmål er endnu vurderet af mindst 5 bestyrelser." in page
    book = openpyxl.load_workbook(io.BytesIO(editor_client.get(reverse(OVERVIEW_XLSX)).content))
    assert list(book["Vurderinger"].iter_rows(values_only=True))[1:] == []


@pytest.mark.django_db
def test_ratings_of_five_boards_are_shown_as_a_chart_and_a_table(editor_client, indicator):
    schools = add_schools(indicator.theme.framework.publisher, MIN_BOARDS)
    for school, rating in zip(schools, ["high", "high", "some", "none", "unknown"], strict=True):
        board_rates(school, indicator, rating, own_rating="little")
    response = editor_client.get(reverse(OVERVIEW))
    page = response.content.decode()
    [theme_ratings] = response.context["ratings"]
    [question] = theme_ratings.questions
    assert theme_ratings.theme == indicator.theme and question.text == indicator.text
    # Members' own ratings ("I mindre grad") never count: only the boards' agreed ones.
    assert question.columns == [
        ("high", "I høj grad", 2),
        ("some", "I nogen grad", 1),
        ("little", "I mindre grad", 0),
        ("none", "Slet ikke", 1),
        ("unknown", "Ved ikke", 1),
    ]
    assert [s.width for s in question.segments] == [40.0, 20.0, 20.0, 20.0]
    assert 'class="seg seg-high"' in page and "Vurderinger i tal" in page
    assert "5 bestyrelser" in page
    assert BOARD_COMMENT not in page and MEMBER_NAME not in page and "Skole 00" in page

    book = openpyxl.load_workbook(io.BytesIO(editor_client.get(reverse(OVERVIEW_XLSX)).content))
    rows = list(book["Vurderinger"].iter_rows(values_only=True))
    assert rows[0][2:] == (
        "Spørgsmål",
        "Bestyrelser",
        "I høj grad",
        "I nogen grad",
        "I mindre grad",
        "Slet ikke",
        "Ved ikke",
    )
    assert rows[1][2:] == (indicator.text, 5, 2, 1, 0, 1, 1)
    assert BOARD_COMMENT not in str(rows) and MEMBER_NAME not in str(rows)


@pytest.mark.django_db
def test_a_school_with_two_worksheets_counts_once_with_its_latest_rating(editor_client, indicator):
    schools = add_schools(indicator.theme.framework.publisher, MIN_BOARDS - 1)
    for school in schools:
        board_rates(school, indicator, "high")
    board_rates(schools[0], indicator, "none")  # the same board again: still four boards
    assert editor_client.get(reverse(OVERVIEW)).context["ratings"] == []
    board_rates(add_schools(indicator.theme.framework.publisher, 1, start=50)[0], indicator, "high")
    [theme_ratings] = editor_client.get(reverse(OVERVIEW)).context["ratings"]
    assert dict((v, c) for v, _label, c in theme_ratings.questions[0].columns) == {
        "high": 4,
        "some": 0,
        "little": 0,
        "none": 1,
        "unknown": 0,
    }


@pytest.mark.django_db
def test_another_municipalitys_boards_do_not_count_towards_the_five(editor_client, indicator):
    for school in add_schools(indicator.theme.framework.publisher, 4):
        board_rates(school, indicator, "some")
    [vejle] = national_register(municipalities=1, schools=3, prefix="Vejle", first=700000)
    for school in vejle.schools.all():
        board_rates(school, indicator, "some")
    assert editor_client.get(reverse(OVERVIEW)).context["ratings"] == []


@pytest.mark.django_db
def test_the_overview_with_ratings_has_a_fixed_number_of_queries(
    editor_client, indicator, django_assert_num_queries
):
    schools = add_schools(indicator.theme.framework.publisher, 13)
    for school in schools[:6]:
        board_rates(school, indicator, "high")
    editor_client.get(reverse(OVERVIEW))
    with django_assert_num_queries(QUERIES_PER_OVERVIEW):
        assert editor_client.get(reverse(OVERVIEW)).status_code == 200
    for school in schools[6:]:
        board_rates(school, indicator, "some")
    with django_assert_num_queries(QUERIES_PER_OVERVIEW):
        assert editor_client.get(reverse(OVERVIEW)).status_code == 200


@pytest.mark.django_db
def test_98_municipalities_of_13_schools_keep_the_ratings_at_the_same_queries(
    client, superuser, indicator
):
    client.force_login(superuser)
    [small] = national_register(municipalities=1, schools=5, prefix="Lille", first=900000)
    for school in small.schools.all():
        board_rates(school, indicator, "high")

    def queries(municipality) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(OVERVIEW), {"kommune": municipality.pk})
        assert response.context["municipality"] == municipality
        assert response.context["ratings"][0].questions[0].boards == municipality.schools.count()
        return len(captured)

    baseline = queries(small)
    large = national_register()
    for n, school in enumerate(large[-1].schools.all()):
        board_rates(school, indicator, ["high", "some", "none"][n % 3])
    assert queries(large[-1]) == baseline
