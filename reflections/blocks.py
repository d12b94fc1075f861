"""A question on a section page as the forms see it: the member's own answer, the board's agreed
answer (with its version, so two people saving at once get both texts side by side) or the
question's next steps, and how a page save writes what changed.
"""

from __future__ import annotations

from django.forms import Form

from . import services
from .access import Access
from .forms import AnswerForm, NextStepForm
from .models import Answer, NextStep, OthersVisible, QuestionKind, Worksheet, WorksheetSection
from .participants import merge_texts
from .results import QuestionResult, build_result, digest


class QuestionBlock:
    """One question on a section page: its forms, the others' answers, steps and any conflict."""

    def __init__(
        self,
        result: QuestionResult,
        participant_id: int | None,
        data=None,
        *,
        writes_agreed: bool = True,
        others_after_own: bool = False,
    ):
        self.result = result
        self.question = result.question
        self.own = next((a for a in result.members if a.participant_id == participant_id), None)
        # The chair may ask members to give their own answer before they see the others'.
        self.others_hidden = others_after_own and not (self.own and self.own.is_answered)
        self.others = (
            []
            if self.others_hidden
            else [a for a in result.members if a.participant_id != participant_id]
        )
        self.agreed = result.agreed
        kind = self.question.kind
        statement = bool(self.question.prompt)
        self.own_form = AnswerForm(
            data,
            kind=kind,
            statement=statement,
            prefix=f"own-{self.question.pk}",
            initial={**self._initial(self.own), "version": self.own.version if self.own else 0},
        )
        self.agreed_form = None
        if kind != QuestionKind.NEXT_STEPS and writes_agreed:
            self.agreed_form = AnswerForm(
                data,
                kind=kind,
                statement=statement,
                prefix=f"agreed-{self.question.pk}",
                initial={**self._initial(self.agreed), "version": self.version},
            )
        self.step_form = (
            NextStepForm(data, prefix=f"step-{self.question.pk}")
            if kind == QuestionKind.NEXT_STEPS
            else None
        )
        self.conflict = None
        self.conflict_mine = None
        self.own_conflict = None
        self.own_conflict_mine = None
        self.deleted_steps = []
        self.shared = []  # other boards' agreed answers to the same question (shared_work)

    @property
    def version(self) -> int:
        return self.agreed.version if self.agreed else 0

    @staticmethod
    def _initial(answer: Answer | None) -> dict:
        if answer is None:
            return {"digest": digest()}
        return {
            "text": answer.text,
            "rating": answer.rating,
            "evidence": answer.evidence,
            "digest": digest(answer.text, answer.rating, answer.evidence),
        }

    @staticmethod
    def submitted(form: Form) -> bool:
        """Whether the page sent this answer at all (a partial post leaves the rest alone)."""
        return any(f"{form.prefix}-{name}" in form.data for name in ("text", "rating", "evidence"))

    @staticmethod
    def changed(form: AnswerForm) -> bool:
        """Whether what was sent back differs from what the page was rendered with."""
        return form.cleaned_data.get("digest", "") != digest(**form.content())

    def forms(self) -> list[Form]:
        return [f for f in (self.own_form, self.agreed_form, self.step_form) if f is not None]

    def show_conflict(self, current: Answer, mine: dict, scope: str = "agreed") -> None:
        """Both texts side by side, and the field pre-filled with them merged."""
        if scope == "own":
            self.own_conflict, self.own_conflict_mine = current, mine
        else:
            self.conflict, self.conflict_mine = current, mine
        merged = {
            "text": merge_texts(current.text, mine["text"]),
            "rating": mine["rating"] or current.rating,
            "evidence": merge_texts(current.evidence, mine["evidence"]),
        }
        form = AnswerForm(
            kind=self.question.kind,
            statement=bool(self.question.prompt),
            prefix=f"{scope}-{self.question.pk}",
            initial={
                **merged,
                "version": current.version,
                "digest": digest(current.text, current.rating, current.evidence),
            },
        )
        if scope == "own":
            self.own_form = form
        else:
            self.agreed_form = form

    # --- Saving a page ---------------------------------------------------------------------

    def save(self, worksheet: Worksheet, participant_id: int, by: str) -> tuple[int, int]:
        """Write what this block's forms changed: (forms that did not validate, conflicts)."""
        own = {"participant_id": participant_id}
        own_invalid, own_conflict = self._save_answer(worksheet, "own", by, own)
        agreed_invalid, conflict = self._save_answer(worksheet, "agreed", by, {})
        invalid = own_invalid + agreed_invalid + self._save_step(worksheet)
        return invalid, own_conflict + conflict

    def _save_answer(self, worksheet: Worksheet, scope: str, by: str, owner: dict):
        form = self.own_form if scope == "own" else self.agreed_form
        if form is None or not self.submitted(form):
            return 0, False
        if not form.is_valid():
            return 1, False
        if not self.changed(form):
            return 0, False
        content = form.content()
        save = services.save_own_answer if scope == "own" else services.save_agreed_answer
        outcome = save(
            worksheet,
            self.question,
            base_version=form.cleaned_data.get("version") or 0,
            by=by,
            **owner,
            **content,
        )
        if outcome.conflict is None:
            return 0, False
        self.show_conflict(outcome.conflict, content, scope)
        return 0, True

    def _save_step(self, worksheet: Worksheet) -> int:
        form = self.step_form
        if form is None:
            return 0
        if not form.is_valid():
            return 1
        if form.has_step():
            data = form.cleaned_data
            services.add_next_step(
                worksheet, self.question, what=data["what"], who=data["who"], when=data["when"]
            )
            self.step_form = NextStepForm(prefix=f"step-{self.question.pk}")
        return 0


def section_blocks(acc: Access, section: WorksheetSection, data=None) -> list[QuestionBlock]:
    """The blocks of one section's questions, with everyone's answers and the next steps
    deleted from them, which can still be undone (five queries)."""
    result = build_result(acc.worksheet, [section])
    options = {
        "writes_agreed": acc.writes_agreed,
        "others_after_own": acc.worksheet.others_visible == OthersVisible.AFTER_OWN,
    }
    blocks = [
        QuestionBlock(q, acc.participant_id, data, **options) for q in result.sections[0].questions
    ]
    by_question = {b.question.pk: b for b in blocks if b.question.is_next_steps}
    if by_question:
        deleted = NextStep.with_deleted.deleted().filter(question_id__in=list(by_question))
        for step in deleted.order_by("-deleted_at"):
            by_question[step.question_id].deleted_steps.append(step)
    return blocks
