"""Preparing and holding the meeting: the chair's preparation page, the one-page overview (HTML and
PDF) and the calendar file."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..access import Access, access_for, private
from ..charts import ratings_chart
from ..exports import calendar, filename, overview_pdf
from ..exports.sheets import side_by_side
from ..forms import MeetingDatesForm
from ..meeting import dated_steps, invitation_text, member_progress
from ..models import Rating
from ..results import build_result, hide_names
from .shared import board_context


def _prepare_context(acc: Access, request: HttpRequest, form: MeetingDatesForm) -> dict:
    worksheet = acc.worksheet
    return board_context(
        acc,
        request,
        form=form,
        progress=member_progress(worksheet),
        invitation=invitation_text(worksheet),
        steps=dated_steps(worksheet, timezone.localdate()),
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def prepare(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    worksheet = acc.worksheet
    initial = {"answer_by": worksheet.answer_by, "meeting_date": worksheet.meeting_date}
    form = MeetingDatesForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            worksheet.answer_by = form.cleaned_data["answer_by"]
            worksheet.meeting_date = form.cleaned_data["meeting_date"]
            worksheet.save(update_fields=["answer_by", "meeting_date"])
            services.touch(worksheet)
            messages.success(request, _("Datoerne er gemt."))
            return redirect("reflections:prepare", key)
        context = _prepare_context(acc, request, form)
        return render(request, "reflections/prepare.html", context, status=400)
    return render(request, "reflections/prepare.html", _prepare_context(acc, request, form))


def _overview_data(acc: Access) -> tuple:
    result = build_result(acc.worksheet)
    members = hide_names(acc.worksheet, list(acc.worksheet.participants.all()))
    return result, members


@private
@require_GET
def overview(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    result, members = _overview_data(acc)
    rows = []
    for q in result.questions:
        own = {answer.participant_id: answer for answer in q.members}
        rows.append((q, [own.get(member.pk) for member in members]))
    chart = ratings_chart(result.rated, _("ikke vurderet"), _("Fælles"))
    context = board_context(
        acc, request, result=result, members=members, rows=rows, chart=chart,
        wide=len(members) > 3,
    )  # fmt: skip
    context["ratings"] = Rating.choices
    return render(request, "reflections/overview.html", context)


@private
@require_GET
def overview_download(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    result, members = _overview_data(acc)
    header, table = side_by_side(result, members)
    content = overview_pdf.overview_pdf(result, header, table)
    response = HttpResponse(content, content_type="application/pdf")
    name = filename(acc.worksheet, "pdf", kind=_("overblik"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@private
@require_GET
def calendar_file(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    steps = dated_steps(acc.worksheet, timezone.localdate())
    content = calendar.worksheet_calendar(acc.worksheet, steps)
    response = HttpResponse(content, content_type=calendar.CALENDAR_TYPE)
    name = filename(acc.worksheet, "ics")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _meeting_url(key: str, number: int, *, hidden: bool, shown: bool = False) -> str:
    url = reverse("reflections:meeting", args=[key, number])
    if hidden:
        url += "?skjul=1" + ("&vis=1" if shown else "")
    return url


@private
@require_GET
def meeting_mode(request: HttpRequest, key: str, number: int = 1) -> HttpResponse:
    """The projector: one question at a time, members' answers side by side, the ratings and the
    agreed answer. With "skjul", each question starts with the answers hidden until revealed."""
    acc = access_for(request, key, chair=True)
    result = build_result(acc.worksheet)
    questions = result.questions
    if not 1 <= number <= len(questions):
        raise Http404
    q = questions[number - 1]
    hidden = request.GET.get("skjul") == "1"
    revealed = not hidden or request.GET.get("vis") == "1"
    section = next(s.section for s in result.sections if q in s.questions)
    context = board_context(
        acc,
        request,
        q=q,
        rated=[q],
        answers=[answer for answer in q.members if answer.is_answered],
        number=number,
        total=len(questions),
        section=section,
        hidden=hidden,
        revealed=revealed,
        chart=ratings_chart([q], _("ikke vurderet"), _("Fælles")) if q.question.is_rating else None,
        ratings=Rating.choices,
        previous_url=_meeting_url(key, number - 1, hidden=hidden) if number > 1 else "",
        next_url=_meeting_url(key, number + 1, hidden=hidden) if number < len(questions) else "",
        reveal_url=_meeting_url(key, number, hidden=True, shown=True),
        hide_url=_meeting_url(key, number, hidden=True),
        show_all_url=_meeting_url(key, number, hidden=False),
    )
    return render(request, "reflections/meeting.html", context)
