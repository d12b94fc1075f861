"""The brief for the parent representative at the skoleudviklingssamtale: a private board page
and its print-ready PDF (reflections.brief)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from values.models import danish_slugify

from ..access import private, space_access_for
from ..brief import brief_context
from ..exports.brief_pdf import brief_pdf


@private
@require_GET
def brief(request: HttpRequest, key: str) -> HttpResponse:
    acc = space_access_for(request, key)
    return render(request, "reflections/brief.html", brief_context(acc.space))


@private
@require_GET
def brief_download(request: HttpRequest, key: str) -> HttpResponse:
    acc = space_access_for(request, key)
    response = HttpResponse(brief_pdf(brief_context(acc.space)), content_type="application/pdf")
    name = danish_slugify(f"skoleudviklingssamtale {acc.space.school_name}", max_length=90)
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
