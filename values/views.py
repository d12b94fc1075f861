"""Public pages: frameworks, themes, concepts and search.

Every base queryset comes from values.visibility, and every query a page runs is written out here
or in the module it calls by name (values.comparison, values.search), so each page runs a fixed
number of queries however much content there is (pinned by tests).
"""

from __future__ import annotations

import functools

from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from . import comparison
from . import search as search_engine
from .kept import kept
from .models import Concept
from .outline import item_tree
from .visibility import (
    frameworks_for,
    frameworks_with_counts_for,
    items_for,
    questions_for,
    search_entries_for,
    themes_for,
)

# What a framework's heading on the concept pages shows, and nothing of its long texts.
FRAMEWORK_HEADING = ("slug", "title", "position", "year", "theme_label", "publisher__name")
MATRIX_COLUMNS = 10  # frameworks per page of the concept overview
FRAMEWORKS_PER_PAGE = 20


def framework_pages(request: HttpRequest, frameworks, per_page: int) -> Paginator:
    """The visible frameworks a page at a time, their number kept under the content version:
    with a page's cards kept, counting them was the page's one query."""
    pages = Paginator(frameworks, per_page)
    # `count` is a cached property: set on the paginator, it is what Django would have cached.
    pages.count = kept(request, "framework-count", frameworks.count)
    return pages


def framework_list(request: HttpRequest) -> HttpResponse:
    # Counted on the plain queryset: building the one with the theme and question counts took
    # most of the page's time, and a kept page of cards never reads it.
    frameworks = framework_pages(request, frameworks_for(request), FRAMEWORKS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    first, last = max(frameworks.start_index() - 1, 0), frameworks.end_index()
    frameworks.object_list = SimpleLazyObject(
        lambda: list(frameworks_with_counts_for(request)[first:last])
    )
    return render(request, "values/framework_list.html", {"frameworks": frameworks})


def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Kept under the content version like the page below its heading (see theme_detail).
    framework = kept(
        request,
        f"framework:{slug}",
        lambda: get_object_or_404(frameworks_for(request).select_related("publisher"), slug=slug),
    )

    def parts() -> list:
        """Every part in the document's order, its themes and its other parts alike: read only
        when the page's fragment is not kept."""
        themes = list(themes_for(request).filter(framework=framework).prefetch_related("concepts"))
        for theme in themes:
            theme.framework = framework  # for get_absolute_url without a query per theme
        return themes

    context = {
        "framework": framework,
        "parts": parts,
        "references": [line for line in framework.references.splitlines() if line.strip()],
    }
    return render(request, "values/framework_detail.html", context)


def theme_detail(request: HttpRequest, framework_slug: str, slug: str) -> HttpResponse:
    # The theme with its framework and publisher, kept under the content version like the page
    # below its heading: with that fragment kept, this lookup was a third of the page's time. An
    # address that finds nothing is a 404 each time and keeps nothing.
    theme = kept(
        request,
        f"theme:{framework_slug}:{slug}",
        lambda: get_object_or_404(
            themes_for(request).select_related("framework__publisher"),
            framework__slug=framework_slug,
            slug=slug,
        ),
    )
    framework = theme.framework

    @functools.cache
    def parts() -> dict:
        """The page below its heading: read only when the page's fragment is not kept."""
        concepts = list(theme.concepts.all())
        items = list(items_for(request).filter(theme=theme))
        questions = list(questions_for(request).filter(theme=theme))
        siblings = list(
            themes_for(request)
            .filter(framework=framework)
            .only("framework", "number", "title", "slug")
        )
        for sibling in siblings:
            sibling.framework = framework
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == theme.pk)
        comparison.attach_related_themes(request, framework, concepts)
        return {
            "concepts": concepts,
            "blocks": item_tree(items, questions, theme.title),
            "materials": list(theme.materials.all()),
            "previous_theme": siblings[index - 1] if index > 0 else None,
            "next_theme": siblings[index + 1] if index + 1 < len(siblings) else None,
        }

    context = {"theme": theme, "framework": framework}
    for name in ("concepts", "blocks", "materials", "previous_theme", "next_theme"):
        context[name] = SimpleLazyObject(lambda name=name: parts()[name])
    return render(request, "values/theme_detail.html", context)


