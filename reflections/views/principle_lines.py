"""One line of a principle's draft: its text and citations (with a version check, so two
writers never overwrite each other), members' comments on it, and resolving them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import sessions
from ..access import SpaceAccess, private
from ..models import LineComment, Principle, PrincipleLine
from ..principles import drafting
from ..principles.access import may_write, principle_for, writer_for
from ..principles.forms import CommentForm, LineForm
from ..principles.sources import Sources, extra_items, sources_for


def _line(principle, line_id: int) -> PrincipleLine:
    line = get_object_or_404(
        PrincipleLine.objects.select_related("section"), pk=line_id, section__principle=principle
    )
    line.section.principle = principle
    return line


def _line_form(line: PrincipleLine, sources: Sources, data=None) -> LineForm:
    """The line's form; its choices are what the worksheet offers plus what the line cites
    already (an item no longer on the worksheet), so saving never drops a citation unseen."""
    cited = list(line.items.all())
    initial = {
        "text": line.text,
        "kind": line.kind,
        "version": line.version,
        "items": [item.pk for item in cited],
        "answers": [answer.pk for answer in line.answers.all()],
    }
    items = sources.items + extra_items(cited, sources)
    return LineForm(data, initial=initial, items=items, answers=sources.answers)


def _line_page(
    request: HttpRequest,
    acc: SpaceAccess,
    principle: Principle,
    line: PrincipleLine,
    *,
    status: int = 200,
    form: LineForm | None = None,
    comment_form: CommentForm | None = None,
    conflict: str | None = None,
) -> HttpResponse:
    writer = may_write(acc, principle)
    if writer and form is None:
        form = _line_form(line, sources_for(principle.worksheet))
    context = {
        "space": acc.space,
        "principle": principle,
        "line": line,
        "writer": writer,
        "form": form,
        "comment_form": comment_form
        or CommentForm(initial={"author_name": _name(request, principle)}),
        "comments": list(line.comments.all()),
        "conflict": conflict,
    }
    return render(request, "reflections/principles/line.html", context, status=status)


def _name(request: HttpRequest, principle) -> str:
    """The name the visitor answered the principle's worksheet under, if any: one less field."""
    return sessions.display_name(request, principle.worksheet.key) if principle.worksheet else ""


@private
@require_http_methods(["GET", "POST"])
def line(request: HttpRequest, key: str, principle_id: int, line_id: int) -> HttpResponse:
    if request.method == "GET":
        acc, principle = principle_for(request, key, principle_id)
        return _line_page(request, acc, principle, _line(principle, line_id))
    acc, principle = writer_for(request, key, principle_id)
    current = _line(principle, line_id)
    sources = sources_for(principle.worksheet)
    form = _line_form(current, sources, request.POST)
    if not form.is_valid():
        return _line_page(request, acc, principle, current, status=400, form=form)
    data = form.cleaned_data
    result = drafting.save_line(
        current,
        base_version=data.get("version") or 0,
        text=data["text"],
        kind=data["kind"],
        items=data.get("items", []),
        answers=data.get("answers", []),
    )
    if not result.saved:
        # Both texts stay: the stored one in the notice, the writer's own in the field.
        stale = request.POST.copy()
        stale["version"] = str(result.line.version)
        form = _line_form(result.line, sources, stale)
        form.is_valid()
        stored = result.line
        return _line_page(
            request, acc, principle, stored, status=409, form=form, conflict=stored.text
        )
    messages.success(request, _("Linjen er gemt."))
    return redirect(f"{principle.get_absolute_url()}#linje-{current.pk}")


@private
@require_POST
def change_line(request: HttpRequest, key: str, principle_id: int, line_id: int):
    """Move a line up or down in its section, or delete it."""
    _acc, principle = writer_for(request, key, principle_id)
    line = _line(principle, line_id)
    action = request.POST.get("action")
    if action == "delete":
        line.delete()
        messages.success(request, _("Linjen er slettet."))
        return redirect(f"{principle.get_absolute_url()}#afsnit-{line.section_id}")
    if action in ("up", "down"):
        siblings = line.section.lines.all()
        drafting.move(line, siblings, -1 if action == "up" else 1)
    return redirect(f"{principle.get_absolute_url()}#linje-{line.pk}")


@private
@require_POST
def comment(request: HttpRequest, key: str, principle_id: int, line_id: int) -> HttpResponse:
    acc, principle = principle_for(request, key, principle_id)
    line = _line(principle, line_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _line_page(request, acc, principle, line, status=400, comment_form=form)
    LineComment.objects.create(line=line, **form.cleaned_data)
    messages.success(request, _("Kommentaren er gemt. Den, der skriver udkastet, kan se den."))
    return redirect("reflections:principle_line", key, principle.pk, line.pk)


@private
@require_POST
def resolve(request: HttpRequest, key: str, principle_id: int, comment_id: int):
    _acc, principle = writer_for(request, key, principle_id)
    found = get_object_or_404(LineComment, pk=comment_id, line__section__principle=principle)
    found.resolved_at = None if found.resolved_at else timezone.now()
    found.save(update_fields=["resolved_at"])
    if found.resolved_at:
        messages.success(request, _("Kommentaren er markeret som løst."))
    else:
        messages.success(request, _("Kommentaren er åben igen."))
    return redirect("reflections:principle_line", key, principle.pk, found.line_id)
