"""Operations on worksheets that touch several models: creating, saving answers, rotating links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from values.models import Item, ReflectionQuestion, School, Theme

from .models import (
    PORTAL_QUESTION_CONTEXT,
    STATEMENT_PROMPT,
    Answer,
    BoardSpace,
    NextStep,
    Participant,
    QuestionKind,
    Worksheet,
    WorksheetQuestion,
    WorksheetSection,
    WorksheetTemplate,
    default_kind_for,
    hash_token,
    is_statement,
    new_token,
    source_label,
    source_wording,
)
from .participants import add_participant

# Touching last_activity_at on every keystroke-save would be a write per save; once a minute is
# plenty for a retention period measured in months.
ACTIVITY_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewWorksheet:
    """A new worksheet; the links are those of a new space, empty in an existing space."""

    worksheet: Worksheet
    member_token: str
    chair_token: str
    participant: Participant | None
    personal_token: str = ""


@dataclass(frozen=True)
class Pick:
    """A question collected by a visitor: a ReflectionQuestion ("q") or an Item ("i")."""

    source: ReflectionQuestion | Item

    @property
    def theme(self) -> Theme:
        return self.source.theme


def new_space(*, school_name: str, board_name: str, school: School | None = None):
    """A board space and its two links (returned once; only their hashes are stored)."""
    member_token, chair_token = new_token(), new_token()
    space = BoardSpace.objects.create(
        school_name=school_name,
        board_name=board_name,
        school=school,
        member_token_hash=hash_token(member_token),
        chair_token_hash=hash_token(chair_token),
    )
    return space, member_token, chair_token


def _new_worksheet(space: BoardSpace | None, **fields) -> tuple[Worksheet, str, str]:
    """A worksheet in `space`, or in a new space of its own (whose links are returned)."""
    member_token = chair_token = ""
    if space is None:
        space, member_token, chair_token = new_space(
            school_name=fields["school_name"],
            board_name=fields["board_name"],
            school=fields.get("school"),
        )
    else:
        fields.update(school_name=space.school_name, board_name=space.board_name)
        fields.setdefault("school", space.school)
    worksheet = Worksheet.objects.create(space=space, **fields)
    return worksheet, member_token, chair_token


def _question_from_source(source, **fields) -> WorksheetQuestion:
    is_question = isinstance(source, ReflectionQuestion)
    return WorksheetQuestion(
        text=fields.pop("text", "") or source_wording(source),
        prompt=STATEMENT_PROMPT if is_statement(source) else "",
        context=source_label(source)[:600],
        source_question=source if is_question else None,
        source_item=None if is_question else source,
        **fields,
    )


@transaction.atomic
def create_from_template(
    template: WorksheetTemplate,
    *,
    school_name: str,
    board_name: str,
    display_name: str = "",
    school: School | None = None,
    space: BoardSpace | None = None,
) -> NewWorksheet:
    worksheet, member_token, chair_token = _new_worksheet(
        space,
        template=template,
        school=school,
        title=template.title,
        introduction=template.introduction,
        estimated_minutes=template.estimated_minutes,
        school_name=school_name,
        board_name=board_name,
    )
    questions = []
    for section in template.sections_with_public_questions():
        ws_section = WorksheetSection.objects.create(
            worksheet=worksheet,
            title=section.title,
            introduction=section.introduction,
            position=section.position,
        )
        for tq in section.questions.all():
            fields = {
                "worksheet": worksheet,
                "section": ws_section,
                "kind": tq.kind,
                "position": len(questions) + 1,
                "template_question": tq,
            }
            if tq.source is None:
                questions.append(
                    WorksheetQuestion(text=tq.text, context=PORTAL_QUESTION_CONTEXT, **fields)
                )
            else:
                questions.append(_question_from_source(tq.source, text=tq.text, **fields))
    WorksheetQuestion.objects.bulk_create(questions)
    participant, personal_token = _first_participant(worksheet, display_name)
    return NewWorksheet(worksheet, member_token, chair_token, participant, personal_token)


@transaction.atomic
def create_from_picks(
    picks: list[Pick],
    *,
    title: str,
    school_name: str,
    board_name: str,
    display_name: str = "",
    next_steps_title: str = "",
    next_steps_question: str = "",
    school: School | None = None,
    space: BoardSpace | None = None,
) -> NewWorksheet:
    """Sections follow the visitor's order: each run of picks from one theme is one section."""
    worksheet, member_token, chair_token = _new_worksheet(
        space, title=title, school_name=school_name, board_name=board_name, school=school
    )
    questions, section, section_theme = [], None, None
    for pick in picks:
        if section is None or pick.theme.pk != section_theme:
            section_theme = pick.theme.pk
            section = WorksheetSection.objects.create(
                worksheet=worksheet,
                title=f"{pick.theme.framework.publisher.name}: {pick.theme}",
                position=len(questions) + 1,
            )
        questions.append(
            _question_from_source(
                pick.source,
                worksheet=worksheet,
                section=section,
                kind=default_kind_for(pick.source),
                position=len(questions) + 1,
            )
        )
    if next_steps_title:
        section = WorksheetSection.objects.create(
            worksheet=worksheet, title=next_steps_title, position=len(questions) + 1
        )
        questions.append(
            WorksheetQuestion(
                worksheet=worksheet,
                section=section,
                kind=QuestionKind.NEXT_STEPS,
                text=next_steps_question,
                position=len(questions) + 1,
            )
        )
    WorksheetQuestion.objects.bulk_create(questions)
    participant, personal_token = _first_participant(worksheet, display_name)
    return NewWorksheet(worksheet, member_token, chair_token, participant, personal_token)


