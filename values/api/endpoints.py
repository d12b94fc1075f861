"""The read-only API's operations (django-ninja): lists with filters and pages, one object by
its key, and the site's own Danish search. Every answer is published content only."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from .. import search as site_search
from ..models import Item, SearchEntry
from . import queries, schemas, serialize
from .freshness import conditional
from .queries import DEFAULT_PAGE_SIZE, MAX_ID, MAX_PAGE, MAX_PAGE_SIZE, SLUG_PATTERN

DESCRIPTION = """\
Forældresamarbejdes rammer som åbne, strukturerede data: udgivere, rammer, temaer, punkter,
refleksionsspørgsmål, begreber, materialer pr. tema og de skolebestyrelsers offentliggjorte
principper, som deres kommune viser. Kun offentliggjort indhold; kun læsning (GET).

- **Sider**: `page` og `page_size` (højst 100); svaret har `count`, `next` og `previous`.
- **Filtre**: `framework`, `publisher`, `concept` (kortnavne) og `kind` (punkternes type).
- **Principper**: `/api/v1/principles` er skolebestyrelsernes offentliggjorte principper, som
  deres kommune viser på sin egen side; filtrér med `municipality` (kommunens kortnavn).
- **Søgning**: `/api/v1/search?q=…` er portalens egen danske fritekstsøgning.
- **Caching**: hvert svar har `ETag` og `Last-Modified`; spørg igen med `If-None-Match` eller
  `If-Modified-Since`, og svaret er `304 Not Modified`, hvis intet er ændret.
- **CORS**: alle oprindelser må læse (GET); ingen cookies.
- **Fejl** er JSON: `{"detail": "…"}` med en forklaring på dansk.
- **Licens**: hver ramme har sine egne vilkår i `licence` – som udgiveren angiver dem.
- **Hele indholdet på én gang**: `/api/v1/data/foraeldresamarbejde.zip` (JSON og CSV) med
  metadata efter DCAT-AP-DK i `/api/v1/data/dcat.jsonld`.
