"""A worksheet's content gathered once for the result page, its chart and the exports."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .models import (
    Answer,
    NextStep,
    Participant,
    QuestionKind,
    Rating,
    Worksheet,
    WorksheetQuestion,
    WorksheetSection,
)

if TYPE_CHECKING:
    from .yearly import Change

RATING_ORDER = [Rating.HIGH, Rating.SOME, Rating.LITTLE, Rating.NONE, Rating.UNKNOWN]


def digest(text: str = "", rating: str = "", evidence: str = "") -> str:
    """A fingerprint of an answer as shown, so a page save can skip answers nobody touched."""
    return hashlib.sha256(f"{text}\x00{rating}\x00{evidence}".encode()).hexdigest()[:16]


@dataclass
class QuestionResult:
    question: WorksheetQuestion
    number: int
    agreed: Answer | None = None
    members: list[Answer] = field(default_factory=list)
    steps: list[NextStep] = field(default_factory=list)
    # The agreed answers of the school years before, oldest first (filled by reflections.yearly
    # where a page shows them).
    earlier: list[Answer | None] = field(default_factory=list)
    change: Change | None = None  # the agreed rating last year → this year

    @property
    def last_year(self) -> Answer | None:
        return self.earlier[-1] if self.earlier else None

    @property
    def answered(self) -> bool:
        if self.question.kind == QuestionKind.NEXT_STEPS:
            return bool(self.steps)
        return bool(self.agreed and self.agreed.is_answered)

    def rating_counts(self) -> list[tuple[str, str, int]]:
        counts = defaultdict(int)
        for answer in self.members:
            if answer.rating:
                counts[answer.rating] += 1
        return [(value, Rating(value).label, counts[value]) for value in RATING_ORDER]

    @property
    def rated_members(self) -> int:
        return sum(1 for answer in self.members if answer.rating)


@dataclass
class SectionResult:
    section: WorksheetSection
    questions: list[QuestionResult]

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answered)


@dataclass
class Result:
    worksheet: Worksheet
    sections: list[SectionResult]
    # The school years before this one, oldest first, when reflections.yearly has added them.
    earlier_years: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[QuestionResult]:
        return [q for s in self.sections for q in s.questions]

    @property
    def rated(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.question.kind == QuestionKind.RATING]

    @property
    def steps(self) -> list[NextStep]:
        return [step for q in self.questions for step in q.steps]

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)


def numbered_questions(worksheet: Worksheet) -> list[tuple[int, WorksheetQuestion]]:
    """Every question with its number: one count through the whole worksheet, section by
    section, so "11." is question 11 on a section page, on paper, in the PDF and in Excel."""
    questions = WorksheetQuestion.objects.filter(worksheet=worksheet).order_by(
        "section__position", "section_id", "position", "pk"
    )
    return list(enumerate(questions, start=1))


def build_result(worksheet: Worksheet, sections: list[WorksheetSection] | None = None) -> Result:
    """Everything about the worksheet (or some sections) in four queries."""
    if sections is None:
        sections = list(worksheet.sections.all())
    section_ids = {s.pk for s in sections}
    answers = (
        Answer.objects.filter(worksheet=worksheet, question__section_id__in=section_ids)
        .select_related("participant")
        .order_by("participant__created_at", "participant_id")
    )
    steps = NextStep.objects.filter(worksheet=worksheet, question__section_id__in=section_ids)
    by_question: dict[int, QuestionResult] = {}
    by_section: dict[int, list[QuestionResult]] = defaultdict(list)
    for number, question in numbered_questions(worksheet):
        if question.section_id not in section_ids:
            continue  # another section's question: counted for the numbers, not shown
        question.worksheet = worksheet
        result = QuestionResult(question, number)
        by_question[question.pk] = result
        by_section[question.section_id].append(result)
    for answer in answers:
        result = by_question[answer.question_id]
        if answer.participant_id is None:
            result.agreed = answer
        else:
            result.members.append(answer)
    for step in steps:
        by_question[step.question_id].steps.append(step)
    if worksheet.anonymous:
        hide_names(worksheet, [a.participant for q in by_question.values() for a in q.members])
    return Result(worksheet, [SectionResult(s, by_section[s.pk]) for s in sections])


def hide_names(worksheet: Worksheet, participants: list[Participant]) -> list[Participant]:
    """With anonymous answers, members are "Medlem 1", "Medlem 2", … (in the order they joined)
    on every page and in every download: the names are changed on these instances only, never
    saved. One query, and only for an anonymous worksheet."""
    if worksheet.anonymous:
        order = worksheet.participants.order_by("created_at", "pk").values_list("pk", flat=True)
        numbers = {pk: n for n, pk in enumerate(order, start=1)}
        for participant in participants:
            number = numbers.get(participant.pk, 0)
            participant.display_name = _("Medlem %(number)d") % {"number": number}
    return participants


@dataclass
class SectionProgress:
    section: WorksheetSection
    total: int = 0
    answered: int = 0
    own: int = 0


def progress(worksheet: Worksheet, participant_id: int | None) -> list[SectionProgress]:
    """Per section: how many questions have an agreed answer (or steps), and the member's own."""
    answered = Answer.objects.filter(question=OuterRef("pk"), participant__isnull=True).exclude(
        text="", rating=""
    )
    own = Answer.objects.filter(question=OuterRef("pk"), participant_id=participant_id).exclude(
        text="", rating=""
    )
    questions = WorksheetQuestion.objects.filter(worksheet=worksheet).annotate(
        has_agreed=Exists(answered),
        has_steps=Exists(NextStep.objects.filter(question=OuterRef("pk"))),
        has_own=Exists(own),
    )
    rows = {s.pk: SectionProgress(s) for s in worksheet.sections.all()}
    for q in questions.values("section_id", "kind", "has_agreed", "has_steps", "has_own"):
        row = rows[q["section_id"]]
        row.total += 1
        if q["has_steps"] if q["kind"] == QuestionKind.NEXT_STEPS else q["has_agreed"]:
            row.answered += 1
        if q["has_own"]:
            row.own += 1
    return list(rows.values())
