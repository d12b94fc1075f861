"""The yearly cycle: "Nyt skoleår" copies a worksheet into the next school year, and each
question shows what the board agreed in the years before.

A worksheet points to the one it continues (`Worksheet.previous`), and each of its questions to
the same question last year (`WorksheetQuestion.previous`). The earlier years are read in three
queries however many years a board has: the worksheets of the board's space, then the earlier
years' questions and their agreed answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import (
    Answer,
    Rating,
    Worksheet,
    WorksheetQuestion,
    WorksheetSection,
    next_school_year,
)
from .results import QuestionResult, Result
from .services import NewWorksheet, _new_worksheet

# What the board copies into the next year: the questions and how it answers, not the dates.
COPIED_FIELDS = (
    "space_id",
    "template_id",
    "title",
    "introduction",
    "estimated_minutes",
    "school_name",
    "school_id",
    "board_name",
    "agreed_by",
    "others_visible",
    "anonymous",
)

# Higher is better; "Ved ikke" is no position on the scale, so it has no direction of change.
RATING_LEVELS = {Rating.HIGH: 4, Rating.SOME: 3, Rating.LITTLE: 2, Rating.NONE: 1}


class AlreadyStarted(Exception):
    """The worksheet already has a next school year; `following` is it."""

    def __init__(self, following: Worksheet):
        super().__init__(following.key)
        self.following = following


def following_year(worksheet: Worksheet) -> Worksheet | None:
    return Worksheet.objects.filter(previous=worksheet).only("key", "school_year").first()


@transaction.atomic
def start_next_school_year(worksheet: Worksheet) -> NewWorksheet:
    """A copy of `worksheet` for the next school year in the same space: the same sections and
    questions (each linked to last year's) and settings – no answers, members or next steps.

    The board's links open it, as they open everything in the space.
    Raises AlreadyStarted when the next year exists already (a second click, a second chair).
    """
    # Lock the row: two chairs clicking at once make one next year, not two.
    Worksheet.objects.select_for_update().filter(pk=worksheet.pk).first()
    existing = following_year(worksheet)
    if existing is not None:
        raise AlreadyStarted(existing)
    new, _member, _chair = _new_worksheet(
        worksheet.space,
        **{field: getattr(worksheet, field) for field in COPIED_FIELDS},
        school_year=next_school_year(worksheet.school_year),
        previous=worksheet,
    )
    sections = {}
    for section in worksheet.sections.all():
        sections[section.pk] = WorksheetSection.objects.create(
            worksheet=new,
            title=section.title,
            introduction=section.introduction,
            position=section.position,
        )
    WorksheetQuestion.objects.bulk_create(
        WorksheetQuestion(
            worksheet=new,
            section=sections[question.section_id],
            kind=question.kind,
            text=question.text,
            prompt=question.prompt,
            context=question.context,
            source_question_id=question.source_question_id,
            source_item_id=question.source_item_id,
            template_question_id=question.template_question_id,
            position=question.position,
            previous=question,
        )
        for question in worksheet.questions.order_by("position", "pk")
    )
    return NewWorksheet(new, "", "", participant=None)


# --- The years before ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """An agreed rating last year and this year: "I nogen grad → I høj grad"."""

    then: str
    now: str
    direction: str  # "up", "down", "same" or "" (a "Ved ikke" or a missing rating)

    @property
    def label(self) -> str:
        return {
            "up": _("højere end sidste år"),
            "down": _("lavere end sidste år"),
            "same": _("uændret"),
        }.get(self.direction, "")

    def __str__(self) -> str:
        text = f"{self.then} → {self.now}"
        return f"{text} ({self.label})" if self.label else text


def rating_change(before: Answer | None, now: Answer | None) -> Change | None:
    """The change of the agreed rating from `before` to `now`; None when neither has one."""
    then_value = before.rating if before else ""
    now_value = now.rating if now else ""
    if not (then_value or now_value):
        return None
    not_rated = _("ikke vurderet")
    then_level, now_level = RATING_LEVELS.get(then_value), RATING_LEVELS.get(now_value)
    direction = ""
    if then_level and now_level:
        direction = "up" if now_level > then_level else "down" if now_level < then_level else "same"
    return Change(
        before.get_rating_display() if then_value else not_rated,
        now.get_rating_display() if now_value else not_rated,
        direction,
    )


def earlier_worksheets(worksheet: Worksheet) -> list[Worksheet]:
    """The worksheets `worksheet` continues, oldest first (one query, none for a first year).

    The chain is read from the board's space in one query; a worksheet outside a space shows
    the year before only.
    """
    if worksheet.previous_id is None:
        return []
    if worksheet.space_id is None:
        candidates = Worksheet.objects.filter(pk=worksheet.previous_id)
    else:
        candidates = Worksheet.objects.filter(space_id=worksheet.space_id)
    by_pk = {w.pk: w for w in candidates.only("pk", "previous_id", "school_year", "key")}
    chain, pk = [], worksheet.previous_id
    while pk in by_pk and len(chain) < len(by_pk):  # the length check: a loop never hangs
        chain.append(by_pk[pk])
        pk = by_pk[pk].previous_id
    return chain[::-1]


def add_earlier_years(worksheet: Worksheet, questions: list[QuestionResult]) -> list[Worksheet]:
    """Fill each question's `earlier` with the agreed answers of the years before (oldest
    first, None for a year without one) and return those years' worksheets."""
    years = earlier_worksheets(worksheet)
    if not years:
        return []
    year_ids = [w.pk for w in years]
    links = dict(
        WorksheetQuestion.objects.filter(worksheet_id__in=year_ids).values_list("pk", "previous_id")
    )
    agreed = {
        a.question_id: a
        for a in Answer.objects.filter(worksheet_id__in=year_ids, participant__isnull=True)
    }
    for q in questions:
        earlier, pk = [], q.question.previous_id
        while pk is not None and len(earlier) < len(years):
            earlier.append(agreed.get(pk))
            pk = links.get(pk)
        earlier += [None] * (len(years) - len(earlier))  # a question new in a later year
        q.earlier = earlier[::-1]
        if q.question.is_rating:
            q.change = rating_change(q.last_year, q.agreed)
    return years


def with_earlier_years(result: Result) -> list[Worksheet]:
    """add_earlier_years for a whole result, which then names the years (for the exports)."""
    years = add_earlier_years(result.worksheet, result.questions)
    result.earlier_years = [w.school_year for w in years]
    return years
