"""The yearly cycle: "Nyt skoleår" copies a worksheet into the next school year, and last
year's agreed answers and ratings stand beside this year's – on the pages and in the downloads."""

import importlib
import io
import re
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reflections import yearly
from reflections.models import (
    AgreedBy,
    Answer,
    NextStep,
    OthersVisible,
    Participant,
    Worksheet,
    next_school_year,
    school_year_of,
)

from .conftest import autosave
from .test_exports import pdf_text

pytestmark = pytest.mark.django_db


def in_space(board) -> Worksheet:
    """The board's worksheet, in the space every worksheet belongs to."""
    board.worksheet.refresh_from_db()
    return board.worksheet


def agree(client: Client, worksheet: Worksheet, text: str, rating: str) -> None:
    """The board's agreed answers: `text` to the open question, `rating` to the indicator."""
    question, indicator, steps = worksheet.questions.order_by("position")
    board = SimpleNamespace(key=worksheet.key)
    autosave(client, board, question, scope="agreed", text=text, version=0)
    autosave(client, board, indicator, scope="agreed", rating=rating, version=0)


def start_next_year(chair: Client, worksheet: Worksheet, name: str = "Formand Fie") -> Worksheet:
    """What the chair does: confirm, and write their name on the new worksheet."""
    response = chair.post(reverse("reflections:next_year", args=[worksheet.key]))
    assert response.status_code == 302
    new = Worksheet.objects.get(previous=worksheet)
    assert response["Location"] == new.get_absolute_url()
    chair.post(reverse("reflections:join", args=[new.key]), {"display_name": name})
    return new


def test_a_school_year_starts_on_the_first_of_august():
    assert school_year_of(date(2026, 7, 31)) == "2025/26"
    assert school_year_of(date(2026, 8, 1)) == "2026/27"
    assert school_year_of(date(2099, 12, 31)) == "2099/00"
    assert next_school_year("2026/27") == "2027/28"
    assert next_school_year("2099/00") == "2100/01"


def test_a_new_worksheet_belongs_to_this_school_year(board):
    assert board.worksheet.school_year == school_year_of(timezone.localdate())


def test_the_next_year_has_the_same_questions_and_settings_and_nothing_private(
    chair, member, board
):
    worksheet = in_space(board)
    question, indicator, steps = board.questions()
    autosave(member, board, question, scope="own", text="Mit eget svar")
    agree(chair, worksheet, "Vi inviterer til kaffe", "some")
    NextStep.objects.create(worksheet=worksheet, question=steps, what="Åbent hus")
    Worksheet.objects.filter(pk=worksheet.pk).update(
        school_year="2026/27",
        agreed_by=AgreedBy.CHAIRS,
        others_visible=OthersVisible.AFTER_OWN,
        anonymous=True,
        answer_by=date(2027, 3, 1),
        meeting_date=date(2027, 3, 8),
        done_at=timezone.now(),
    )
    worksheet.refresh_from_db()

    new = yearly.start_next_school_year(worksheet).worksheet

    assert new.school_year == "2027/28" and new.previous == worksheet
    assert new.space_id == worksheet.space_id and new.key != worksheet.key
    for field in ("title", "introduction", "estimated_minutes", "school_name", "board_name"):
        assert getattr(new, field) == getattr(worksheet, field), field
    assert (new.template, new.agreed_by, new.others_visible, new.anonymous) == (
        worksheet.template, AgreedBy.CHAIRS, OthersVisible.AFTER_OWN, True
    )  # fmt: skip
    # This year's dates and status are not next year's.
    assert (new.answer_by, new.meeting_date, new.done_at) == (None, None, None)
    old_sections = list(worksheet.sections.values_list("title", "introduction", "position"))
    assert list(new.sections.values_list("title", "introduction", "position")) == old_sections
    fields = ("section__title", "kind", "text", "prompt", "context", "position")
    fields += ("source_question", "source_item", "template_question")
    new_questions = list(new.questions.order_by("position"))
    assert list(new.questions.order_by("position").values_list(*fields)) == list(
        worksheet.questions.order_by("position").values_list(*fields)
    )
    assert [q.previous_id for q in new_questions] == [q.pk for q in board.questions()]
    assert all(q.section.worksheet_id == new.pk for q in new_questions)
    # Nothing anyone wrote or who they are: no answers, members or steps.
    for model in (Answer, Participant):
        assert not model.objects.filter(worksheet=new).exists(), model
    assert not NextStep.with_deleted.filter(worksheet=new).exists()
    # This year's worksheet is as it was.
    assert worksheet.answers.count() == 3 and worksheet.participants.count() == 2