"""


class PortalAPI(NinjaAPI):
    """The schema is the same for every request (it names paths, not hosts): built once per
    process instead of on every request (about a tenth of a second each)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cache:
            cache[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return cache[path_prefix]


api = PortalAPI(
    title="Forældresamarbejde – åbent API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,  # our own page, served from our own static files (values.api.urls)
    openapi_url="/openapi.json",
)

ERRORS = {400: schemas.Error, 404: schemas.Error}
Page = schemas.Page
Slug = Query(None, pattern=SLUG_PATTERN, description="Kortnavn (slug).")
Key = Path(..., ge=1, le=MAX_ID, description="Id.")
SlugKey = Path(..., pattern=SLUG_PATTERN, description="Kortnavn (slug).")
PageNumber = Query(1, ge=1, le=MAX_PAGE, description="Sidenummer, fra 1.")
KindFilter = Query(None, description="Punktets type.")
ThemeFilter = Query(None, ge=1, le=MAX_ID, description="Temaets id.")
SearchWords = Query(..., min_length=1, max_length=200, description="Ord at søge efter.")
# Hits per page of the search operation: thirty since the API's first version (the portal's own
# search page shows fewer).
SEARCH_PAGE_SIZE = 30
SearchPage = Query(1, ge=1, le=100, description="Sidenummer, fra 1.")
PageSize = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Antal pr. side.")


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, exc: ValidationError):
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'forespørgslen'}: "
        f"{error.get('msg', '')}"
        for error in exc.errors
    )
    return api.create_response(
        request, {"detail": f"Ugyldig forespørgsel – {problems}"}, status=400
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    message = str(exc) if str(exc).startswith("Siden") else ""
    return api.create_response(
        request,
        {"detail": message or "Findes ikke, eller er ikke offentliggjort."},
        status=404,
    )


def _one(queryset, **key):
    return get_object_or_404(queryset, **key)


@api.get(
    "/publishers",
    response={200: Page[schemas.PublisherOut], **ERRORS},
    operation_id="listPublishers",
    summary="Udgivere med offentliggjorte rammer",
)
@decorate_view(conditional)
def list_publishers(request, page: int = PageNumber, page_size: int = PageSize):
    return queries.paginate(request, queries.publishers(), page, page_size, serialize.publisher)


@api.get(
    "/publishers/{slug}",
    response={200: schemas.PublisherOut, **ERRORS},
    operation_id="getPublisher",
    summary="Én udgiver",
)
@decorate_view(conditional)
def get_publisher(request, slug: str = SlugKey):
    return serialize.publisher(_one(queries.publishers(), slug=slug), request.build_absolute_uri)


@api.get(
    "/concepts",
    response={200: Page[schemas.ConceptOut], **ERRORS},
    operation_id="listConcepts",
    summary="Fælles begreber på tværs af rammerne",
)
@decorate_view(conditional)
def list_concepts(request, page: int = PageNumber, page_size: int = PageSize):
    return queries.paginate(request, queries.concepts(), page, page_size, serialize.concept)


@api.get(
    "/concepts/{slug}",
    response={200: schemas.ConceptOut, **ERRORS},
    operation_id="getConcept",
    summary="Ét begreb",
)
@decorate_view(conditional)
def get_concept(request, slug: str = SlugKey):
    return serialize.concept(_one(queries.concepts(), slug=slug), request.build_absolute_uri)


@api.get(
    "/frameworks",
    response={200: Page[schemas.FrameworkOut], **ERRORS},
    operation_id="listFrameworks",
    summary="Offentliggjorte rammer",
)
@decorate_view(conditional)
def list_frameworks(
    request,
    publisher: str | None = Slug,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    rows = queries.filtered(queries.frameworks(), "", publisher=publisher)
    return queries.paginate(request, rows, page, page_size, serialize.framework)


@api.get(
    "/frameworks/{slug}",
    response={200: schemas.FrameworkOut, **ERRORS},
    operation_id="getFramework",
    summary="Én ramme med licens og kilde",
)
@decorate_view(conditional)
def get_framework(request, slug: str = SlugKey):
    return serialize.framework(_one(queries.frameworks(), slug=slug), request.build_absolute_uri)


@api.get(
    "/themes",
    response={200: Page[schemas.ThemeOut], **ERRORS},
    operation_id="listThemes",
    summary="Temaer og rammernes andre dele",
)
@decorate_view(conditional)
def list_themes(
    request,
    framework: str | None = Slug,
    publisher: str | None = Slug,
    concept: str | None = Slug,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    rows = queries.filtered(
        queries.themes(), "framework", framework=framework, publisher=publisher, concept=concept
    )
    return queries.paginate(request, rows, page, page_size, serialize.theme)


@api.get(
    "/themes/{id}",
    response={200: schemas.ThemeOut, **ERRORS},
    operation_id="getTheme",
    summary="Ét tema",
)
@decorate_view(conditional)
def get_theme(request, id: int = Key):  # noqa: A002
    return serialize.theme(_one(queries.themes(), pk=id), request.build_absolute_uri)


@api.get(
    "/items",
    response={200: Page[schemas.ItemOut], **ERRORS},
    operation_id="listItems",
    summary="Punkter: udsagn, indikatorer, anbefalinger …",
)
@decorate_view(conditional)
def list_items(
    request,
    framework: str | None = Slug,
    publisher: str | None = Slug,
    concept: str | None = Slug,
    kind: Item.Kind | None = KindFilter,
    theme: int | None = ThemeFilter,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    rows = queries.filtered(
        queries.items(),
        "theme__framework",
        framework=framework,
        publisher=publisher,
        concept=concept,
        kind=kind.value if kind else None,
        theme=theme,
    )
    return queries.paginate(request, rows, page, page_size, serialize.item)


@api.get(
    "/items/{id}",
    response={200: schemas.ItemOut, **ERRORS},
    operation_id="getItem",
    summary="Ét punkt",
)
@decorate_view(conditional)
def get_item(request, id: int = Key):  # noqa: A002
    return serialize.item(_one(queries.items(), pk=id), request.build_absolute_uri)


@api.get(
    "/questions",
    response={200: Page[schemas.QuestionOut], **ERRORS},
    operation_id="listQuestions",
    summary="Refleksionsspørgsmål",
)
@decorate_view(conditional)
def list_questions(
    request,
    framework: str | None = Slug,
    publisher: str | None = Slug,
    concept: str | None = Slug,
    theme: int | None = ThemeFilter,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    rows = queries.filtered(
        queries.questions(),
        "theme__framework",
        framework=framework,
        publisher=publisher,
        concept=concept,
        theme=theme,
    )
    return queries.paginate(request, rows, page, page_size, serialize.question)


@api.get(
    "/questions/{id}",
    response={200: schemas.QuestionOut, **ERRORS},
    operation_id="getQuestion",
    summary="Ét refleksionsspørgsmål",
)
@decorate_view(conditional)
def get_question(request, id: int = Key):  # noqa: A002
    return serialize.question(_one(queries.questions(), pk=id), request.build_absolute_uri)


@api.get(
    "/materials",
    response={200: Page[schemas.MaterialOut], **ERRORS},
    operation_id="listMaterials",
    summary="Materialer: andres materiale knyttet til et tema",
)
@decorate_view(conditional)
def list_materials(
    request,
    framework: str | None = Slug,
    publisher: str | None = Slug,
    theme: int | None = ThemeFilter,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    rows = queries.filtered(
        queries.materials(),
        "theme__framework",
        framework=framework,
        publisher=publisher,
        theme=theme,
    )
    return queries.paginate(request, rows, page, page_size, serialize.material)


@api.get(
    "/materials/{id}",
    response={200: schemas.MaterialOut, **ERRORS},
    operation_id="getMaterial",
    summary="Ét materiale",
)
@decorate_view(conditional)
def get_material(request, id: int = Key):  # noqa: A002
    return serialize.material(_one(queries.materials(), pk=id), request.build_absolute_uri)


@api.get(
    "/search",
    response={200: schemas.SearchOut, **ERRORS},
    operation_id="search",
    summary="Dansk fritekstsøgning, som på portalen",
)
@decorate_view(conditional)
def search(
    request,
    q: str = SearchWords,
    page: int = SearchPage,
):
    query = site_search.Query.parse(q)
    found = site_search.search(
        query, SearchEntry.objects.published(), page=page, limit=SEARCH_PAGE_SIZE
    )
    return {
        "query": query.raw,
        "page": page,
        "has_next": found.truncated,
        "results": [_hit(hit, request) for group in found.groups for hit in group.hits],
    }


def _hit(hit: site_search.Hit, request: HttpRequest) -> dict:
    entry = hit.entry
    return {
        "kind": entry.kind,
        "framework": entry.theme.framework.slug,
        "theme": entry.theme_id,
        "item": entry.item_id,
        "question": entry.question_id,
        "title": entry.title,
        "text": entry.text,
        "url": request.build_absolute_uri(hit.url),
    }


# The principles' operations live in their own module; importing it registers them on `api`.
from . import principles  # noqa: E402, F401
