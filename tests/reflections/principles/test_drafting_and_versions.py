"""Starting a principle from a worksheet, approving versions, and the difference between them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reflections.models import ImmutableVersion, PrincipleLine, PrincipleVersion
from reflections.principles import drafting
from reflections.principles.diff import version_diff

from .conftest import AGREED_TEXT, STEP_TEXT, approve

pytestmark = pytest.mark.django_db


def test_a_principle_from_a_worksheet_starts_with_the_usual_sections_and_the_boards_words(
    principle,
):
    sections = list(principle.sections.all())
    assert [s.title for s in sections] == ["Formål", "Mål", "Skolens ansvar", "Forældrenes ansvar"]
    goals = [line.text for line in sections[1].lines.all()]
    assert AGREED_TEXT in goals
    assert [line.text for line in sections[2].lines.all()] == [STEP_TEXT]


def test_a_prefilled_line_cites_the_agreed_answer_and_the_framework_item(principle, board):
    rated = PrincipleLine.objects.get(text="Det ser vi ofte.")
    assert list(rated.answers.values_list("question_id", flat=True)) == [board.questions()[1].pk]
    assert list(rated.items.all()) == [board.questions()[1].source_item]


def test_the_chairs_result_page_starts_a_principle_on_that_worksheet(
    space, board, space_chair, space_member
):
    result = reverse("reflections:result", args=[board.key])
    start = reverse("reflections:principle_start", args=[space.key])
    link = f'href="{start}?ark={board.worksheet.pk}"'
    assert link in space_chair.get(result).content.decode()
    assert link not in space_member.get(result).content.decode()
    form = space_chair.get(f"{start}?ark={board.worksheet.pk}").content.decode()
    assert f'<option value="{board.worksheet.pk}" selected>' in form


def test_a_principle_from_scratch_has_empty_sections(space):
    principle = drafting.start_principle(space, title="Princip", area="5")
    assert principle.sections.count() == 4
    assert not PrincipleLine.objects.filter(section__principle=principle).exists()


def test_an_approved_version_keeps_the_text_and_citations_as_approved(principle):
    item_pk = PrincipleLine.objects.get(text="Det ser vi ofte.").items.get().pk
    version = approve(principle)
    PrincipleLine.objects.filter(section__principle=principle).update(text="Ændret bagefter")
    version.refresh_from_db()
    lines = [line for s in version.sections for line in s["lines"]]
    assert AGREED_TEXT in [line["text"] for line in lines]
    cited = next(line for line in lines if line["text"] == "Det ser vi ofte.")
    labels = [cite["label"] for cite in cited["cites"]]
    assert "Ballerup Kommune, Tema 1, indikator 1" in labels
    assert any(label.startswith("Bestyrelsens drøftelse af") for label in labels)
    assert cited["cites"][0]["url"].endswith(f"#punkt-{item_pk}")


def test_an_approved_version_leaves_out_sections_the_board_left_empty(principle):
    version = approve(principle)
    assert [section["title"] for section in version.sections] == ["Mål", "Skolens ansvar"]


def test_an_approved_version_cannot_be_changed(principle):
    version = approve(principle)
    version.review_by = version.approved_on
    with pytest.raises(ImmutableVersion):
        version.save()


def test_each_approval_is_a_new_numbered_version(principle):
    approve(principle, 10)
    approve(principle, 20)
    assert list(PrincipleVersion.objects.values_list("number", flat=True)) == [2, 1]


def test_the_difference_between_two_versions_names_what_was_removed_and_added(principle):
    old = approve(principle, 10)
    line = PrincipleLine.objects.get(text=STEP_TEXT)
    drafting.save_line(
        line, base_version=line.version, text="Ny tekst", kind=line.kind, items=[], answers=[]
    )
    new = approve(principle, 20)
    changes = [(row.change, row.text) for row in version_diff(old.content, new.content)]
    assert ("removed", STEP_TEXT) in changes
    assert ("added", "Ny tekst") in changes
    assert ("same", AGREED_TEXT) in changes


def test_a_save_from_a_stale_version_writes_nothing_and_hands_back_the_stored_line(principle):
    line = PrincipleLine.objects.get(text=STEP_TEXT)
    first = drafting.save_line(
        line, base_version=1, text="Første", kind=line.kind, items=[], answers=[]
    )
    second = drafting.save_line(
        line, base_version=1, text="Anden", kind=line.kind, items=[], answers=[]
    )
    assert first.saved and not second.saved
    assert second.line.text == "Første"
    assert PrincipleLine.objects.get(pk=line.pk).text == "Første"


def test_moving_a_section_up_swaps_it_with_the_one_above(principle):
    sections = list(principle.sections.all())
    drafting.move(sections[2], principle.sections.all(), -1)
    titles = list(principle.sections.values_list("title", flat=True))
    assert titles[:3] == ["Formål", "Skolens ansvar", "Mål"]
