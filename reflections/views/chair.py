"""The chair's page: links, participants, done or open, handing over, deleting everything."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import deletion, services, sessions
from ..access import Access, Role, access_for, private
from ..forms import AnsweringForm, MergeParticipantsForm, RemoveParticipantForm
from ..meeting import invitation_text, member_progress
from ..participants import merge_participants, remove_participant
from .shared import board_context


def _manage_page(request: HttpRequest, acc: Access, status: int = 200, **forms) -> HttpResponse:
    participants = list(acc.worksheet.participants.all())
    forms.setdefault("answering_form", AnsweringForm(instance=acc.worksheet))
    forms.setdefault("merge_form", MergeParticipantsForm(participants=participants))
    forms.setdefault("remove_form", RemoveParticipantForm(participants=participants))
    fresh = sessions.take_new_links(request, acc.worksheet.space.key)
    # The one moment the member link is readable: the invitation can carry it.
    invitation = invitation_text(acc.worksheet, fresh["member"]) if "member" in fresh else ""
    context = board_context(
        acc,
        request,
        fresh=fresh,
        participants=participants,
        progress=member_progress(acc.worksheet, participants),
        invitation=invitation,
        **forms,
    )
    return render(request, "reflections/manage.html", context, status=status)


@private
@require_GET
def manage(request: HttpRequest, key: str) -> HttpResponse:
    return _manage_page(request, access_for(request, key, chair=True))


@private
@require_POST
def change_participants(request: HttpRequest, key: str) -> HttpResponse:
    """Merge two participants who are one person, or remove one with their answers."""
    acc = access_for(request, key, chair=True)
    ws = acc.worksheet
    if "merge" in request.POST:
        form = MergeParticipantsForm(request.POST, participants=ws.participants.all())
        if not form.is_valid():
            return _manage_page(request, acc, 400, merge_form=form)
        source, target = form.participant("source"), form.participant("target")
        merge_participants(source, target)
        message = _("%(source)s er lagt sammen med %(target)s.") % {
            "source": source.display_name,
            "target": target.display_name,
        }
    else:
        form = RemoveParticipantForm(request.POST, participants=ws.participants.all())
        if not form.is_valid():
            return _manage_page(request, acc, 400, remove_form=form)
        removed = form.participant("participant")
        remove_participant(removed)
        message = _("%(name)s og deres svar er slettet.") % {"name": removed.display_name}
    services.touch(ws)
    messages.success(request, message)
    return redirect("reflections:manage", key)


@private
@require_POST
def answering(request: HttpRequest, key: str) -> HttpResponse:
    """How the board answers: who writes the agreed answer, when others' answers show, names."""
    acc = access_for(request, key, chair=True)
    form = AnsweringForm(request.POST, instance=acc.worksheet)
    if not form.is_valid():
        return _manage_page(request, acc, 400, answering_form=form)
    form.save()
    messages.success(request, _("Indstillingerne er gemt. Medlemmerne kan se dem på arket."))
    return redirect("reflections:manage", key)


@private
@require_POST
def hand_over(request: HttpRequest, key: str) -> HttpResponse:
    """A new chair link for the next chair; this visitor stays on as a member."""
    acc = access_for(request, key, chair=True)
    token = services.rotate_chair_link(acc.worksheet.space)
    sessions.step_down(request, acc.worksheet.space)
    sessions.show_links_once(request, acc.worksheet.space, chair=token)
    messages.success(
        request,
        _(
            "Formandsrollen er klar til at blive givet videre. Giv den nye formand linket "
            "nedenfor – det vises kun nu. Du er selv medlem fra nu af."
        ),
    )
    return redirect("reflections:worksheet", key)


@private
@require_POST
def rotate(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    which = request.POST.get("link")
    if which == "member":
        token = services.rotate_member_link(acc.worksheet.space)
        sessions.show_links_once(request, acc.worksheet.space, member=token)
        messages.success(
            request,
            _("Der er lavet et nyt medlemslink. Det gamle virker ikke længere – del det nye."),
        )
    elif which == "cochair":
        token = services.rotate_cochair_link(acc.worksheet.space)
        sessions.show_links_once(request, acc.worksheet.space, cochair=token)
        messages.success(
            request,
            _(
                "Der er lavet et næstformandslink. Et tidligere næstformandslink virker ikke "
                "længere."
            ),
        )
    elif which == "chair":
        token = services.rotate_chair_link(acc.worksheet.space)
        if acc.role == Role.CHAIR:  # a co-chair who renews the chair link stays co-chair
            sessions.grant(request, acc.worksheet.space, chair=True)
        sessions.show_links_once(request, acc.worksheet.space, chair=token)
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
        deletion.delete_worksheet(acc.worksheet)
        sessions.forget(request, worksheet_keys=[key])
        messages.success(
            request,
            _("“%(title)s” og alle svar er slettet for altid.") % {"title": title},
        )
        space = acc.worksheet.space
        if type(space).objects.filter(pk=space.pk).exists():
            return redirect("reflections:space", space.key)
        sessions.forget(request, space_key=space.key)
        return redirect("reflections:index")
    counts = {
        "participants": acc.worksheet.participants.count(),
        "answers": acc.worksheet.answers.count(),
        # the only thing in the space: deleting it deletes the space and its links too
        "others": acc.worksheet.space.worksheets.exclude(pk=acc.worksheet.pk).count(),
        # its perspectives rounds and every group's responses go too
        **acc.worksheet.rounds.aggregate(
            rounds=Count("pk", distinct=True), round_responses=Count("responses")
        ),
    }
    return render(request, "reflections/delete.html", board_context(acc, request, counts=counts))