def test_starting_the_next_year_twice_gives_the_one_already_started(chair, board):
    first = yearly.start_next_school_year(board.worksheet).worksheet
    with pytest.raises(yearly.AlreadyStarted) as started:
        yearly.start_next_school_year(board.worksheet)
    assert started.value.following == first
    response = chair.post(reverse("reflections:next_year", args=[board.key]))
    assert response["Location"] == first.get_absolute_url()
    assert Worksheet.objects.filter(previous=board.worksheet).count() == 1
    page = chair.get(reverse("reflections:next_year", args=[board.key])).content.decode()
    assert "er allerede startet" in page and first.get_absolute_url() in page


def test_the_chair_confirms_and_is_chair_of_the_next_year(chair, board):
    url = reverse("reflections:next_year", args=[board.key])
    page = chair.get(url).content.decode()
    this_year = board.worksheet.school_year
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert f"Start skoleåret {next_school_year(this_year)}" in page
    assert "Svar, vurderinger og næste skridt" in page  # says what is not copied
    manage = chair.get(reverse("reflections:manage", args=[board.key])).content.decode()
    assert url in manage

    new = start_next_year(chair, board.worksheet)

    overview = chair.get(new.get_absolute_url()).content.decode()
    assert 'id="member-link"' not in overview  # the board's links open the new year too
    assert chair.get(reverse("reflections:manage", args=[new.key])).status_code == 200
    member = Client()
    response = member.get(board.member_link)
    assert response["Location"] == reverse("reflections:space", args=[board.space_key])
    assert member.get(new.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["outsider", "other_boards_chair", "member"])
def test_only_the_chair_can_start_the_next_year(request, board, persona):
    client = request.getfixturevalue(persona)
    url = reverse("reflections:next_year", args=[board.key])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Worksheet.objects.filter(previous=board.worksheet).exists()


def test_no_one_from_another_board_sees_the_next_year(chair, other_boards_chair, board):
    new = start_next_year(chair, board.worksheet)
    for client in (other_boards_chair, Client()):
        for name in ("worksheet", "result", "next_year"):
            assert client.get(reverse(f"reflections:{name}", args=[new.key])).status_code == 404


@pytest.fixture
def second_year(chair, board) -> Worksheet:
    """Last year the board agreed "I nogen grad"; this year it answers "I høj grad"."""
    worksheet = in_space(board)
    agree(chair, worksheet, "Vi inviterer til kaffe", "some")
    new = start_next_year(chair, worksheet)
    agree(chair, new, "Vi holder forældremøder i skolegården", "high")
    return new


def test_the_section_page_shows_last_years_agreed_answer_beside(chair, board, second_year):
    first_section = second_year.sections.order_by("position").first()
    page = chair.get(first_section.get_absolute_url()).content.decode()
    last = board.worksheet.school_year
    assert f"Sidste skoleår ({last}): bestyrelsens fælles svar" in page
    assert "Vi inviterer til kaffe" in page and "I nogen grad" in page
    assert "Vi holder forældremøder i skolegården" in page  # this year's, in the form


