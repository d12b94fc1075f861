"""The layout of a theme page: the document's own runs, sections and heading levels.

Items nest under their parents and questions under their items, in document order; consecutive
objects with the same heading form a run ("Det kan vi se, når" …); KL's main points gather under
one section heading; and every title gets the heading level its place in that outline gives it.
The results are attributes on the objects for the templates (`child_runs`, `question_runs`,
`level`, `sublevel`).
"""

from __future__ import annotations

from itertools import groupby

from django.utils.translation import gettext_lazy as _

from .models import Item, ReflectionQuestion


class Run:
    """Consecutive objects that share the document's heading (e.g. "Det kan vi se, når")."""

    def __init__(self, heading: str, members: list):
        self.heading = heading
        self.members = members
        self.is_questions = isinstance(members[0], ReflectionQuestion)
        # Items without titles of their own read as a list ("Det betyder, at" …).
        self.as_list = len(members) > 1 and not any(getattr(m, "title", "") for m in members)
        self.numbered = getattr(members[0], "kind", "") == Item.Kind.SPIRAL_STEP
        # No heading where the document has none, nor one that repeats the page's own title.
        self.show_heading = bool(heading)


def runs(objects: list, page_title: str = "") -> list[Run]:
    grouped = groupby(objects, lambda o: (isinstance(o, ReflectionQuestion), o.heading))
    result = [Run(heading, list(group)) for (_, heading), group in grouped]
    for run in result:
        if run.heading == page_title:
            run.show_heading = False
    return result


def item_tree(items: list[Item], questions: list[ReflectionQuestion], page_title: str = ""):
    """Nest children under their parents and questions under their items; the theme's own
    top-level items and its theme-level questions share one order, the document's."""
    by_id = {item.pk: item for item in items}
    for item in items:
        item.child_list, item.question_list = [], []
    top: list[Item | ReflectionQuestion] = []
    for item in items:
        parent = by_id.get(item.parent_id)
        seen = {item.pk}
        ancestor = parent
        while ancestor is not None and ancestor.pk not in seen:  # guard against a cycle
            seen.add(ancestor.pk)
            ancestor = by_id.get(ancestor.parent_id)
        (parent.child_list if parent is not None and ancestor is None else top).append(item)
    for question in questions:
        owner = by_id.get(question.item_id)
        (owner.question_list if owner is not None else top).append(question)
    # Stable: items and questions with the same number keep items first, as before.
    top.sort(key=lambda o: (o.position, isinstance(o, ReflectionQuestion), o.pk))
    for item in items:
        item.child_runs = runs(item.child_list)
        item.question_runs = runs(item.question_list)
    return _sections(runs(top, page_title))


class Section:
    """Runs of one kind gathered under the heading the documents give the kind as a whole: KL
    sets "Hovedpointer" over its runs of main points ("Forældrene har ansvar for at" …)."""

    def __init__(self, heading: str, runs: list[Run]):
        self.heading = heading
        self.runs = runs


SECTION_HEADINGS = {Item.Kind.MAIN_POINT: _("Hovedpointer")}


def _sections(top_runs: list[Run]) -> list[Run | Section]:
    blocks: list[Run | Section] = []
    for run in top_runs:
        kind = getattr(run.members[0], "kind", None)
        heading = SECTION_HEADINGS.get(kind)
        if heading is None or run.heading == heading:
            blocks.append(run)
            for item in run.members if not run.is_questions else ():
                # Under the run's <h2> the items' own titles are <h3>; with no heading, <h2>.
                _assign_levels(item, 3 if run.show_heading else 2)
            continue
        previous = blocks[-1] if blocks else None
        if isinstance(previous, Section) and previous.runs[0].members[0].kind == kind:
            previous.runs.append(run)
        else:
            blocks.append(Section(heading, [run]))
        for item in run.members:  # <h2> section, <h3> run, <h4> titles
            _assign_levels(item, 4)
    return blocks


def _assign_levels(item: Item, title_level: int) -> None:
    """Heading levels for an item's title and for the headings nested inside it, in order."""
    item.level = min(title_level, 6)
    inner = title_level + 1 if item.title else title_level
    item.sublevel = min(inner, 6)
    for run in item.child_runs:
        # A child run repeats no heading the reader has just seen.
        if run.heading in (item.heading, item.title):
            run.show_heading = False
        for child in run.members:
            _assign_levels(child, inner + 1 if run.show_heading else inner)
