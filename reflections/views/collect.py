"""Before there is a worksheet: the landing page, the templates and the visitor's own collection."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.redirects import safe_next

from .. import access, picks, services
from ..forms import CreateFromTemplateForm, CreateOwnForm
from ..models import PORTAL_QUESTION_CONTEXT, Rating, WorksheetTemplate, source_label
from .shared import start_session, wants_json


def _landing_context(request: HttpRequest, collected, form: CreateOwnForm) -> dict:
    return {
        "templates": WorksheetTemplate.objects.published().with_question_counts(),
        "collected": collected,
        "form": form,
        "mine": access.spaces_in_session(request),
    }


def index(request: HttpRequest) -> HttpResponse:
    collected = picks.resolve(request, picks.keys(request))
    context = _landing_context(request, collected, CreateOwnForm())
    response = render(request, "reflections/index.html", context)
    if context["mine"] or collected:
        # This visitor's own worksheets are listed: keep the page out of shared caches.
        response["Cache-Control"] = "no-store, private"
    return response


def _add(request: HttpRequest, picked: list[str], key: str) -> str:
    """Add `key` to the collection (Http404 for anything that may not be collected)."""
    if picks.parse(key) is None or not picks.exists(request, key):
        raise Http404
    if key in picked:
        return _("Spørgsmålet er allerede på dit arbejdsark.")
    if len(picked) >= picks.MAX_PICKS:
        return _("Dit arbejdsark har allerede %(max)d spørgsmål – det er max.") % {
            "max": picks.MAX_PICKS
        }
    picked.append(key)
    return _("Tilføjet til dit arbejdsark (%(count)d spørgsmål i alt).") % {"count": len(picked)}


@require_POST
def collect(request: HttpRequest) -> HttpResponse:
    """Add, remove or reorder a collected question; JSON for the enhanced button, else redirect."""
    action, key = request.POST.get("action", "add"), request.POST.get("pick", "")
    picked = picks.keys(request)
    message = None
    if action == "add":
        message = _add(request, picked, key)
    elif action == "remove" and key in picked:
        picked.remove(key)
        message = _("Spørgsmålet er fjernet fra dit arbejdsark.")
    elif action in {"up", "down"}:
        picked = picks.move(picked, key, -1 if action == "up" else 1)
    elif action == "clear":
        picked = []
        message = _("Din samling er tømt.")
    picks.store(request, picked)
    if wants_json(request):
        return JsonResponse({"count": len(picked), "message": message or ""})
    if message:
        messages.success(request, message)
    return redirect(safe_next(request, reverse("reflections:index") + "#egne"))


@require_POST
def create_own(request: HttpRequest) -> HttpResponse:
    collected = picks.resolve(request, picks.keys(request))
    form = CreateOwnForm(request.POST)
    if not collected:
        messages.error(request, _("Tilføj mindst ét spørgsmål, før du opretter arbejdsarket."))
        return redirect(reverse("reflections:index") + "#egne")
    if not form.is_valid():
        context = _landing_context(request, collected, form)
        return render(request, "reflections/index.html", context, status=400)
    data = form.cleaned_data
    new = services.create_from_picks(
        [pick for _key, pick in collected],
        title=data["title"],
        school_name=data["school_name"],
        school=data["school"],
        board_name=data["board_name"],
        display_name=data["display_name"],
        next_steps_title=_("Næste skridt") if data["next_steps"] else "",
        next_steps_question=_("Hvilke næste skridt aftaler vi – hvad, hvem og hvornår?"),
    )
    picks.store(request, [])
    start_session(request, new)
    return redirect("reflections:manage", new.worksheet.key)


def _numbered_sections(template: WorksheetTemplate) -> list[tuple]:
    """Each section with its public questions, numbered across the whole template."""
    sections, number = [], 0
    for section in template.sections_with_public_questions():
        questions = []
        for q in section.questions.all():
            number += 1
            context = source_label(q.source) if q.source else PORTAL_QUESTION_CONTEXT
            questions.append(
                {"number": number, "kind": q.kind, "text": q.wording, "context": context}
            )
        sections.append((section, questions))
    return sections


@require_http_methods(["GET", "HEAD", "POST"])
def template_detail(request: HttpRequest, slug: str) -> HttpResponse:
    template = get_object_or_404(WorksheetTemplate.objects.published(), slug=slug)
    form = CreateFromTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = services.create_from_template(template, **form.cleaned_data)
        start_session(request, new)
        return redirect("reflections:manage", new.worksheet.key)
    context = {
        "template": template,
        "sections": _numbered_sections(template),
        "form": form,
        "ratings": Rating.choices,
    }
    return render(
        request,
        "reflections/template_detail.html",
        context,
        status=400 if form.is_bound else 200,
    )
