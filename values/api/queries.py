"""What the API may show: the published content through the models' own `published()` rules
(the same as the public pages, never an editor's preview), and pages of it."""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404, HttpRequest

from ..models import Concept, Framework, Item, Material, Publisher, ReflectionQuestion, Theme

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50
MAX_PAGE = 10_000
# Slugs as the portal makes them; anything else cannot match and is refused with 400.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,100}$"
MAX_ID = 2**62

CONCEPT_SLUGS = Prefetch("concepts", queryset=Concept.objects.only("slug", "position", "name"))


def publishers() -> QuerySet[Publisher]:
    """Publishers with at least one published framework."""
    published = Framework.objects.published().filter(publisher=OuterRef("pk"))
    return Publisher.objects.filter(Exists(published))


def concepts() -> QuerySet[Concept]:
    return Concept.objects.all()


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.published().select_related("publisher")


def themes() -> QuerySet[Theme]:
    return Theme.objects.published().select_related("framework").prefetch_related(CONCEPT_SLUGS)


def items() -> QuerySet[Item]:
    return (
        Item.objects.published()
        .select_related("theme__framework")
        .defer("theme__body", "theme__lead", "theme__framework__introduction")
        .prefetch_related(CONCEPT_SLUGS)
    )


def questions() -> QuerySet[ReflectionQuestion]:
    return (
        ReflectionQuestion.objects.published()
        .select_related("theme__framework")
        .defer("theme__body", "theme__lead", "theme__framework__introduction")
        .prefetch_related(CONCEPT_SLUGS)
    )


def materials() -> QuerySet[Material]:
    """Outside material attached to published themes."""
    return (
        Material.objects.published()
        .select_related("theme__framework")
        .defer("theme__body", "theme__lead", "theme__framework__introduction")
    )


def filtered(queryset: QuerySet, framework_path: str, **chosen: str | int | None) -> QuerySet:
    """`queryset` narrowed by the filters a client chose (None: not chosen). `framework_path`
    is how the rows reach their framework ("" for frameworks themselves)."""
    prefix = f"{framework_path}__" if framework_path else ""
    lookups = {
        "framework": f"{framework_path}__slug" if framework_path else "slug",
        "publisher": f"{prefix}publisher__slug",
        "concept": "concepts__slug",
        "kind": "kind",
        "theme": "theme_id",
    }
    conditions = {lookups[name]: value for name, value in chosen.items() if value is not None}
    return queryset.filter(**conditions)


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    page: int,
    page_size: int,
    serialize: Callable[[object, Callable[[str], str]], dict],
) -> dict:
    count = queryset.count()
    last = max(1, ceil(count / page_size))
    if page > last:
        raise Http404(f"Siden findes ikke: der er {last} side(r) med {page_size} pr. side.")
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size])
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": _page_url(request, page + 1) if page < last else None,
        "previous": _page_url(request, page - 1) if page > 1 else None,
        "results": [serialize(row, request.build_absolute_uri) for row in rows],
    }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
