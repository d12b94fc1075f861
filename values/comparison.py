"""How much each framework says on each concept, which frameworks a concept page sets side by
side – the reader's choice (?ramme=slug&…) or, by default, the first few that say something –
and which themes of other frameworks a theme page links to.

The choice offers the frameworks that say the most on the concept and those already chosen, not
every framework, and only the shown frameworks' quotes are loaded: a concept page weighs the same
with five frameworks or five hundred, and loads only what it shows. The concept overview lists
them all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest

from .kept import kept
from .models import Item, ReflectionQuestion, Theme
from .visibility import items_for, questions_for, themes_for

DEFAULT_COLUMNS = 3  # shown when the reader has chosen nothing
MAX_COLUMNS = 6  # side by side at most
OFFERED = 12  # frameworks offered in the choice besides the chosen ones
SILENT_NAMED = 10  # frameworks silent on the concept named; beyond that, only their number
RELATED_THEMES = 8  # themes in other frameworks per concept on a theme page
RELATED_THEME_FIELDS = (
    "title",
    "slug",
    "framework__slug",
    "framework__title",
    "framework__publisher__name",
)


def concept_counts(request: HttpRequest, concept=None, frameworks=None) -> Counter:
    """(concept id, framework id) → visible themes, items and questions tagged with the concept;
    for one concept or all, for the given frameworks or all. One query (three grouped ones as a
    UNION ALL), kept under the content version."""
    # The same for every visitor until the next save, and compiling the three grouped queries
    # was a fifth of a comparison's or the overview's CPU.
    name = "concept-counts:{}:{}".format(
        concept.pk if concept is not None else "all",
        ",".join(map(str, frameworks)) if frameworks is not None else "all",
    )
    return kept(request, name, lambda: _count(request, concept, frameworks))


def _count(request: HttpRequest, concept=None, frameworks=None) -> Counter:
    parts = []
    for through, visible, framework_path in _sources(request):
        rows = through.objects.filter(visible)
        if concept is not None:
            rows = rows.filter(concept=concept)
        if frameworks is not None:
            rows = rows.filter(**{f"{framework_path}__in": frameworks})
        rows = rows.values_list("concept_id", framework_path).annotate(n=Count("id"))
        parts.append(rows.order_by())
    counts: Counter = Counter()
    for concept_id, framework_id, n in parts[0].union(*parts[1:], all=True):
        counts[(concept_id, framework_id)] += n
    return counts


def concept_totals(request: HttpRequest) -> Counter:
    """Concept id → visible themes, items and questions tagged with it in all frameworks.

    Counting every tag grows with the content, so the public's totals are kept in the cache
    under the content version (any save starts a new one) as long as whole pages are
    (PAGE_CACHE_SECONDS, so with per-process caches they are never older than a cached page);
    a preview's are always counted."""
    return kept(request, "concept-totals", lambda: _count_totals(request))


def _count_totals(request: HttpRequest) -> Counter:
    parts = [
        through.objects.filter(visible).values_list("concept_id").annotate(n=Count("id")).order_by()
        for through, visible, _framework_path in _sources(request)
    ]
    totals: Counter = Counter()
    for concept_id, n in parts[0].union(*parts[1:], all=True):
        totals[concept_id] += n
    return totals


def _sources(request: HttpRequest) -> list[tuple]:
    """Each tag table with the condition that its content is visible and its framework's path."""
    return [
        (Theme.concepts.through, Q(theme__in=themes_for(request)), "theme__framework_id"),
        (Item.concepts.through, Q(item__in=items_for(request)), "item__theme__framework_id"),
        (
            ReflectionQuestion.concepts.through,
            Q(reflectionquestion__in=questions_for(request)),
            "reflectionquestion__theme__framework_id",
        ),
    ]


@dataclass
class Option:
    framework: object
    count: int
    checked: bool


@dataclass
class CompareChoice:
    shown: list = field(default_factory=list)  # frameworks set side by side, in their order
    options: list[Option] = field(default_factory=list)  # offered in the form
    speaking: int = 0  # how many frameworks say something on the concept
    silent: list = field(default_factory=list)  # named frameworks that say nothing
    silent_count: int = 0

    @property
    def hidden_count(self) -> int:
        return self.speaking - len(self.shown)

    @property
    def form(self):
        from .forms import CompareChoiceForm

        return CompareChoiceForm(self.options, speaking=self.speaking)


def choose(frameworks: list, counts: dict[int, int], wanted: set[str]) -> CompareChoice:
    """`frameworks` in their order, `counts` framework id → quotes on the concept."""
    speaking = [framework for framework in frameworks if counts.get(framework.pk)]
    chosen = [framework for framework in speaking if framework.slug in wanted][:MAX_COLUMNS]
    shown = chosen or speaking[:DEFAULT_COLUMNS]
    most = sorted(speaking, key=lambda framework: -counts[framework.pk])[:OFFERED]
    offered = {framework.pk for framework in [*most, *shown]}
    shown_ids = {framework.pk for framework in shown}
    silent = [framework for framework in frameworks if not counts.get(framework.pk)]
    return CompareChoice(
        shown=shown,
        options=[
            Option(framework, counts[framework.pk], framework.pk in shown_ids)
            for framework in speaking
            if framework.pk in offered
        ],
        speaking=len(speaking),
        silent=silent if len(silent) <= SILENT_NAMED else [],
        silent_count=len(silent),
    )


def attach_related_themes(request: HttpRequest, framework, concepts: list) -> None:
    """On a theme page, each of its concepts gets the first few themes of other frameworks
    tagged with it (`related_themes`) and how many there are (`related_total`): ranked on narrow
    rows, then just those themes fetched, so the page weighs the same with five other frameworks
    or five hundred. Two queries (one while the ranking is kept), none without concepts."""
    related: dict[int, list[Theme]] = defaultdict(list)
    totals: dict[int, int] = {}
    if concepts:
        ranked = kept(
            request,
            f"related-themes:{framework.pk}:{','.join(str(c.pk) for c in concepts)}",
            lambda: _ranked_related(request, framework, concepts),
        )
        others = Theme.objects.select_related("framework__publisher").only(*RELATED_THEME_FIELDS)
        by_id = others.in_bulk({theme_id for _concept, theme_id, _total in ranked})
        for concept_id, theme_id, total in ranked:
            related[concept_id].append(by_id[theme_id])
            totals[concept_id] = total
    for concept in concepts:
        concept.related_themes = related[concept.pk]
        concept.related_total = totals.get(concept.pk, 0)


def _ranked_related(request: HttpRequest, framework, concepts: list) -> list[tuple[int, int, int]]:
    """(concept id, theme id, how many in all) for the first RELATED_THEMES themes per concept
    in other frameworks, in their order."""
    in_order = [F("theme__framework__position"), F("theme__framework__title")]
    return list(
        Theme.concepts.through.objects.filter(
            concept__in=[concept.pk for concept in concepts],
            theme__in=themes_for(request).exclude(framework=framework),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("concept_id"),
                order_by=[*in_order, F("theme__position"), F("theme_id")],
            ),
            total=Window(Count("id"), partition_by=F("concept_id")),
        )
        .filter(rank__lte=RELATED_THEMES)
        .order_by("concept_id", "rank")
        .values_list("concept_id", "theme_id", "total")
    )
