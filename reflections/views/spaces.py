"""A board's space: its worksheets and principles over the years, new work, deleting it all."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import deletion, evaluation, services, sessions
from ..access import SpaceAccess, private, space_access_for
from ..forms import NewWorksheetForm
from ..principles import for_space


def _space_page(request: HttpRequest, acc: SpaceAccess, form=None, status=200) -> HttpResponse:
    context = {
        **for_space(acc.space),
        "is_chair": acc.is_chair,
        "worksheets": acc.space.worksheets.order_by("-created_at").only(
            "key", "title", "school_year", "created_at", "done_at", "space_id"
        ),
        "form": form or (NewWorksheetForm() if acc.is_chair else None),
        "fresh": sessions.take_new_links(request, acc.space.key),
        "review_due": evaluation.overdue_principles(acc.space),
    }
    return render(request, "reflections/space.html", context, status=status)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def space(request: HttpRequest, key: str) -> HttpResponse:
    """The space's front page; the chair's POST starts another worksheet in it."""
    acc = space_access_for(request, key, chair=request.method == "POST")
    if request.method != "POST":
        return _space_page(request, acc)
    form = NewWorksheetForm(request.POST)
    if not form.is_valid():
        return _space_page(request, acc, form, status=400)
    new = services.create_from_template(
        form.cleaned_data["template"],
        school_name=acc.space.school_name,
        board_name=acc.space.board_name,
        space=acc.space,
    )
    messages.success(request, _("Arbejdsarket er oprettet. Bestyrelsens links åbner også det."))
    return redirect("reflections:manage", new.worksheet.key)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, key: str) -> HttpResponse:
    acc = space_access_for(request, key, chair=True)
    if request.method == "POST":
        name = str(acc.space)
        worksheet_keys = list(acc.space.worksheets.values_list("key", flat=True))
        deletion.delete_spaces(type(acc.space).objects.filter(pk=acc.space.pk))
        sessions.forget(request, space_key=key, worksheet_keys=worksheet_keys)
        messages.success(
            request, _("“%(name)s” og alt i rummet er slettet for altid.") % {"name": name}
        )
        return redirect("reflections:index")
    context = {"space": acc.space, "worksheet_count": acc.space.worksheets.count()}
    return render(request, "reflections/space_delete.html", context)