def _first_participant(worksheet: Worksheet, display_name: str) -> tuple[Participant | None, str]:
    if not display_name:
        return None, ""
    return add_participant(worksheet, display_name)


def rotate_member_link(space: BoardSpace) -> str:
    """A new member link; sessions opened with the old one lose access immediately."""
    token = new_token()
    space.member_token_hash = hash_token(token)
    space.save(update_fields=["member_token_hash"])
    return token


def rotate_chair_link(space: BoardSpace) -> str:
    """A new chair link: also how the chair role is handed over, or given back by staff."""
    token = new_token()
    space.chair_token_hash = hash_token(token)
    space.save(update_fields=["chair_token_hash"])
    return token


def rotate_cochair_link(space: BoardSpace) -> str:
    """A (new) co-chair link, with the chair's rights; an earlier one stops working."""
    token = new_token()
    space.cochair_token_hash = hash_token(token)
    space.save(update_fields=["cochair_token_hash"])
    return token


def touch(worksheet: Worksheet) -> None:
    """Activity on a worksheet is activity in its space: the retention period counts from it."""
    now = timezone.now()
    if now - worksheet.last_activity_at >= ACTIVITY_RESOLUTION:
        Worksheet.objects.filter(pk=worksheet.pk).update(last_activity_at=now)
        BoardSpace.objects.filter(pk=worksheet.space_id).update(last_activity_at=now)
        worksheet.last_activity_at = now


def touch_space(space: BoardSpace) -> None:
    now = timezone.now()
    if now - space.last_activity_at >= ACTIVITY_RESOLUTION:
        BoardSpace.objects.filter(pk=space.pk).update(last_activity_at=now)
        space.last_activity_at = now


def mark_done(worksheet: Worksheet, done: bool) -> None:
    worksheet.done_at = timezone.now() if done else None
    worksheet.last_activity_at = timezone.now()
    worksheet.save(update_fields=["done_at", "last_activity_at"])


@dataclass(frozen=True)
class SaveResult:
    """`conflict` holds the answer as someone else saved it when our version was stale."""

    saved: bool
    version: int
    conflict: Answer | None = None


def _content(text: str, rating: str, evidence: str) -> dict:
    return {"text": text, "rating": rating, "evidence": evidence}


