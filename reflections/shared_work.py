"""Boards learning from each other: the agreed answers other boards of the municipality share,
beside the same framework question on a section page (one query, none without a school)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from .models import Answer, QuestionKind, Rating, Sharing, Worksheet

if TYPE_CHECKING:
    from .blocks import QuestionBlock


@dataclass(frozen=True)
class SharedAnswer:
    """Another board's agreed answer as this board sees it: no names, the school only if told."""

    text: str
    rating: str
    school: str

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label if self.rating else ""


def shared_answers(worksheet: Worksheet, question_ids: list[int], item_ids: list[int]):
    """Rows of the agreed answers that other boards of `worksheet`'s municipality share for these
    framework questions and items."""
    return (
        Answer.objects.filter(
            participant__isnull=True,
            question__kind__in=[QuestionKind.OPEN, QuestionKind.RATING],
            worksheet__sharings__kind=Sharing.Kind.AGREED_ANSWERS,
            worksheet__school__municipality__schools=worksheet.school_id,
        )
        .filter(
            Q(question__source_question_id__in=question_ids)
            | Q(question__source_item_id__in=item_ids)
        )
        .exclude(worksheet__school_id=worksheet.school_id)
        .exclude(text="", rating="")
        .order_by("worksheet__school__name", "pk")
        .values_list(
            "question__source_question_id",
            "question__source_item_id",
            "text",
            "rating",
            "worksheet__sharings__names_school",
            "worksheet__school__name",
        )
    )


def attach_shared(worksheet: Worksheet, blocks: list[QuestionBlock]) -> None:
    """Give each block (`block.shared`) what other boards share for its framework question."""
    by_source: dict[tuple[str, int], list[QuestionBlock]] = defaultdict(list)
    for block in blocks:
        block.shared = []
        question = block.question
        if question.source_question_id:
            by_source[("q", question.source_question_id)].append(block)
        elif question.source_item_id:
            by_source[("i", question.source_item_id)].append(block)
    if worksheet.school_id is None or not by_source:
        return
    question_ids = [pk for kind, pk in by_source if kind == "q"]
    item_ids = [pk for kind, pk in by_source if kind == "i"]
    for question_id, item_id, text, rating, names_school, school in shared_answers(
        worksheet, question_ids, item_ids
    ):
        source = ("q", question_id) if question_id else ("i", item_id)
        shared = SharedAnswer(text, rating, school if names_school else "")
        for block in by_source[source]:
            block.shared.append(shared)


def sharing_of(worksheet: Worksheet) -> Sharing | None:
    return Sharing.objects.of(worksheet).filter(kind=Sharing.Kind.AGREED_ANSWERS).first()


def share_agreed_answers(worksheet: Worksheet, *, names_school: bool) -> Sharing:
    sharing, _created = Sharing.objects.update_or_create(
        worksheet=worksheet,
        kind=Sharing.Kind.AGREED_ANSWERS,
        defaults={"names_school": names_school},
    )
    return sharing


def withdraw_agreed_answers(worksheet: Worksheet) -> None:
    """At once: the other boards' next page load no longer shows them."""
    Sharing.objects.of(worksheet).filter(kind=Sharing.Kind.AGREED_ANSWERS).delete()


def shareable_count(worksheet: Worksheet) -> int:
    """How many agreed answers the other boards would see (framework questions, answered)."""
    return (
        Answer.objects.filter(
            worksheet=worksheet,
            participant__isnull=True,
            question__kind__in=[QuestionKind.OPEN, QuestionKind.RATING],
        )
        .filter(Q(question__source_question__isnull=False) | Q(question__source_item__isnull=False))
        .exclude(text="", rating="")
        .count()
    )
