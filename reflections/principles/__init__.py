"""A board's principles (folkeskoleloven § 44, stk. 2): from its worksheets to an approved,
published principle. Models in reflections/models/principles.py; views in
reflections/views/principle*.py and published.py."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from ..models import BoardSpace, Principle


def for_space(space: BoardSpace) -> dict:
    """The context of the space page's list of principles (one query): each principle with its
    number of approved versions, last approval, review date and open comments."""
    principles: QuerySet[Principle] = space.principles.annotate(
        approved_count=Count("versions", distinct=True),
        last_approved=Max("versions__approved_on"),
        review_by=Max("versions__review_by"),
        open_comments=Count(
            "sections__lines__comments",
            filter=Q(sections__lines__comments__resolved_at__isnull=True),
            distinct=True,
        ),
    ).order_by("title", "pk")
    return {"space": space, "principles": list(principles), "today": timezone.localdate()}