def _save_versioned(
    rows, create: dict, worksheet: Worksheet, *, base_version: int, content: dict, by: str
) -> SaveResult:
    """Write `content` over the one answer in `rows` if nobody saved since `base_version`.

    0 means the writer saw no answer yet: the answer is created. A stale save is not written:
    the caller gets the current answer to show both texts. Saving exactly what is stored changes
    nothing, not even the version, so a repeated or retried save is never a conflict.
    """
    if base_version > 0:
        updated = (
            rows.filter(version=base_version)
            .exclude(**content)
            .update(**content, version=F("version") + 1, updated_at=timezone.now(), updated_by=by)
        )
        if updated:
            touch(worksheet)
            return SaveResult(saved=True, version=base_version + 1)
    else:
        try:
            with transaction.atomic():
                Answer.objects.create(**create, updated_by=by, version=1, **content)
            touch(worksheet)
            return SaveResult(saved=True, version=1)
        except IntegrityError:
            pass  # a parallel first save (another tab, another member) won
    current = rows.first()
    if current is None:
        if base_version == 0:  # the writer is gone (removed by the chair) – nothing to save to
            return SaveResult(saved=False, version=0)
        # The answer the writer started from was removed (a merge): start a new one.
        return _save_versioned(rows, create, worksheet, base_version=0, content=content, by=by)
    if all(getattr(current, field) == value for field, value in content.items()):
        return SaveResult(saved=True, version=current.version)
    return SaveResult(saved=False, version=current.version, conflict=current)


def save_own_answer(
    worksheet: Worksheet,
    question: WorksheetQuestion,
    participant_id: int,
    *,
    base_version: int = 0,
    text: str,
    rating: str = "",
    evidence: str = "",
    by: str = "",
) -> SaveResult:
    """A member's own answer, with the same version check as the agreed answer: a save from a
    stale second tab or device never silently overwrites a newer one."""
    return _save_versioned(
        Answer.objects.filter(question=question, participant_id=participant_id),
        {"worksheet": worksheet, "question": question, "participant_id": participant_id},
        worksheet,
        base_version=base_version,
        content=_content(text, rating, evidence),
        by=by,
    )


def save_agreed_answer(
    worksheet: Worksheet,
    question: WorksheetQuestion,
    *,
    base_version: int,
    text: str,
    rating: str = "",
    evidence: str = "",
    by: str = "",
) -> SaveResult:
    """Save the board's answer if nobody saved since `base_version` (0: there was none)."""
    return _save_versioned(
        Answer.objects.filter(question=question, participant__isnull=True),
        {"worksheet": worksheet, "question": question},
        worksheet,
        base_version=base_version,
        content=_content(text, rating, evidence),
        by=by,
    )


def add_next_step(
    worksheet: Worksheet, question: WorksheetQuestion, *, what: str, who: str, when: str
) -> NextStep:
    position = question.next_steps.count() + 1
    step = NextStep.objects.create(
        worksheet=worksheet, question=question, what=what, who=who, when=when, position=position
    )
    touch(worksheet)
    return step


def update_next_step(step: NextStep, *, base_version: int, what: str, who: str, when: str) -> bool:
    """False when someone else changed the step since `base_version`."""
    updated = NextStep.objects.filter(pk=step.pk, version=base_version).update(
        what=what, who=who, when=when, version=F("version") + 1
    )
    if updated:
        touch(step.worksheet)
    return bool(updated)


def delete_next_step(worksheet: Worksheet, step_id: int, *, by: str, undo: bool = False) -> bool:
    """Mark a step deleted by `by` (or, with undo, bring it back); False if there was none."""
    steps = NextStep.with_deleted.filter(worksheet=worksheet, pk=step_id)
    if undo:
        changed = steps.filter(deleted_at__isnull=False).update(deleted_at=None, deleted_by="")
    else:
        changed = steps.filter(deleted_at__isnull=True).update(
            deleted_at=timezone.now(), deleted_by=by
        )
    if changed:
        touch(worksheet)
    return bool(changed)
