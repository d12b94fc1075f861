"""The embed pages; see values.embeds."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..models import Item, ReflectionQuestion, Theme
from ..outline import item_tree

MAX_QUESTIONS = 50


def _framable(response: HttpResponse) -> HttpResponse:
    """Let the configured origins frame this page (and only this page)."""
    origins = settings.EMBED_ALLOWED_ORIGINS
    if origins:
        response._csp_replace = {"frame-ancestors": list(origins)}
        # X-Frame-Options cannot name several origins; frame-ancestors takes its place here.
        response.xframe_options_exempt = True
        # Cross-Origin-Resource-Policy: same-origin (every other page) would stop the frame too.
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _theme(framework_slug: str, slug: str) -> Theme:
    return get_object_or_404(
        Theme.objects.published().select_related("framework__publisher"),
        framework__slug=framework_slug,
        slug=slug,
    )


@require_safe
def theme_items(request: HttpRequest, framework_slug: str, slug: str) -> HttpResponse:
    theme = _theme(framework_slug, slug)
    items = list(Item.objects.published().filter(theme=theme))
    questions = list(ReflectionQuestion.objects.published().filter(theme=theme))
    context = {
        "theme": theme,
        "framework": theme.framework,
        "blocks": item_tree(items, questions, theme.title),
        "embedded": True,
    }
    return _framable(render(request, "values/embed/theme.html", context))


@require_safe
def theme_questions(request: HttpRequest, framework_slug: str, slug: str) -> HttpResponse:
    theme = _theme(framework_slug, slug)
    questions = list(ReflectionQuestion.objects.published().filter(theme=theme))
    for question in questions:
        question.theme = theme  # its source without a query per question
    return _questions_page(request, theme.title, questions, status=200 if questions else 404)


@require_safe
def chosen_questions(request: HttpRequest) -> HttpResponse:
    """`?id=12&id=15…`: up to MAX_QUESTIONS published questions, in the order given."""
    raw = request.GET.getlist("id")
    if not raw or len(raw) > MAX_QUESTIONS or not all(v.isdigit() and len(v) < 19 for v in raw):
        message = _(
            "Angiv de spørgsmål, der skal vises, som ?id=12&id=15 (tal, højst %(max)s)."
        ) % {"max": MAX_QUESTIONS}
        return _questions_page(request, _("Refleksionsspørgsmål"), [], 400, message)
    wanted = [int(v) for v in dict.fromkeys(raw)]
    found = ReflectionQuestion.objects.published().select_related("theme__framework__publisher")
    by_id = found.in_bulk(wanted)
    questions = [by_id[pk] for pk in wanted if pk in by_id]
    return _questions_page(
        request, _("Refleksionsspørgsmål"), questions, status=200 if questions else 404
    )


def _questions_page(
    request: HttpRequest, title: str, questions: list, status: int, message: str = ""
) -> HttpResponse:
    if status == 404 and not message:
        message = _("Spørgsmålene findes ikke, eller de er ikke offentliggjort.")
    sources = list({q.theme.framework_id: q.theme.framework for q in questions}.values())
    context = {"title": title, "questions": questions, "sources": sources, "message": message}
    response = render(request, "values/embed/questions.html", context, status=status)
    return _framable(response)
