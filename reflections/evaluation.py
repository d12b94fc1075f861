""" "Evaluér principperne": a worksheet made from a principle's latest approved version, one
rated question per line ("Lever vi op til det?" and "Hvordan ved vi det?"), whose agreed answers
stand beside the lines of the draft when the board revises the principle.

Each question points to the draft line with the same text (`WorksheetQuestion.principle_line`),
so the answers follow the line while the board rewrites it. An evaluation continues the
principle's previous evaluation (`Worksheet.previous`), so its ratings read year by year like any
other worksheet's.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import (
    Answer,
    Principle,
    PrincipleLine,
    PrincipleVersion,
    QuestionKind,
    Round,
    Worksheet,
    WorksheetQuestion,
    WorksheetSection,
    school_year_of,
)
from .round_tallies import GroupRating, group_ratings
from .services import _new_worksheet

PROMPT = "Lever vi op til det?"


class AlreadyStarted(Exception):
    """This school year's evaluation of this version exists already; `worksheet` is it."""

    def __init__(self, worksheet: Worksheet):
        super().__init__(worksheet.key)
        self.worksheet = worksheet


def latest_evaluation(principle: Principle) -> Worksheet | None:
    return (
        Worksheet.objects.filter(evaluates__principle=principle)
        .only("key", "title", "school_year", "created_at", "space_id", "evaluates_id")
        .order_by("-created_at", "-pk")
        .first()
    )


def _draft_lines(principle: Principle) -> dict[str, list[PrincipleLine]]:
    """The draft's lines by their text, in the draft's order."""
    by_text: dict[str, list[PrincipleLine]] = defaultdict(list)
    lines = PrincipleLine.objects.filter(section__principle=principle).order_by(
        "section__position", "section_id", "position", "pk"
    )
    for line in lines:
        by_text[line.text.strip()].append(line)
    return by_text


def is_this_years(evaluation: Worksheet | None, version: PrincipleVersion | None) -> bool:
    """Whether `evaluation` evaluates `version` in this school year."""
    return (
        evaluation is not None
        and version is not None
        and evaluation.evaluates_id == version.pk
        and evaluation.school_year == school_year_of(timezone.localdate())
    )


@transaction.atomic
def start_evaluation(principle: Principle, version: PrincipleVersion) -> Worksheet:
    """A worksheet in the principle's space asking of each line of `version`: do we live up to
    it, and how do we know? It continues the principle's last evaluation.

    Raises AlreadyStarted when this school year's evaluation of `version` exists (a second
    click, a second chair)."""
    Principle.objects.select_for_update().filter(pk=principle.pk).first()
    before = latest_evaluation(principle)
    if (
        before
        and before.evaluates_id == version.pk
        and before.school_year == school_year_of(timezone.localdate())
    ):
        raise AlreadyStarted(before)
    content = version.content
    with translation.override("da"):  # the board's content is Danish, whatever the chair reads
        title = _("Evaluering: %(title)s") % {"title": content["title"]}
        introduction = _(
            "Gå princippet igennem linje for linje: lever skolen og forældrene op til det, og "
            "hvordan ved I det? Jeres fælles svar står ved linjerne, når I skriver princippet "
            "videre."
        )
    worksheet, _member, _chair = _new_worksheet(
        principle.space,
        title=title,
        introduction=introduction,
        previous=before,
        evaluates=version,
    )
    lines = _draft_lines(principle)
    earlier = _earlier_questions(before)
    questions, position = [], 0
    for section_position, section in enumerate(content["sections"]):
        new_section = WorksheetSection.objects.create(
            worksheet=worksheet, title=section["title"], position=section_position
        )
        for line in section["lines"]:
            text = line["text"].strip()
            draft = lines[text].pop(0) if lines.get(text) else None
            previous = earlier.get(draft.pk if draft else None) or earlier.get(text)
            questions.append(
                WorksheetQuestion(
                    worksheet=worksheet,
                    section=new_section,
                    kind=QuestionKind.RATING,
                    text=text,
                    prompt=PROMPT,
                    context=f"{content['title']}, {section['title']}"[:600],
                    principle_line=draft,
                    previous=previous,
                    position=position,
                )
            )
            position += 1
    WorksheetQuestion.objects.bulk_create(questions)
    return worksheet


def _earlier_questions(before: Worksheet | None) -> dict:
    """The last evaluation's questions by their draft line and by their text."""
    if before is None:
        return {}
    found: dict = {}
    for question in before.questions.only("pk", "text", "principle_line_id"):
        if question.principle_line_id:
            found.setdefault(question.principle_line_id, question)
        found.setdefault(question.text.strip(), question)
    return found


def this_years_evaluation(principle: Principle, version: PrincipleVersion) -> Worksheet:
    """This school year's evaluation of `version`, made now when there is none yet."""
    latest = latest_evaluation(principle)
    if is_this_years(latest, version):
        return latest
    try:
        return start_evaluation(principle, version)
    except AlreadyStarted as started:  # a second chair made it a moment ago
        return started.worksheet


def _latest_pk(principle: Principle) -> Subquery:
    return Subquery(
        Worksheet.objects.filter(evaluates__principle=principle)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )


def beside_lines(principle: Principle) -> dict[int, Answer]:
    """The latest evaluation's agreed answers by draft line (one query)."""
    answers = Answer.objects.filter(
        worksheet=_latest_pk(principle),
        participant__isnull=True,
        question__principle_line__isnull=False,
    ).select_related("worksheet", "question")
    return {a.question.principle_line_id: a for a in answers if a.rating or a.evidence}


def groups_beside_lines(principle: Principle) -> dict[int, list[GroupRating]]:
    """Other groups' ratings in the latest evaluation's rounds, by draft line (two queries at
    most; groups under MIN_RESPONSES responses left out)."""
    rounds = Round.objects.filter(worksheet=_latest_pk(principle))
    return group_ratings(rounds, by="question__principle_line_id")


def review_due(review_by: datetime.date | None, today: datetime.date | None = None) -> bool:
    """Whether the review date of the latest approved version has passed."""
    return review_by is not None and review_by < (today or timezone.localdate())


def overdue_principles(space) -> list[dict]:
    """The space's principles whose latest approved version's review date has passed (one
    query): [{"principle_id", "title", "review_by"}]."""
    latest_review = (
        PrincipleVersion.objects.filter(principle=OuterRef("pk"))
        .order_by("-number")
        .values("review_by")[:1]
    )
    principles = (
        space.principles.annotate(review_by=Subquery(latest_review))
        .filter(review_by__lt=timezone.localdate())
        .order_by("review_by", "title", "pk")
        .values("pk", "title", "review_by")
    )
    return list(principles)
