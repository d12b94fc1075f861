"""What the board made: the result page, a blank sheet to print, and the downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import yearly
from ..access import Access, access_for, private
from ..charts import ratings_chart
from ..exports import XLSX_TYPE, filename, pdf, sheets
from ..models import Rating, Worksheet
from ..perspectives_chart import perspectives_chart
from ..results import Result, build_result, hide_names
from ..round_tallies import group_ratings
from ..rounds import perspectives
from ..year_chart import years_chart
from .shared import board_context


def _result_context(acc: Access, request: HttpRequest) -> dict:
    result = build_result(acc.worksheet)
    chart = ratings_chart(result.rated, _("ikke vurderet"), _("Fælles"))
    earlier = yearly.with_earlier_years(result)
    by_year = None
    if earlier and result.rated:
        by_year = years_chart(acc.worksheet, earlier, result.rated, _("ikke vurderet"))
    views = perspectives(acc.worksheet, result.rated, _("Bestyrelsen"))
    views_chart = perspectives_chart(views.questions, _("%(n)d svar")) if views.shown else None
    return board_context(
        acc,
        request,
        result=result,
        chart=chart,
        ratings=Rating.choices,
        last_school_year=earlier[-1].school_year if earlier else "",
        years_chart=by_year,
        perspectives=views,
        perspectives_chart=views_chart,
    )


def _with_years(worksheet: Worksheet) -> Result:
    """The result with the earlier school years' agreed answers, for the downloads."""
    result = build_result(worksheet)
    yearly.with_earlier_years(result)
    return result


@private
@require_GET
def result(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    return render(request, "reflections/result.html", _result_context(acc, request))


@private
@require_GET
def blank(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    result = build_result(acc.worksheet)
    return render(
        request,
        "reflections/blank.html",
        board_context(acc, request, result=result, ratings=Rating.choices),
    )


def _download(worksheet: Worksheet, content: bytes, content_type: str, extension: str):
    response = HttpResponse(content, content_type=content_type)
    name = filename(worksheet, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@private
@require_GET
def result_pdf(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    with_members = request.GET.get("medlemmer") == "1"
    members = hide_names(acc.worksheet, list(acc.worksheet.participants.all()))
    result = _with_years(acc.worksheet)
    views = perspectives(acc.worksheet, result.rated, _("Bestyrelsen"))
    content = pdf.result_pdf(result, members, with_members=with_members, perspectives=views)
    return _download(acc.worksheet, content, "application/pdf", "pdf")


@private
@require_GET
def export_csv(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    groups = group_ratings(acc.worksheet.rounds.all())
    content = sheets.answers_csv(build_result(acc.worksheet), groups)
    return _download(acc.worksheet, content, "text/csv; charset=utf-8", "csv")


@private
@require_GET
def export_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key)
    members = hide_names(acc.worksheet, list(acc.worksheet.participants.all()))
    groups = group_ratings(acc.worksheet.rounds.all())
    content = sheets.answers_xlsx(_with_years(acc.worksheet), members, groups)
    return _download(acc.worksheet, content, XLSX_TYPE, "xlsx")
