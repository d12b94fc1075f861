"""Writing a principle's draft: starting it, its sections and its lines."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from ..models import (
    DEFAULT_SECTIONS,
    BoardSpace,
    Principle,
    PrincipleLine,
    PrincipleSection,
    Worksheet,
)
from .sources import sources_for


@transaction.atomic
def start_principle(
    space: BoardSpace, *, title: str, area: str, worksheet: Worksheet | None = None
) -> Principle:
    """A principle with the usual sections, prefilled from the worksheet when there is one: its
    agreed answers as goals, its next steps as the school's part, each citing where it comes
    from – a draft for the board to rewrite, not a principle."""
    principle = Principle.objects.create(space=space, title=title, area=area, worksheet=worksheet)
    sections = PrincipleSection.objects.bulk_create(
        PrincipleSection(principle=principle, title=name, position=number)
        for number, name in enumerate(DEFAULT_SECTIONS, start=1)
    )
    if worksheet is not None:
        _prefill(sections[1], sections[2], worksheet)
    return principle


def _prefill(goals: PrincipleSection, school: PrincipleSection, worksheet: Worksheet) -> None:
    sources = sources_for(worksheet)
    position = {goals.pk: 0, school.pk: 0}

    def add(section, text, *, answer=None, item=None):
        position[section.pk] += 1
        line = PrincipleLine.objects.create(
            section=section, text=text, position=position[section.pk]
        )
        if answer is not None:
            line.answers.add(answer)
        if item is not None:
            line.items.add(item)

    for q in sources.questions:
        if q.agreed is not None and q.agreed.text.strip():
            add(goals, q.agreed.text.strip(), answer=q.agreed, item=q.item)
        for step in q.steps:
            add(school, step.what, item=q.item)


def add_section(principle: Principle, title: str) -> PrincipleSection:
    last = principle.sections.aggregate(last=Max("position"))["last"] or 0
    return PrincipleSection.objects.create(principle=principle, title=title, position=last + 1)


def add_line(section: PrincipleSection, text: str, kind: str) -> PrincipleLine:
    last = section.lines.aggregate(last=Max("position"))["last"] or 0
    return PrincipleLine.objects.create(section=section, text=text, kind=kind, position=last + 1)


def move(obj: PrincipleSection | PrincipleLine, siblings, direction: int) -> None:
    """Swap `obj` with its neighbour above (-1) or below (+1); renumbers the siblings first, so
    equal positions cannot stop a move."""
    ordered = list(siblings)
    index = next(i for i, other in enumerate(ordered) if other.pk == obj.pk)
    target = index + direction
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for number, other in enumerate(ordered, start=1):
        other.position = number
    type(obj).objects.bulk_update(ordered, ["position"])


@dataclass
class LineSave:
    saved: bool
    line: PrincipleLine


def save_line(
    line: PrincipleLine, *, base_version: int, text: str, kind: str, items, answers
) -> LineSave:
    """Write the line if nobody saved it since `base_version`; otherwise write nothing and hand
    back the stored line, so the page can show both texts."""
    with transaction.atomic():
        updated = PrincipleLine.objects.filter(pk=line.pk, version=base_version).update(
            text=text, kind=kind, version=F("version") + 1, updated_at=timezone.now()
        )
        if updated:
            line.refresh_from_db()
            line.items.set(items)
            line.answers.set(answers)
            return LineSave(True, line)
    line.refresh_from_db()
    return LineSave(False, line)
