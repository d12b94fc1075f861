"""Public pages: frameworks, themes, concepts and search.

Every base queryset comes from values.visibility, and every query a page runs is written out here,
so each page runs a fixed number of queries however much content there is (pinned by tests).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import search as search_engine
from .models import Concept, Item, ReflectionQuestion, Theme
from .outline import item_tree
from .visibility import (
    frameworks_for,
    frameworks_with_counts_for,
    items_for,
    questions_for,
    search_entries_for,
    themes_for,
)


def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = frameworks_with_counts_for(request)
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
    blocks = item_tree(items, questions, theme.title)
    materials = list(theme.materials.all())

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
        "materials": materials,
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
        "results": results,
        # Suggestions only when there is nothing to show, so a page with hits runs one query.
        "suggested_concepts": Concept.objects.all() if not results.count and page == 1 else None,
    }
    return render(request, "values/search.html", context)
