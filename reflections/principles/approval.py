"""Approving a principle (an immutable version) and publishing one of its versions."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max, Prefetch

from ..models import Answer, Principle, PrincipleLine, PrincipleVersion
from ..models.principles import new_public_slug
from .citations import answer_label, item_label, item_ordinals, item_url, items_with_theme


def draft_sections(principle: Principle, lines=None) -> list:
    """The draft's sections with their lines, each line with `cites` written out as the
    published page will show them (five queries)."""
    lines = (lines or PrincipleLine.objects.all()).prefetch_related(
        Prefetch("items", queryset=items_with_theme()),
        Prefetch("answers", queryset=Answer.objects.select_related("question")),
    )
    sections = list(principle.sections.prefetch_related(Prefetch("lines", queryset=lines)))
    items = [item for s in sections for line in s.lines.all() for item in line.items.all()]
    ordinals = item_ordinals(items)
    for section in sections:
        for line in section.lines.all():
            line.cites = _cites(line, ordinals)
    return sections


def _cites(line: PrincipleLine, ordinals: dict[int, int]) -> list[dict]:
    items = [
        {"label": item_label(item, ordinals.get(item.pk)), "url": item_url(item)}
        for item in line.items.all()
    ]
    return items + [{"label": answer_label(a), "url": ""} for a in line.answers.all()]


def snapshot(principle: Principle) -> dict:
    """The draft as plain data, citations written out: what an approved version keeps. A
    section the board left empty is not part of the principle."""
    sections = draft_sections(principle)
    return {
        "title": principle.title,
        "area": principle.area,
        "sections": [
            {
                "title": section.title,
                "lines": [
                    {"kind": line.kind, "text": line.text, "cites": line.cites}
                    for line in section.lines.all()
                ],
            }
            for section in sections
            if section.lines.all()
        ],
    }


@transaction.atomic
def approve(
    principle: Principle, *, approved_on: datetime.date, review_by: datetime.date
) -> PrincipleVersion:
    Principle.objects.select_for_update().filter(pk=principle.pk).first()  # one number each
    last = principle.versions.aggregate(last=Max("number"))["last"] or 0
    return PrincipleVersion.objects.create(
        principle=principle,
        number=last + 1,
        approved_on=approved_on,
        review_by=review_by,
        content=snapshot(principle),
    )


def publish(principle: Principle, version: PrincipleVersion) -> None:
    """Show `version` at the principle's public address (made at the first publishing)."""
    if version.principle_id != principle.pk:
        raise ValueError("A principle publishes only its own versions.")
    principle.published_version = version
    principle.public_slug = principle.public_slug or new_public_slug()
    principle.save(update_fields=["published_version", "public_slug", "updated_at"])


def unpublish(principle: Principle) -> None:
    """At once: the address stays known, and answers 410 until the board publishes again."""
    principle.published_version = None
    principle.save(update_fields=["published_version", "updated_at"])
