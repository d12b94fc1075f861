"""Which published principles a municipality lists: one rule for the public list, the
principle's own page (indexed or not) and the API.

A principle is listed while it has a published version and its board's space is linked to a
school of a municipality whose PrincipleListing is on. Unpublishing, deleting the space or the
municipality turning the list off takes it off every one of them at once (nothing is cached;
the API's ETag and the open-data zip compare `listed_fingerprint()`).
"""

from __future__ import annotations

import hashlib

from django.db.models import Exists, OuterRef, QuerySet

from ..models import Principle, PrincipleListing


def listing_municipalities() -> QuerySet[PrincipleListing]:
    return PrincipleListing.objects.filter(listed=True)


def is_listed_expression() -> Exists:
    """True for a principle whose school's municipality lists its principles (annotate with it;
    whether it is published is checked apart)."""
    return Exists(
        listing_municipalities().filter(municipality=OuterRef("space__school__municipality"))
    )


def listed_principles() -> QuerySet[Principle]:
    """Published principles that their municipality lists, with what a list shows of them: the
    school, its municipality and the published version (no further query per row)."""
    return (
        Principle.objects.filter(
            published_version__isnull=False,
            space__school__municipality__principle_listing__listed=True,
        )
        .select_related("space__school__municipality", "published_version")
        .order_by("space__school__name", "space__school_id", "title", "pk")
    )


def listed_fingerprint() -> str:
    """Every listed principle's id, version and change time, and what is shown of its school and
    board: publishing, unpublishing, a new version or a change of listing changes it (one
    query)."""
    rows = listed_principles().values_list(
        "pk",
        "published_version_id",
        "updated_at",
        "space__board_name",
        "space__school__name",
        "space__school__institution_number",
        "space__school__municipality__slug",
        "space__school__municipality__name",
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()
