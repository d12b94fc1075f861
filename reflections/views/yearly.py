""" "Nyt skoleår": the chair copies the worksheet into the next school year."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import yearly
from ..access import access_for, private
from ..models import next_school_year
from .shared import board_context


@private
@require_http_methods(["GET", "HEAD", "POST"])
def start_next_year(request: HttpRequest, key: str) -> HttpResponse:
    """GET: what will be copied and what not; POST: make the next year and open it."""
    acc = access_for(request, key, chair=True)
    worksheet = acc.worksheet
    if request.method == "POST":
        try:
            new = yearly.start_next_school_year(worksheet)
        except yearly.AlreadyStarted as started:
            messages.info(request, _("Næste skoleår er allerede startet. Her er det."))
            return redirect("reflections:worksheet", started.following.key)
        messages.success(
            request,
            _(
                "Skoleåret %(year)s er startet med de samme spørgsmål. Sidste års fælles svar "
                "står ved hvert spørgsmål."
            )
            % {"year": new.worksheet.school_year},
        )
        return redirect("reflections:worksheet", new.worksheet.key)
    context = board_context(
        acc,
        request,
        following=yearly.following_year(worksheet),
        next_year=next_school_year(worksheet.school_year),
    )
    return render(request, "reflections/next_year.html", context)
