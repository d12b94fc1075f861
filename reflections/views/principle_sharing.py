"""The chair shares the board's principle (its latest approved version) with the other boards
of the municipality, or stops sharing it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import private
from ..forms import PrincipleSharingForm
from ..principles.access import principle_for
from ..shared_principles import share_principle, sharing_of, withdraw_principle


@private
@require_http_methods(["GET", "HEAD", "POST"])
def sharing(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    acc, principle = principle_for(request, key, principle_id, chair=True)
    current = sharing_of(principle)
    latest = principle.versions.first()  # newest first (Meta.ordering)
    initial = {"names_school": current.names_school if current else False}
    form = PrincipleSharingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if "withdraw" in request.POST:
            withdraw_principle(principle)
            messages.success(
                request,
                _("Delingen er stoppet. De andre bestyrelser kan ikke længere se jeres princip."),
            )
        elif acc.space.school_id is None:
            messages.error(request, no_school_message())
        elif latest is None:
            messages.error(request, _("Godkend princippet, før I deler det."))
        else:
            form.is_valid()  # a checkbox: always valid
            share_principle(principle, names_school=form.cleaned_data["names_school"])
            messages.success(
                request, _("Jeres princip er delt med de andre bestyrelser i kommunen.")
            )
        return redirect("reflections:principle_sharing", key, principle.pk)
    context = {
        "space": acc.space,
        "principle": principle,
        "sharing": current,
        "latest": latest,
        "form": form,
        "school": acc.space.school,
        "no_school_message": no_school_message(),
    }
    return render(request, "reflections/principles/sharing.html", context)


def no_school_message() -> str:
    return _(
        "Bestyrelsesrummet er ikke knyttet til en skole i kommunens skoleregister, så der er "
        "ingen andre bestyrelser i kommunen at dele med."
    )
