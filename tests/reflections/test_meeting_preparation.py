"""Before the meeting: who has answered how much, the dates, the invitation, the calendar file and
the one-page overview."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from reflections.meeting import step_date
from reflections.models import NextStep, Worksheet

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db


def prepare_url(board) -> str:
    return reverse("reflections:prepare", args=[board.key])


def test_the_chair_page_counts_each_members_own_answers_per_section(chair, member, board):
    question, indicator, steps = board.questions()
    autosave(member, board, question, scope="own", text="Mit svar")
    autosave(member, board, indicator, scope="own", rating="some")
    autosave(member, board, steps, scope="own", text="Et forslag")
    autosave(chair, board, question, scope="agreed", text="Fælles", version=0)  # not own
    autosave(chair, board, indicator, scope="own", text="")  # empty: not an answer
    html = chair.get(reverse("reflections:manage", args=[board.key])).content.decode()
    rows = dict(re.findall(r'<tr><th scope="row" lang="da">([^<]+)</th>(.*?)</tr>', html))
    cells = lambda row: re.findall(r"<td>(?:<strong>)?([^<]+)", row)  # noqa: E731
    assert cells(rows["Medlem Mads"]) == ["2 af 2", "1 af 1", "3 af 3 besvaret"]
    assert cells(rows["Formand Fie"]) == ["0 af 2", "0 af 1", "0 af 3 besvaret"]
    # The same table on the preparation page.
    assert "3 af 3 besvaret" in chair.get(prepare_url(board)).content.decode()


def test_the_chair_sets_the_dates_in_danish_form_without_javascript(chair, member, board):
    response = chair.post(
        prepare_url(board), {"answer_by": "1.3.2027", "meeting_date": "2027-03-08"}
    )
    assert response.status_code == 302
    worksheet = Worksheet.objects.get(pk=board.worksheet.pk)
    assert worksheet.answer_by == datetime.date(2027, 3, 1)
    assert worksheet.meeting_date == datetime.date(2027, 3, 8)
    page = chair.get(response["Location"]).content.decode()
    assert "Datoerne er gemt." in page
    assert 'value="2027-03-01"' in page  # the form shows what is saved
    assert "Svar gerne senest 1. marts 2027." in page
    assert "Vi taler svarene igennem på mødet 8. marts 2027." in page
    blank = member.get(reverse("reflections:blank", args=[board.key])).content.decode()
    assert "8. marts 2027" in blank


def test_a_deadline_after_the_meeting_is_refused_and_nothing_changes(chair, board):
    chair.post(prepare_url(board), {"answer_by": "2027-03-01", "meeting_date": "2027-03-08"})
    response = chair.post(prepare_url(board), {"answer_by": "2027-04-01", "meeting_date": "nej"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Svarfristen skal ligge før mødet" not in html  # the meeting date itself is wrong
    assert (
        "Skriv en dato, fx 15.3.2027." in html and 'class="alert alert-error error-summary' in html
    )
    response = chair.post(
        prepare_url(board), {"answer_by": "2027-04-01", "meeting_date": "2027-03-08"}
    )
    assert response.status_code == 400
    assert "Svarfristen skal ligge før mødet eller samme dag." in response.content.decode()
    worksheet = Worksheet.objects.get(pk=board.worksheet.pk)
    assert worksheet.answer_by == datetime.date(2027, 3, 1)


def test_the_invitation_carries_the_member_link_only_where_the_chair_has_it(chair, board):
    prepare = chair.get(prepare_url(board)).content.decode()
    assert "[Indsæt medlemslinket her]" in prepare
    assert "vises kun én gang" in prepare
    chair.post(reverse("reflections:rotate", args=[board.key]), {"link": "member"})
    manage = chair.get(reverse("reflections:manage", args=[board.key])).content.decode()
    invitation = re.search(r'<textarea id="invitation"[^>]*>(.*?)</textarea>', manage, re.S)[1]
    link = re.search(r"Åbn linket: (\S+)", invitation)[1]
    assert link == re.search(r'id="member-link" type="text" readonly value="([^"]+)"', manage)[1]
    assert "Skriv ikke om enkelte børn." in invitation
    newcomer = Client()
    open_link(newcomer, link.replace("http://testserver", ""), "Ny")
    assert newcomer.get(board.worksheet.get_absolute_url()).status_code == 200
    # Shown once: on the next visit neither the link nor the filled-in invitation is there.
    again = chair.get(reverse("reflections:manage", args=[board.key])).content.decode()
    assert link not in again and 'id="invitation"' not in again


def test_the_calendar_file_holds_the_deadline_the_meeting_and_dated_steps(member, chair, board):
    chair.post(prepare_url(board), {"answer_by": "2027-03-01", "meeting_date": "2027-03-08"})
    steps = board.questions()[2]
    for what, when in [
        ("Åbent hus; med kage, og kaffe", "15.4.2027"),
        ("Evaluere", "efter sommerferien"),
    ]:
        NextStep.objects.create(
            worksheet=board.worksheet, question=steps, what=what, who="Søren", when=when
        )
    response = member.get(reverse("reflections:calendar", args=[board.key]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].endswith('.ics"')
    raw = response.content.decode()
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and raw.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    unfolded = raw.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 3  # "efter sommerferien" is no day
    assert "DTSTART;VALUE=DATE:20270301" in unfolded and "DTSTART;VALUE=DATE:20270308" in unfolded
    assert "DTSTART;VALUE=DATE:20270415" in unfolded
    assert "SUMMARY:Næste skridt: Åbent hus\\; med kage\\, og kaffe" in unfolded
    assert board.key not in raw
    page = chair.get(prepare_url(board)).content.decode()
    assert "ikke i kalenderen (“efter sommerferien” er ikke en dato)" in page


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("15.3.2027", datetime.date(2027, 3, 15)),
        ("senest 2027-03-15", datetime.date(2027, 3, 15)),
        ("15/3-27", datetime.date(2027, 3, 15)),
        ("15. marts 2027", datetime.date(2027, 3, 15)),
        ("1. dec.", datetime.date(2026, 12, 1)),
        ("15/3", datetime.date(2027, 3, 15)),
        ("efter sommerferien", None),
        ("maj", None),
        ("31.2.2027", None),
    ],
)
def test_a_step_date_is_read_from_what_boards_write(when, expected):
    assert step_date(when, datetime.date(2026, 11, 20)) == expected


def test_the_overview_puts_questions_and_members_side_by_side(chair, member, board):
    question, indicator, _steps = board.questions()
    autosave(member, board, question, scope="own", text="Mads skriver <b>her</b>")
    autosave(member, board, indicator, scope="own", rating="high")
    autosave(chair, board, indicator, scope="own", rating="none")
    html = chair.get(reverse("reflections:overview", args=[board.key])).content.decode()
    header = re.search(r"<thead>(.*?)</thead>", html, re.S)[1]
    assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', header) == [
        "Nr.", "Spørgsmål", "Fælles svar", "Formand Fie", "Medlem Mads"
    ]  # fmt: skip
    assert "Mads skriver &lt;b&gt;her&lt;/b&gt;" in html
    assert '<strong class="rating-tag rating-high">I høj grad</strong>' in html
    assert '<strong class="rating-tag rating-none">Slet ikke</strong>' in html
    assert 'class="ratings-chart"' in html


@pytest.mark.parametrize(("members", "landscape"), [(1, False), (4, True)])
def test_the_overview_pdf_turns_to_landscape_when_wide(chair, board, members, landscape):
    for n in range(members - 1):  # the chair is the first member
        client = Client()
        open_link(client, board.member_link, f"Medlem {n}")
        autosave(client, board, board.questions()[0], scope="own", text=f"Svar fra {n}")
    response = chair.get(reverse("reflections:overview_pdf", args=[board.key]))
    assert re.search(r'filename="skovvejens-skole-vaerdier-i-samarbejdet-overblik-[\d-]+\.pdf"',
                     response["Content-Disposition"])  # fmt: skip
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (box.width > box.height) is landscape
    text = reader.pages[0].extract_text()
    assert "Formand Fie" in text and ("Svar fra 0" in text) is (members > 1)
    flat = " ".join(text.split())
    assert "Vurderinger" in flat and "Fælles vurdering" in flat  # the ratings at a glance


def test_text_in_a_step_cannot_add_events_or_fields_to_the_calendar(member, chair, board):
    NextStep.objects.create(
        worksheet=board.worksheet,
        question=board.questions()[2],
        what="Møde\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk",
        who="Søren\nATTENDEE:mailto:x@example.org",
        when="1.5.2027",
    )
    result = member.get(reverse("reflections:result", args=[board.key])).content.decode()
    assert reverse("reflections:calendar", args=[board.key]) in result  # members find it too
    raw = member.get(reverse("reflections:calendar", args=[board.key])).content.decode()
    lines = raw.replace("\r\n ", "").split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert not any(line.startswith(("SUMMARY:Falsk", "ATTENDEE")) for line in lines)
    assert "SUMMARY:Næste skridt: Møde\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Falsk" in lines
