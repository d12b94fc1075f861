"""What the board worked out on the principle's worksheet, shown beside the editor and offered
as citations: agreed answers, ratings, next steps and the framework items it picked."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from values.models import Item

from ..models import Answer, NextStep, Worksheet, WorksheetQuestion
from .citations import answer_label, item_label, item_ordinals, item_url, items_with_theme


@dataclass
class SourceQuestion:
    question: WorksheetQuestion
    agreed: Answer | None
    steps: list[NextStep]
    item: Item | None
    item_label: str = ""
    item_url: str = ""


@dataclass
class Sources:
    questions: list[SourceQuestion] = field(default_factory=list)

    @property
    def items(self) -> list[tuple[Item, str, str]]:
        """The framework items the board picked: (item, label, url), each once."""
        seen, found = set(), []
        for q in self.questions:
            if q.item is not None and q.item.pk not in seen:
                seen.add(q.item.pk)
                found.append((q.item, q.item_label, q.item_url))
        return found

    @property
    def answers(self) -> list[tuple[Answer, str]]:
        """The agreed answers with something in them: (answer, label)."""
        return [
            (q.agreed, answer_label(q.agreed))
            for q in self.questions
            if q.agreed is not None and q.agreed.is_answered
        ]


def sources_for(worksheet: Worksheet | None) -> Sources:
    """Four queries: questions with their items, agreed answers, next steps, item numbering."""
    if worksheet is None:
        return Sources()
    questions = list(
        worksheet.questions.select_related(
            "source_item__theme__framework__publisher"
        ).prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.filter(participant__isnull=True),
                to_attr="agreed_answers",
            ),
            Prefetch("next_steps", queryset=NextStep.objects.all(), to_attr="steps"),
        )
    )
    ordinals = item_ordinals(q.source_item for q in questions if q.source_item_id)
    found = []
    for q in questions:
        agreed = q.agreed_answers[0] if q.agreed_answers else None
        if agreed is not None:
            agreed.question = q  # known already: no query for its label
        entry = SourceQuestion(q, agreed, q.steps, q.source_item)
        if q.source_item is not None:
            entry.item_label = item_label(q.source_item, ordinals.get(q.source_item_id))
            entry.item_url = item_url(q.source_item)
        found.append(entry)
    return Sources(found)


def extra_items(cited: list[Item], sources: Sources) -> list[tuple[Item, str, str]]:
    """Items a line cites that the worksheet does not offer (any more), labelled like the
    others; one query, and only when there are such items."""
    offered = {item.pk for item, _label, _url in sources.items}
    missing = [item.pk for item in cited if item.pk not in offered]
    if not missing:
        return []
    found = list(items_with_theme().filter(pk__in=missing))
    ordinals = item_ordinals(found)
    return [(item, item_label(item, ordinals.get(item.pk)), item_url(item)) for item in found]
