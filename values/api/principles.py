"""The API's published principles: those a municipality lists, a page at a time, and one by its
public address. Nothing cached by time: a board that takes its principle offline, or a
municipality that stops listing, changes the ETag at once (Last-Modified cannot see a deletion,
so these answers have none)."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import condition
from ninja.decorators import decorate_view

from reflections.principles.listing import listed_fingerprint, listed_principles

from . import principle_schemas, queries
from .endpoints import ERRORS, Page, PageNumber, PageSize, Slug, SlugKey, api


def _etag(request: HttpRequest, *args, **kwargs) -> str:
    """Anything that changes an answer changes the tag (reflections.principles.listing)."""
    fingerprint = listed_fingerprint() + "#" + request.build_absolute_uri()
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:32]


conditional = condition(etag_func=_etag)


@api.get(
    "/principles",
    response={200: Page[principle_schemas.PrincipleOut], **ERRORS},
    operation_id="listPrinciples",
    summary="Skolebestyrelsers offentliggjorte principper, som kommunen viser",
)
@decorate_view(conditional)
def list_principles(
    request,
    municipality: str | None = Slug,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    rows = listed_principles()
    if municipality is not None:
        rows = rows.filter(space__school__municipality__slug=municipality)
    return queries.paginate(request, rows, page, page_size, principle_schemas.principle)


@api.get(
    "/principles/{slug}",
    response={200: principle_schemas.PrincipleOut, **ERRORS},
    operation_id="getPrinciple",
    summary="Ét offentliggjort princip",
)
@decorate_view(conditional)
def get_principle(request, slug: str = SlugKey):
    found = get_object_or_404(listed_principles(), public_slug=slug)
    return principle_schemas.principle(found, request.build_absolute_uri)
