"""The chair shares the board's agreed answers with the other boards of the municipality."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..access import access_for, private
from ..forms import SharingForm
from ..shared_work import (
    share_agreed_answers,
    shareable_count,
    sharing_of,
    withdraw_agreed_answers,
)
from .shared import board_context


@private
@require_http_methods(["GET", "HEAD", "POST"])
def sharing(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    worksheet = acc.worksheet
    current = sharing_of(worksheet)
    initial = {"names_school": current.names_school if current else False}
    form = SharingForm(request.POST or None, initial=initial)
    if request.method == "POST" and worksheet.school_id is None:
        messages.error(request, no_school_message())
        return redirect("reflections:sharing", key)
    if request.method == "POST":
        if "withdraw" in request.POST:
            withdraw_agreed_answers(worksheet)
            messages.success(
                request,
                _("Delingen er stoppet. De andre bestyrelser kan ikke længere se jeres svar."),
            )
            services.touch(worksheet)
            return redirect("reflections:sharing", key)
        form.is_valid()  # a checkbox: always valid
        share_agreed_answers(worksheet, names_school=form.cleaned_data["names_school"])
        messages.success(
            request, _("Jeres fælles svar er delt med de andre bestyrelser i kommunen.")
        )
        services.touch(worksheet)
        return redirect("reflections:sharing", key)
    context = board_context(
        acc,
        request,
        sharing=current,
        form=form,
        school=worksheet.school,
        no_school_message=no_school_message(),
        shareable=shareable_count(worksheet) if worksheet.school_id else 0,
    )
    return render(request, "reflections/sharing.html", context)


def no_school_message() -> str:
    return _(
        "Arbejdsarket er ikke knyttet til en skole i kommunens skoleregister, så der er ingen "
        "andre bestyrelser i kommunen at dele med."
    )