def test_the_result_shows_the_change_and_the_years_side_by_side(chair, board, second_year):
    page = chair.get(reverse("reflections:result", args=[second_year.key])).content.decode()
    assert "Ændring i vurderingen:" in page
    assert "I nogen grad → I høj grad</strong> (højere end sidste år)" in page
    assert '<title id="years-chart-title">' in page and 'role="img"' in page
    table = page[page.index('<table class="table table--compact years-table">') :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert headers[2:4] == [board.worksheet.school_year, second_year.school_year]
    assert re.search(
        r"<td>I nogen grad</td><td>I høj grad</td><td>højere end sidste år</td>", table
    )


def test_a_first_year_shows_no_earlier_years(chair, board):
    page = chair.get(reverse("reflections:result", args=[board.key])).content.decode()
    assert "Sidste skoleår" not in page and "years-chart" not in page


def test_the_pdf_and_excel_show_last_year_and_the_change(chair, board, second_year):
    last = board.worksheet.school_year
    text = pdf_text(chair.get(reverse("reflections:result_pdf", args=[second_year.key])).content)
    assert f"Sidste skoleår ({last}): Vi inviterer til kaffe" in text
    assert "Ændring i vurderingen: I nogen grad → I høj grad (højere end sidste år)" in text
    assert "Udviklingen fra år til år" in text

    content = chair.get(reverse("reflections:export_xlsx", args=[second_year.key])).content
    book = load_workbook(io.BytesIO(content))
    rows = [[cell.value for cell in row] for row in book["Side om side"].iter_rows()]
    assert rows[0][3:6] == [
        "Bestyrelsens fælles svar", f"Fælles svar {last}", "Ændring i vurderingen"
    ]  # fmt: skip
    assert rows[1][3:5] == ["Vi holder forældremøder i skolegården", "Vi inviterer til kaffe"]
    assert rows[2][5] == "I nogen grad → I høj grad (højere end sidste år)"
    years = [[cell.value for cell in row] for row in book["År for år"].iter_rows()]
    assert years[0] == ["Nr.", "Spørgsmål", last, second_year.school_year, "Ændring i vurderingen"]
    assert years[1][2:] == [
        "I nogen grad",
        "I høj grad",
        "I nogen grad → I høj grad (højere end sidste år)",
    ]


def test_a_question_shows_every_earlier_year_oldest_first(chair, board, second_year):
    third = start_next_year(chair, second_year)
    agree(chair, third, "Vi mødes oftere", "little")
    result = yearly_result(third)
    indicator = result.rated[0]
    assert result.earlier_years == [board.worksheet.school_year, second_year.school_year]
    assert [a.rating for a in indicator.earlier] == ["some", "high"]
    assert str(indicator.change) == "I høj grad → I mindre grad (lavere end sidste år)"


def yearly_result(worksheet: Worksheet):
    from reflections.results import build_result

    result = build_result(worksheet)
    yearly.with_earlier_years(result)
    return result


# Queries of the pages that show earlier years: three more than a first year's (the space's
# worksheets, their questions, their agreed answers), however many years there are.
# result, PDF and XLSX: + the perspectives rounds beside the board's own ratings
YEAR_QUERIES = {"section": 10, "result": 11, "pdf": 11, "xlsx": 11}


def year_pages(worksheet: Worksheet) -> dict[str, str]:
    key = worksheet.key
    return {
        "section": worksheet.sections.order_by("position").first().get_absolute_url(),
        "result": reverse("reflections:result", args=[key]),
        "pdf": reverse("reflections:result_pdf", args=[key]),
        "xlsx": reverse("reflections:export_xlsx", args=[key]),
    }


def test_the_pages_with_earlier_years_have_a_fixed_number_of_queries(
    chair, board, second_year, django_assert_num_queries
):
    third = start_next_year(chair, second_year)
    agree(chair, third, "Vi mødes oftere", "little")
    for worksheet in (second_year, third):  # two years, then three
        for name, url in year_pages(worksheet).items():
            with django_assert_num_queries(YEAR_QUERIES[name]):
                assert chair.get(url).status_code == 200, name


def test_the_confirmation_page_has_a_fixed_number_of_queries(
    chair, board, django_assert_num_queries
):
    url = reverse("reflections:next_year", args=[board.key])
    # session, worksheet, its next year if started, the footer's source documents
    with django_assert_num_queries(4):
        assert chair.get(url).status_code == 200
    yearly.start_next_school_year(board.worksheet)
    with django_assert_num_queries(4):
        assert "er allerede startet" in chair.get(url).content.decode()


def test_deleting_last_years_worksheet_leaves_this_year_whole(chair, board, second_year):
    chair.post(reverse("reflections:delete", args=[board.key]))
    assert not Worksheet.objects.filter(pk=board.worksheet.pk).exists()
    second_year.refresh_from_db()
    assert second_year.previous is None
    assert not second_year.questions.filter(previous__isnull=False).exists()
    page = chair.get(reverse("reflections:result", args=[second_year.key])).content.decode()
    assert "Vi holder forældremøder i skolegården" in page
    assert "Vi inviterer til kaffe" not in page and "Sidste skoleår" not in page


def test_existing_worksheets_get_the_school_year_they_were_made_in(board):
    from django.apps import apps

    # Found by its name, whatever number it has.
    (path,) = Path(yearly.__file__).parent.glob("migrations/*_school_years.py")
    migration = importlib.import_module(f"reflections.migrations.{path.stem}")
    made = timezone.make_aware(datetime(2025, 7, 31, 23, 30))  # Danish time: still July
    Worksheet.objects.filter(pk=board.worksheet.pk).update(created_at=made, school_year="x")
    migration.school_year_from_creation(apps, None)
    board.worksheet.refresh_from_db()
    assert board.worksheet.school_year == "2024/25"
