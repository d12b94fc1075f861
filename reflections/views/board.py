"""The board's workspace: the overview, joining with a name, section pages and next steps."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import participants, services, sessions, yearly
from ..access import Access, access_for, private
from ..blocks import QuestionBlock, merge_texts, section_blocks
from ..forms import JoinForm, NextStepForm
from ..models import NextStep, Participant, Rating, WorksheetSection
from ..results import SectionProgress, progress
from ..shared_principles import shared_principles
from ..shared_work import attach_shared
from .shared import board_context, done_message


@private
@require_GET
def worksheet(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    if acc.participant_id is None:
        context = board_context(acc, request, form=JoinForm())
        return render(request, "reflections/join.html", context)
    rows = progress(acc.worksheet, acc.participant_id)
    context = board_context(
        acc,
        request,
        fresh=sessions.take_new_links(request, acc.worksheet.space.key),
        rows=rows,
        resume=_where_to_resume(rows),
        total=sum(r.total for r in rows),
        answered=sum(r.answered for r in rows),
        own=sum(r.own for r in rows),
    )
    return render(request, "reflections/worksheet.html", context)


def _where_to_resume(rows: list[SectionProgress]) -> WorksheetSection | None:
    """Once the member has started: the first section they have not answered in full."""
    if not any(row.own for row in rows):
        return None
    return next((row.section for row in rows if row.own < row.total), None)


@private
@require_POST
def join(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    form = JoinForm(request.POST)
    if not form.is_valid():
        context = board_context(acc, request, form=form)
        return render(request, "reflections/join.html", context, status=400)
    if acc.participant_id is None:
        participant, token = participants.add_participant(
            acc.worksheet, form.cleaned_data["display_name"]
        )
        sessions.remember_participant(request, acc.worksheet, participant)
        sessions.show_links_once(request, acc.worksheet.space, personal=token)
        services.touch(acc.worksheet)
    return redirect("reflections:worksheet", key)


@private
@require_POST
def personal_link(request: HttpRequest, key: str) -> HttpResponse:
    """A new personal link for the visitor, to carry their answers to another device."""
    acc = access_for(request, key)
    if acc.participant_id is None:
        return redirect("reflections:worksheet", key)
    participant = get_object_or_404(Participant, pk=acc.participant_id, worksheet=acc.worksheet)
    token = participants.rotate_personal_link(participant)
    sessions.show_links_once(request, acc.worksheet.space, personal=token)
    messages.success(
        request, _("Du har fået et nyt personligt link. Et tidligere link virker ikke længere.")
    )
    return redirect("reflections:worksheet", key)


def _is_id(value: str) -> bool:
    # ASCII digits only, as many as an id can have: "²" and 5,000 nines are digits to isdigit().
    return value.isascii() and value.isdigit() and len(value) <= 18


def _step_action(request: HttpRequest, acc: Access, name: str) -> str:
    """Delete (undoably) or restore the step a button named; the message to show, or ""."""
    if _is_id(request.POST.get("delete_step", "")):
        step_id, deleting = int(request.POST["delete_step"]), True
    elif _is_id(request.POST.get("restore_step", "")):
        step_id, deleting = int(request.POST["restore_step"]), False
    else:
        return ""
    if not services.delete_next_step(acc.worksheet, step_id, by=name, undo=not deleting):
        return ""
    if deleting:
        return _("Skridtet er slettet. Du kan fortryde under “Slettede skridt”.")
    return _("Skridtet er gendannet.")


def _save_section(
    request: HttpRequest, acc: Access, blocks: list[QuestionBlock]
) -> tuple[int, int, str]:
    """Save what changed on a section page: (conflicts, invalid forms, step message)."""
    ws, conflicts, invalid = acc.worksheet, 0, 0
    name = sessions.display_name(request, ws.key)
    for block in blocks:
        block_invalid, conflict = block.save(ws, acc.participant_id, name)
        invalid += block_invalid
        conflicts += conflict
    return conflicts, invalid, _step_action(request, acc, name)


def _post_section(
    request: HttpRequest,
    acc: Access,
    current: WorksheetSection,
    following: WorksheetSection | None,
) -> HttpResponse | tuple[list[QuestionBlock], int]:
    """Save a section page: a redirect when all went well, else the blocks to show again."""
    if acc.worksheet.is_done:
        messages.error(request, done_message())
        return redirect(current.get_absolute_url())
    blocks = section_blocks(acc, current, request.POST)
    conflicts, invalid, step_message = _save_section(request, acc, blocks)
    if not conflicts and not invalid:
        messages.success(request, step_message or _("Gemt."))
        if "save_next" in request.POST and following:
            return redirect(following.get_absolute_url())
        return redirect(current.get_absolute_url())
    if conflicts:
        messages.warning(
            request,
            _(
                "Et svar blev gemt et andet sted, mens du skrev. Begge "
                "tekster står nedenfor og er sat sammen i feltet – ret til og gem igen."
            ),
        )
    if invalid:
        messages.error(
            request, _("Noget kunne ikke gemmes – se beskeden ved feltet. Resten er gemt.")
        )
    return blocks, 409 if conflicts else 400


@private
@require_http_methods(["GET", "HEAD", "POST"])
def section(request: HttpRequest, key: str, section_id: int) -> HttpResponse:
    acc = access_for(request, key)
    if acc.participant_id is None:
        return redirect("reflections:worksheet", key)
    sections = list(acc.worksheet.sections.all())
    current = next((s for s in sections if s.pk == section_id), None)
    if current is None:
        raise Http404
    index = sections.index(current)
    following = sections[index + 1] if index + 1 < len(sections) else None
    if request.method == "POST":
        outcome = _post_section(request, acc, current, following)
        if isinstance(outcome, HttpResponse):
            return outcome
        blocks, status = outcome
    else:
        blocks, status = section_blocks(acc, current), 200
    earlier = yearly.add_earlier_years(acc.worksheet, [block.result for block in blocks])
    attach_shared(acc.worksheet, blocks)  # what other boards of the municipality share
    context = board_context(
        acc,
        request,
        section=current,
        blocks=blocks,
        shared_principles=shared_principles(acc.worksheet, current),
        sections=sections,
        number=index + 1,
        following=following,
        previous=sections[index - 1] if index > 0 else None,
        last_school_year=earlier[-1].school_year if earlier else "",
        answered=sum(1 for b in blocks if b.result.answered),
        own_answered=sum(1 for b in blocks if b.own and b.own.is_answered),
        ratings=Rating.choices,
    )
    return render(request, "reflections/section.html", context, status=status)


def _merged_step_form(step: NextStep, data: dict) -> NextStepForm:
    """After a conflict: the step as saved meanwhile, with this visitor's words added."""
    step.refresh_from_db()
    return NextStepForm(
        initial={
            "what": merge_texts(step.what, data["what"])[:500],
            "who": data["who"] or step.who,
            "when": data["when"] or step.when,
            "version": step.version,
        },
        require_what=True,
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def step_edit(request: HttpRequest, key: str, step_id: int) -> HttpResponse:
    acc = access_for(request, key)
    step = get_object_or_404(
        NextStep.objects.select_related("question"), worksheet=acc.worksheet, pk=step_id
    )
    back = reverse("reflections:section", args=[key, step.question.section_id])
    initial = {"what": step.what, "who": step.who, "when": step.when, "version": step.version}
    form = NextStepForm(request.POST or None, initial=initial, require_what=True)
    conflict = False
    if request.method == "POST" and acc.worksheet.is_done:
        messages.error(request, done_message())
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if services.update_next_step(
            step,
            base_version=data.get("version") or 0,
            what=data["what"],
            who=data["who"],
            when=data["when"],
        ):
            messages.success(request, _("Skridtet er gemt."))
            return redirect(back)
        conflict = True
        form = _merged_step_form(step, data)
    context = board_context(acc, request, step=step, form=form, conflict=conflict, back=back)
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return render(request, "reflections/step_edit.html", context, status=status)
