""" "Evaluér principperne": the chair makes a worksheet from a principle's latest approved
version (reflections.evaluation)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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