def concept_list(request: HttpRequest) -> HttpResponse:
    """The matrix: how much each framework says on each concept (themes, items, questions), a
    page of frameworks at a time so the table stays readable however many there are."""
    frameworks = framework_pages(
        request,
        frameworks_for(request).select_related("publisher").only(*FRAMEWORK_HEADING),
        MATRIX_COLUMNS,
    ).get_page(request.GET.get("side"))

    def concepts() -> list[Concept]:
        """Each concept with its row of cells: read only when the page's fragment is not kept."""
        concepts = list(Concept.objects.all())
        counts = comparison.concept_counts(request, frameworks=[f.pk for f in frameworks])
        totals = comparison.concept_totals(request)
        highest = max(counts.values(), default=0)
        for concept in concepts:
            # Reversed once per concept, not per cell: the cells' links were a third of the page.
            concept.url = concept.get_absolute_url()
            concept.cells = []
            for framework in frameworks:
                n = counts[(concept.pk, framework.pk)]
                # Five visual levels (0–4) relative to the largest cell; the number always shows.
                level = 0 if n == 0 else max(1, -(-4 * n // highest))
                url = f"{concept.url}?ramme={framework.slug}#ramme-{framework.slug}"
                concept.cells.append(
                    {"framework": framework, "count": n, "level": level, "url": url}
                )
            concept.total = totals[concept.pk]
        return concepts

    context = {"concepts": concepts, "frameworks": frameworks, "wide": True}
    return render(request, "values/concept_list.html", context)


def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Kept under the content version like the columns (see theme_detail).
    concept = kept(request, f"concept:{slug}", lambda: get_object_or_404(Concept, slug=slug))
    # The frameworks the visitor asked for; only slug-shaped values can name one.
    wanted = sorted({value for value in request.GET.getlist("ramme") if slug_re.match(value)})

    def choose() -> comparison.CompareChoice:
        """Which frameworks stand side by side: read only when the page's fragment is not kept."""
        frameworks = list(
            frameworks_for(request).select_related("publisher").only(*FRAMEWORK_HEADING)
        )
        counts = {
            framework_id: n
            for (_concept, framework_id), n in comparison.concept_counts(request, concept).items()
        }
        return comparison.choose(frameworks, counts, set(wanted))

    choice = SimpleLazyObject(choose)

    def columns() -> list[dict]:
        """A column per framework set side by side."""
        shown = [framework.pk for framework in choice.shown]
        columns = {
            framework.pk: {"framework": framework, "themes": [], "items": [], "questions": []}
            for framework in choice.shown
        }
        themes = themes_for(request).filter(concepts=concept, framework__in=shown)
        items = (
            items_for(request)
            .filter(concepts=concept, theme__framework__in=shown)
            .select_related("theme__framework", "parent")
            .order_by("theme__position", "theme_id", "position", "pk")
        )
        questions = (
            questions_for(request)
            .filter(concepts=concept, theme__framework__in=shown)
            .select_related("theme__framework", "item")
            .order_by("theme__position", "theme_id", "position", "pk")
        )
        for key, objects in (("themes", themes), ("items", items), ("questions", questions)):
            for obj in objects:
                framework_id = obj.framework_id if key == "themes" else obj.theme.framework_id
                column = columns[framework_id]
                if key == "themes":
                    obj.framework = column["framework"]
                column[key].append(obj)
        return list(columns.values())

    context = {
        "concept": concept,
        "choice": choice,
        "columns": SimpleLazyObject(columns),
        # The key of the kept page body: the frameworks asked for.
        "wanted": ",".join(wanted),
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
