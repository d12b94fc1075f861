"""Public pages: frameworks, themes, concepts and search.

Every base queryset comes from values.visibility, and every query a page runs is written out here,
so each page runs a fixed number of queries however much content there is (pinned by tests).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from . import search as search_engine
from .models import Concept, Item, ReflectionQuestion, Theme
from .visibility import (
    frameworks_for,
    items_for,
    questions_for,
    search_entries_for,
    themes_for,
)

# Items a school board can take into a worksheet, next to reflection questions.
WORKSHEET_KINDS = frozenset({Item.Kind.STATEMENT, Item.Kind.INDICATOR})


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


def framework_counts(request: HttpRequest) -> dict[int, dict[str, int]]:
    """Visible themes and reflection questions per framework id (two queries)."""
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: {"themes": 0, "parts": 0, "questions": 0}
    )
    # What the document calls its themes, and all its parts for documents that have no themes.
    rows = themes_for(request).values("framework_id", "counts_as_theme").annotate(n=Count("id"))
    for row in rows.order_by():
        counts[row["framework_id"]]["parts"] += row["n"]
        if row["counts_as_theme"]:
            counts[row["framework_id"]]["themes"] = row["n"]
    questions = questions_for(request).values("theme__framework_id").annotate(n=Count("id"))
    for row in questions.order_by():
        counts[row["theme__framework_id"]]["questions"] = row["n"]
    return counts


def with_counts(request: HttpRequest, frameworks) -> list:
    counts = framework_counts(request)
    frameworks = list(frameworks)
    for framework in frameworks:
        framework.theme_count = counts[framework.pk]["themes"]
        framework.part_count = counts[framework.pk]["parts"]
        framework.question_count = counts[framework.pk]["questions"]
    return frameworks


def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = with_counts(request, frameworks_for(request).select_related("publisher"))
    return render(request, "values/framework_list.html", {"frameworks": frameworks})


def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = get_object_or_404(frameworks_for(request).select_related("publisher"), slug=slug)
    themes = list(themes_for(request).filter(framework=framework).prefetch_related("concepts"))
    for theme in themes:
        theme.framework = framework  # for get_absolute_url without a query per theme
    context = {
        "framework": framework,
        # Every part in the document's order: its themes and its other parts alike.
        "parts": themes,
        "references": [line for line in framework.references.splitlines() if line.strip()],
    }
    return render(request, "values/framework_detail.html", context)


def _item_tree(items: list[Item], questions: list[ReflectionQuestion], page_title: str = ""):
    """Nest children under their parents and questions under their items; the theme's own
    top-level items and its theme-level questions share one order, the document's."""
    by_id = {item.pk: item for item in items}
    for item in items:
        item.child_list, item.question_list = [], []
        item.worksheet = item.kind in WORKSHEET_KINDS
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


def theme_detail(request: HttpRequest, framework_slug: str, slug: str) -> HttpResponse:
    theme = get_object_or_404(
        themes_for(request).select_related("framework__publisher"),
        framework__slug=framework_slug,
        slug=slug,
    )
    framework = theme.framework
    concepts = list(theme.concepts.all())
    items = list(items_for(request).filter(theme=theme))
    questions = list(questions_for(request).filter(theme=theme))
    blocks = _item_tree(items, questions, theme.title)

    siblings = list(
        themes_for(request).filter(framework=framework).only("framework", "number", "title", "slug")
    )
    for sibling in siblings:
        sibling.framework = framework
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == theme.pk)
    previous_theme = siblings[index - 1] if index > 0 else None
    next_theme = siblings[index + 1] if index + 1 < len(siblings) else None

    related: dict[int, list[Theme]] = defaultdict(list)
    if concepts:
        links = (
            Theme.concepts.through.objects.filter(
                concept__in=[concept.pk for concept in concepts],
                theme__in=themes_for(request).exclude(framework=framework),
            )
            .select_related("theme__framework__publisher")
            .order_by("theme__framework__position", "theme__framework__title", "theme__position")
        )
        for link in links:
            related[link.concept_id].append(link.theme)
    for concept in concepts:
        concept.related_themes = related[concept.pk]

    context = {
        "theme": theme,
        "framework": framework,
        "concepts": concepts,
        "blocks": blocks,
        "previous_theme": previous_theme,
        "next_theme": next_theme,
    }
    return render(request, "values/theme_detail.html", context)


def concept_list(request: HttpRequest) -> HttpResponse:
    """The matrix: how much each framework says on each concept (themes, items, questions)."""
    concepts = list(Concept.objects.all())
    frameworks = list(frameworks_for(request).select_related("publisher"))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    sources = [
        (Theme.concepts.through, "theme", themes_for(request), "theme__framework_id"),
        (Item.concepts.through, "item", items_for(request), "item__theme__framework_id"),
        (
            ReflectionQuestion.concepts.through,
            "reflectionquestion",
            questions_for(request),
            "reflectionquestion__theme__framework_id",
        ),
    ]
    for through, field_name, visible, framework_path in sources:
        rows = (
            through.objects.filter(**{f"{field_name}__in": visible})
            .values("concept_id", framework_path)
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[(row["concept_id"], row[framework_path])] += row["n"]
    highest = max(counts.values(), default=0)
    for concept in concepts:
        concept.cells = []
        for framework in frameworks:
            n = counts[(concept.pk, framework.pk)]
            # Five visual levels (0–4) relative to the largest cell; the number is always shown.
            level = 0 if n == 0 else max(1, -(-4 * n // highest))
            concept.cells.append({"framework": framework, "count": n, "level": level})
        concept.total = sum(cell["count"] for cell in concept.cells)
    context = {"concepts": concepts, "frameworks": frameworks, "wide": True}
    return render(request, "values/concept_list.html", context)


def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    frameworks = list(frameworks_for(request).select_related("publisher"))
    columns = {
        framework.pk: {"framework": framework, "themes": [], "items": [], "questions": []}
        for framework in frameworks
    }
    themes = themes_for(request).filter(concepts=concept).select_related("framework")
    items = (
        items_for(request)
        .filter(concepts=concept)
        .select_related("theme__framework", "parent")
        .order_by("theme__position", "theme_id", "position", "pk")
    )
    questions = (
        questions_for(request)
        .filter(concepts=concept)
        .select_related("theme__framework", "item")
        .order_by("theme__position", "theme_id", "position", "pk")
    )
    for key, objects in (("themes", themes), ("items", items), ("questions", questions)):
        for obj in objects:
            framework_id = obj.framework_id if key == "themes" else obj.theme.framework_id
            if framework_id in columns:
                columns[framework_id][key].append(obj)
    for column in columns.values():
        for item in column["items"]:
            item.worksheet = item.kind in WORKSHEET_KINDS
    context = {
        "concept": concept,
        "columns": list(columns.values()),
        "other_concepts": Concept.objects.exclude(pk=concept.pk),
        "wide": True,
    }
    return render(request, "values/concept_detail.html", context)


def search(request: HttpRequest) -> HttpResponse:
    query = search_engine.Query.parse(request.GET.get("q"))
    page = request.GET.get("side", "")
    page = min(int(page), 1000) if page.isdigit() and int(page) > 0 else 1
    results = search_engine.search(query, search_entries_for(request), page=page)
    context = {
        "q": query.raw,
        "search_q": query.raw,
        "query": query,
        "worksheet_kinds": WORKSHEET_KINDS,
        "results": results,
        # Suggestions only when there is nothing to show, so a page with hits runs one query.
        "suggested_concepts": Concept.objects.all() if not results.count and page == 1 else None,
    }
    return render(request, "values/search.html", context)
