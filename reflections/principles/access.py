"""A principle is reached through its board space's access (reflections.access): outsiders and
other boards get the same 404 as a missing page."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from ..access import SpaceAccess, space_access_for
from ..choices import AgreedBy
from ..models import Principle


def principle_for(
    request: HttpRequest, key: str, principle_id: int, *, chair: bool = False
) -> tuple[SpaceAccess, Principle]:
    """(space access, principle) for a principle of space `key`, or Http404."""
    acc = space_access_for(request, key, chair=chair)
    principle = get_object_or_404(
        Principle.objects.select_related("published_version", "worksheet"),
        pk=principle_id,
        space=acc.space,
    )
    principle.space = acc.space  # known already: no query when a view needs it
    return acc, principle


def may_write(acc: SpaceAccess, principle: Principle) -> bool:
    """The chair and co-chair write the draft, or everyone when the chair lets them."""
    return acc.is_chair or principle.writers == AgreedBy.EVERYONE


def writer_for(request: HttpRequest, key: str, principle_id: int) -> tuple[SpaceAccess, Principle]:
    """principle_for(), for a visitor who may write the draft; others get 404 like outsiders."""
    acc, principle = principle_for(request, key, principle_id)
    if not may_write(acc, principle):
        raise Http404
    return acc, principle
