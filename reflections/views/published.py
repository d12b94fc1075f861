"""A published principle's public page and its PDF: read-only, at an unguessable address, not
indexed unless the school's municipality lists it (reflections.principles.listing). Taken
offline, the address answers 410 Gone; deleted with its space, 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from values.models import danish_slugify

from ..exports import principle_pdf
from ..models import Principle, PrincipleVersion
from ..principles.listing import is_listed_expression
from ..principles.published import public_context


def _published(slug: str) -> tuple[Principle, PrincipleVersion | None]:
    principles = Principle.objects.select_related(
        "space__school__municipality", "published_version"
    ).annotate(listed=is_listed_expression())
    principle = get_object_or_404(principles, public_slug=slug)
    return principle, principle.published_version


def _noindex(response: HttpResponse, listed: bool = False) -> HttpResponse:
    # Public but not listed: a search engine finds it only once the municipality lists it.
    if not listed:
        response["X-Robots-Tag"] = "noindex"
    # Every visit asks again, so taking the principle offline takes effect at once, even for
    # a browser or proxy that has seen it before.
    add_never_cache_headers(response)
    return response


def _gone(request: HttpRequest) -> HttpResponse:
    return _noindex(render(request, "reflections/principles/gone.html", status=410))


@require_GET
def public(request: HttpRequest, slug: str) -> HttpResponse:
    principle, version = _published(slug)
    if version is None:
        return _gone(request)
    context = {**public_context(principle, version), "listed": principle.listed}
    response = render(request, "reflections/principles/public.html", context)
    return _noindex(response, principle.listed)


@require_GET
def public_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    principle, version = _published(slug)
    if version is None:
        return _gone(request)
    content = principle_pdf.principle_pdf(public_context(principle, version))
    response = HttpResponse(content, content_type="application/pdf")
    name = danish_slugify(
        f"{principle.space.school_name} {version.content['title']}", max_length=90
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return _noindex(response, principle.listed)
