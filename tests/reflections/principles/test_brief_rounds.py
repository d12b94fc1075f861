"""Other groups' ratings in the skoleudviklingssamtale brief: beside the board's agreed rating,
only for a group with at least five responses, never a comment or a name."""

from __future__ import annotations

import pytest

from reflections import rounds
from reflections.models import Round

from ..round_data import respond
from ..rounds_helpers import round_dates
from .test_brief import brief_url, pdf_text, pdf_url

pytestmark = pytest.mark.django_db

COMMENT = "Min søn i 5.B har det svært i frikvartererne."


def open_round(worksheet, group: str, label: str = "") -> Round:
    dates = round_dates()
    created, _token = rounds.open_round(
        worksheet, group=group, label=label, starts_on=dates["starts_on"], ends_on=dates["ends_on"]
    )
    return created


def test_each_group_with_five_responses_stands_beside_the_boards_rating(space, board, space_member):
    indicator = board.worksheet.questions.get(kind="rating")
    respond(open_round(board.worksheet, "staff"), {indicator: "high"}, times=6, comment=COMMENT)
    respond(open_round(board.worksheet, "pupils", "Mellemtrinnet"), {indicator: "none"}, times=4)
    page = space_member.get(brief_url(space)).content.decode()
    groups = page.split("Andre gruppers vurderinger")[1].split("</table>")[0]
    assert "I nogen grad" in groups  # the board's agreed rating
    assert "Skolens personale (6 svar): I høj grad 6" in groups
    assert "Mellemtrinnet" not in page  # four responses: left out
    assert COMMENT not in page
    pdf = pdf_text(space_member.get(pdf_url(space)))
    assert "Andre gruppers vurderinger ved siden af bestyrelsens" in pdf
    assert "Skolens personale (6 svar): I høj grad 6" in pdf
    assert "Mellemtrinnet" not in pdf and "frikvartererne" not in pdf


def test_no_groups_section_below_five_responses(space, board, space_member):
    indicator = board.worksheet.questions.get(kind="rating")
    respond(open_round(board.worksheet, "parents"), {indicator: "high"}, times=4)
    assert "Andre gruppers" not in space_member.get(brief_url(space)).content.decode()
    assert "Andre gruppers" not in pdf_text(space_member.get(pdf_url(space)))


@pytest.mark.parametrize("count", [1, 3])
def test_the_brief_queries_do_not_grow_with_rounds(
    space, board, space_member, django_assert_num_queries, count
):
    indicator = board.worksheet.questions.get(kind="rating")
    for _ in range(count):
        respond(open_round(board.worksheet, "parents"), {indicator: "some"})
    # As without rounds, and the shown rounds' ratings.
    with django_assert_num_queries(9):
        assert space_member.get(brief_url(space)).status_code == 200
    with django_assert_num_queries(8):
        assert space_member.get(pdf_url(space)).status_code == 200
