"""The chair's page: the two links, marking the worksheet done or open, deleting everything."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import services, sessions
from ..access import access_for, private
from ..meeting import invitation_text, member_progress
from .shared import board_context


@private
@require_GET
def manage(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    fresh = sessions.take_new_links(request, key)
    progress = member_progress(acc.worksheet)
    # The one moment the member link is readable: the invitation can carry it.
    invitation = invitation_text(acc.worksheet, fresh["member"]) if "member" in fresh else ""
    return render(
        request,
        "reflections/manage.html",
        board_context(acc, request, fresh=fresh, progress=progress, invitation=invitation),
    )


@private
@require_POST
def rotate(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    which = request.POST.get("link")
    if which == "member":
        token = services.rotate_member_link(acc.worksheet)
        sessions.show_links_once(request, acc.worksheet, member=token)
        messages.success(
            request,
            _("Der er lavet et nyt medlemslink. Det gamle virker ikke længere – del det nye."),
        )
    elif which == "chair":
        token = services.rotate_chair_link(acc.worksheet)
        sessions.grant(request, acc.worksheet, chair=True)
        sessions.show_links_once(request, acc.worksheet, chair=token)
        messages.success(
            request, _("Der er lavet et nyt formandslink. Det gamle virker ikke længere.")
        )
    else:
        raise Http404
    return redirect("reflections:manage", key)


@private
@require_POST
def set_status(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    done = request.POST.get("done") == "1"
    services.mark_done(acc.worksheet, done)
    if done:
        messages.success(request, _("Arbejdsarket er markeret som færdigt."))
        return redirect("reflections:result", key)
    messages.success(request, _("Arbejdsarket er genåbnet, og svarene kan rettes igen."))
    return redirect("reflections:worksheet", key)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    if request.method == "POST":
        title = acc.worksheet.title
        services.delete_worksheet(acc.worksheet)
        sessions.forget(request, key)
        messages.success(
            request,
            _("“%(title)s” og alle svar er slettet for altid.") % {"title": title},
        )
        return redirect("reflections:index")
    counts = {
        "participants": acc.worksheet.participants.count(),
        "answers": acc.worksheet.answers.count(),
    }
    return render(request, "reflections/delete.html", board_context(acc, request, counts=counts))
