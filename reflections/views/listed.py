"""A municipality's public list of the principles its schools' boards have published: only when
the municipality has chosen to list them (reflections.principles.listing), a page at a time."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from ..principles.listing import listed_principles, listing_municipalities

PAGE_SIZE = 50


@require_GET
def municipality_principles(request: HttpRequest, slug: str) -> HttpResponse:
    listing = get_object_or_404(
        listing_municipalities().select_related("municipality"), municipality__slug=slug
    )
    municipality = listing.municipality
    principles = listed_principles().filter(space__school__municipality=municipality)
    page = Paginator(principles, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {"municipality": municipality, "page": page}
    response = render(request, "reflections/principles/municipality.html", context)
    # A board that takes its principle offline takes it off this list at once, too.
    add_never_cache_headers(response)
    return response
