"""Boards learning from each other: a principle a board shares with the other boards of its
municipality, beside the framework theme it answers on their section pages (one query).

A principle answers the themes of its worksheet's questions and of the framework items its
lines cite. What others see is its latest approved version's title and text – never the draft,
comments, citations (they point into the board's own space) or names – and the school only if
the board chose it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from values.models import Theme

from .models import (
    Principle,
    PrincipleLine,
    PrincipleVersion,
    Sharing,
    Worksheet,
    WorksheetQuestion,
    WorksheetSection,
)


@dataclass(frozen=True)
class SharedPrinciple:
    """Another board's principle as this board sees it."""

    title: str
    sections: list[dict]
    school: str

    def blocks(self) -> list[dict]:
        """[{"title", "blocks": [{"bullets", "lines": [{"text"}]}]}], without citations."""
        return PrincipleVersion(content={"sections": self.sections}).blocks()


def section_themes(section: WorksheetSection) -> QuerySet[Theme]:
    """The framework themes a section's questions come from (a subquery, no query of its own)."""
    return Theme.objects.filter(
        Q(items__worksheet_uses__section=section) | Q(questions__worksheet_uses__section=section)
    ).values("pk")


def _answers(themes: QuerySet[Theme]) -> Q:
    """The shared principle answers one of `themes`: through its worksheet or its lines."""
    through_worksheet = WorksheetQuestion.objects.filter(
        worksheet_id=OuterRef("principle__worksheet_id")
    ).filter(Q(source_item__theme__in=themes) | Q(source_question__theme__in=themes))
    through_lines = PrincipleLine.objects.filter(
        section__principle_id=OuterRef("principle_id"), items__theme__in=themes
    )
    return Q(Exists(through_worksheet)) | Q(Exists(through_lines))


def shared_principles(worksheet: Worksheet, section: WorksheetSection) -> list[SharedPrinciple]:
    """The latest approved versions of principles other boards of the municipality share for
    the themes of `section` – one query however many boards share; none without a school (the
    space's, else the worksheet's; worksheet.space already loaded)."""
    space = worksheet.space
    school_id = space.school_id or worksheet.school_id
    if school_id is None:
        return []
    newer = PrincipleVersion.objects.filter(
        principle_id=OuterRef("principle_id"), number__gt=OuterRef("number")
    )
    rows = (
        PrincipleVersion.objects.filter(
            ~Exists(newer),
            _answers(section_themes(section)),
            principle__sharings__kind=Sharing.Kind.PRINCIPLE,
            principle__space__school__municipality__schools=school_id,
        )
        .exclude(principle__space_id=space.pk)
        .order_by("principle__space__school__name", "principle_id")
        .values_list(
            "content", "principle__sharings__names_school", "principle__space__school__name"
        )
    )
    return [
        SharedPrinciple(
            content.get("title", ""), content.get("sections", []), school if named else ""
        )
        for content, named, school in rows
    ]


def sharing_of(principle: Principle) -> Sharing | None:
    return Sharing.objects.filter(principle=principle, kind=Sharing.Kind.PRINCIPLE).first()


def share_principle(principle: Principle, *, names_school: bool) -> Sharing:
    sharing, _created = Sharing.objects.update_or_create(
        principle=principle,
        kind=Sharing.Kind.PRINCIPLE,
        defaults={"names_school": names_school},
    )
    return sharing


def withdraw_principle(principle: Principle) -> None:
    """At once: the other boards' next page load no longer shows it."""
    Sharing.objects.filter(principle=principle, kind=Sharing.Kind.PRINCIPLE).delete()
