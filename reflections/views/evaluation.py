""" "Evaluér principperne": the chair makes a worksheet from a principle's latest approved
version (reflections.evaluation)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import evaluation
from ..access import private
from ..principles.access import principle_for


@private
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    """GET: what the evaluation asks; POST: make it and open it."""
    acc, principle = principle_for(request, key, principle_id, chair=True)
    version = principle.versions.first()
    if request.method == "POST" and version is not None:
        try:
            worksheet = evaluation.start_evaluation(principle, version)
        except evaluation.AlreadyStarted as started:
            messages.info(request, _("Bestyrelsen evaluerer allerede princippet i år. Her er det."))
            return redirect("reflections:worksheet", started.worksheet.key)
        messages.success(
            request,
            _(
                "Evalueringen er oprettet. Bestyrelsens links åbner den; hver linje i "
                "princippet er et spørgsmål."
            ),
        )
        return redirect("reflections:worksheet", worksheet.key)
    latest = evaluation.latest_evaluation(principle)
    context = {
        "space": acc.space,
        "principle": principle,
        "version": version,
        "latest": latest,
        "started": latest if evaluation.is_this_years(latest, version) else None,
        "due": evaluation.review_due(version.review_by if version else None),
    }
    return render(request, "reflections/principles/evaluate.html", context)


@private
@require_POST
def ask_others(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    """The chair asks staff, parents or pupils about the principle: the round is opened on this
    school year's evaluation (made now if there is none), so each line is a rated question and
    the group's ratings stand beside the lines of the draft."""
    acc, principle = principle_for(request, key, principle_id, chair=True)
    version = principle.versions.first()
    if version is None:  # nothing approved to ask about; the workbench offers no button then
        raise Http404
    worksheet = evaluation.this_years_evaluation(principle, version)
    messages.info(
        request,
        _(
            "Runden stiller spørgsmålene i evalueringen af “%(title)s”: ét for hver linje i "
            "princippet. Vælg gruppen og datoerne."
        )
        % {"title": version.content["title"]},
    )
    return redirect("reflections:rounds", worksheet.key)
