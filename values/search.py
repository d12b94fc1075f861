"""Danish full-text search over the frameworks' content.

Every searchable unit (a theme's own text, an item, a reflection question) has one SearchEntry row,
kept in sync by the signals below and rebuilt after `load_content`. Queries:

- PostgreSQL: the generated `document` tsvector (config `danish`, GIN index, see migration 0004)
  matched with `to_tsquery('danish', …)` and ranked with `ts_rank`.
- SQLite: the Danish Snowball stemmer (the algorithm PostgreSQL's `danish` config uses) writes one
  SearchTerm row per entry and stem; a query stem matches exactly or as a prefix, through the
  (term, entry) index.

On both, every word of the query must match, a word also matches longer words that start with its
stem (Danish compounds: "forældre" finds "forældremøder"), case and æ/ø/å do not matter, and exact
matches and title matches rank higher. Highlighting is done here in Python for both: escape first,
then mark.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape as html_escape

import snowballstemmer
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from .markup import plain_text
from .models import Framework, Item, ReflectionQuestion, SearchEntry, SearchTerm, Theme

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MAX_QUERY_LENGTH = 200
PREFIX_MIN_LENGTH = 3
RESULT_LIMIT = 30  # per page; excerpts are built only for the hits shown
SNIPPET_LENGTH = 320

# Weights per field on SQLite, in the proportions of PostgreSQL's ts_rank defaults (A 1.0, B 0.4,
# C 0.2), so both rank alike.
TITLE_WEIGHT, TEXT_WEIGHT, HEADING_WEIGHT = 5, 2, 1

# PostgreSQL's Danish stop word list (tsearch_data/danish.stop, from the Snowball project), so that
# SQLite ignores the same words.
_STOP_WORDS_TEXT = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
    min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle
    vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også
    under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange
    ad bliver hendes været thi jer sådan
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

WORD = re.compile(r"[^\W_]+")
_local = threading.local()


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, without punctuation."""
    return WORD.findall(normalise(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # Snowball stemmers keep state between calls: one per thread.
        stemmer = _local.stemmer = snowballstemmer.stemmer("danish")
    return stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


@dataclass(frozen=True)
class Query:
    """A visitor's query, cleaned: at most MAX_WORDS distinct words that can be searched for."""

    raw: str
    words: tuple[str, ...]

    @classmethod
    def parse(cls, raw: str | None) -> Query:
        raw = (raw or "").strip()[:MAX_QUERY_LENGTH]
        unique: list[str] = []
        for word in words(raw):
            word = word[:MAX_WORD_LENGTH]
            if word not in STOP_WORDS and word not in unique:
                unique.append(word)
        return cls(raw=raw, words=tuple(unique[:MAX_WORDS]))

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stem(word) for word in self.words))

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, word_stem: str) -> bool:
        return any(
            word_stem == s or (len(s) >= PREFIX_MIN_LENGTH and word_stem.startswith(s))
            for s in self.stems
        )

    @cached_property
    def _marked(self) -> dict[str, bool]:
        return {}

    def marks(self, word: str) -> bool:
        """Whether `word`, as written in a text, is one to highlight (remembered per query: a
        page of hits repeats the same words hundreds of times)."""
        marked = self._marked.get(word)
        if marked is None:
            normalised = normalise(word)
            marked = normalised not in STOP_WORDS and self.matches(stem(normalised))
            self._marked[word] = marked
        return marked


# --- Keeping the index in sync ------------------------------------------------------------------


def _theme_fields(theme: Theme) -> dict:
    label = theme.framework.theme_label if theme.number else ""
    return {
        "kind": SearchEntry.Kind.THEME,
        "theme_id": theme.pk,
        "item": None,
        "question": None,
        "title": theme.title,
        "heading": f"{label} {theme.number}".strip(),
        "text": plain_text(theme.body or theme.lead),
    }


def _item_fields(item: Item) -> dict:
    with override("da"):  # the kind's name is content here, whatever the editor's language
        heading = " ".join(part for part in (item.heading, item.place) if part)
    return {
        "kind": SearchEntry.Kind.ITEM,
        "theme_id": item.theme_id,
        "item": item,
        "question": None,
        "title": item.title,
        "heading": heading,
        "text": plain_text(item.text),
    }


def _question_fields(question: ReflectionQuestion) -> dict:
    with override("da"):
        heading = question.heading
    return {
        "kind": SearchEntry.Kind.QUESTION,
        "theme_id": question.theme_id,
        "item": None,
        "question": question,
        "title": "",
        "heading": heading,
        "text": question.text,
    }


def _uses_term_table() -> bool:
    return connection.vendor != "postgresql"


def _terms_for(entry: SearchEntry) -> list[SearchTerm]:
    weights: Counter[str] = Counter()
    for text, weight in (
        (entry.title, TITLE_WEIGHT),
        (entry.text, TEXT_WEIGHT),
        (entry.heading, HEADING_WEIGHT),
    ):
        for s in stems(text):
            weights[s[:100]] += weight
    return [SearchTerm(entry=entry, term=term, weight=w) for term, w in weights.items()]


def _store(lookup: dict, fields: dict) -> None:
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(**lookup, defaults=fields)
        if _uses_term_table():
            SearchTerm.objects.filter(entry=entry).delete()
            SearchTerm.objects.bulk_create(_terms_for(entry))


def index_theme(theme: Theme) -> None:
    _store({"kind": SearchEntry.Kind.THEME, "theme_id": theme.pk}, _theme_fields(theme))


def index_item(item: Item) -> None:
    _store({"item": item}, _item_fields(item))


def index_question(question: ReflectionQuestion) -> None:
    _store({"question": question}, _question_fields(question))


def rebuild_index() -> int:
    """Rebuild the whole index from the content; returns the number of entries."""
    themes = Theme.objects.select_related("framework")
    entries = [SearchEntry(**_theme_fields(theme)) for theme in themes]
    entries += [SearchEntry(**_item_fields(item)) for item in Item.objects.all()]
    entries += [SearchEntry(**_question_fields(q)) for q in ReflectionQuestion.objects.all()]
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        if _uses_term_table():
            # bulk_create sets primary keys on SQLite and PostgreSQL alike.
            terms = [term for entry in entries for term in _terms_for(entry)]
            SearchTerm.objects.bulk_create(terms, batch_size=2000)
    return len(entries)


def _on_theme_saved(sender, instance: Theme, raw: bool = False, **kwargs) -> None:
    if not raw:  # fixtures are indexed in one go by rebuild_index() after load_content
        index_theme(instance)


def _on_item_saved(sender, instance: Item, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_item(instance)


def _on_question_saved(sender, instance: ReflectionQuestion, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_question(instance)


def _on_framework_saved(sender, instance: Framework, raw: bool = False, **kwargs) -> None:
    # The theme label ("Værditema 1") is part of each theme's entry.
    if not raw and not kwargs.get("created"):
        for theme in instance.themes.all():
            theme.framework = instance
            index_theme(theme)


def connect_signals() -> None:
    """Called from ValuesConfig.ready(). Deletions need nothing: entries cascade."""
    post_save.connect(_on_theme_saved, sender=Theme, dispatch_uid="search_theme")
    post_save.connect(_on_item_saved, sender=Item, dispatch_uid="search_item")
    post_save.connect(_on_question_saved, sender=ReflectionQuestion, dispatch_uid="search_question")
    post_save.connect(_on_framework_saved, sender=Framework, dispatch_uid="search_framework")


# --- Searching ----------------------------------------------------------------------------------


def _tsquery(query: Query, prefix: bool) -> str:
    # Words contain only letters and digits (see WORD), so they are safe inside a tsquery.
    return " & ".join(
        f"{word}:*" if prefix and len(stem(word)) >= PREFIX_MIN_LENGTH else word
        for word in query.words
    )


def _postgres_matches(entries, query: Query):
    prefix_query, exact_query = _tsquery(query, prefix=True), _tsquery(query, prefix=False)
    # The only values are passed as parameters; the SQL around them is constant.
    document = '"values_searchentry"."document"'
    return entries.filter(
        RawSQL(  # noqa: S611
            f"{document} @@ to_tsquery('danish'::regconfig, %s)",
            (prefix_query,),
            output_field=BooleanField(),
        )
    ).annotate(
        rank=RawSQL(  # noqa: S611
            f"ts_rank({document}, to_tsquery('danish'::regconfig, %s))"
            f" + ts_rank({document}, to_tsquery('danish'::regconfig, %s))",
            (prefix_query, exact_query),
            output_field=FloatField(),
        )
    )


def _term_condition(s: str) -> Q:
    if len(s) < PREFIX_MIN_LENGTH:
        return Q(terms__term=s)
    # A prefix as a range, so the (term, entry) index answers it.
    return Q(terms__term__gte=s, terms__term__lt=s + "\U0010ffff")


def _sqlite_matches(entries, query: Query):
    conditions = [_term_condition(s) for s in query.stems]
    any_word = Q()
    for condition in conditions:
        any_word |= condition
    all_words = {
        f"word_{n}": Max(Case(When(condition, then=Value(1)), default=Value(0)))
        for n, condition in enumerate(conditions)
    }
    exact_bonus = Q(terms__term__in=query.stems)
    return (
        entries.filter(any_word)
        .annotate(
            **all_words,
            rank=Sum(
                Case(
                    When(exact_bonus, then=F("terms__weight") * 2),
                    default=F("terms__weight"),
                    output_field=IntegerField(),
                )
            ),
        )
        .filter(**{name: 1 for name in all_words})
    )


@dataclass
class Hit:
    entry: SearchEntry
    url: str
    title: SafeString | str
    snippet: SafeString | str

    @property
    def obj(self):
        return self.entry.item or self.entry.question

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass
class Group:
    framework: Framework
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: Query
    groups: list[Group]
    count: int
    truncated: bool
    page: int = 1

    @property
    def first_number(self) -> int:
        """The number of the first hit on this page, counted over all pages."""
        return (self.page - 1) * RESULT_LIMIT + 1


LONG_TEXTS_NOT_SHOWN = (
    "theme__lead",
    "theme__body",
    "theme__framework__introduction",
    "theme__framework__references",
    "theme__framework__source",
    "item__parent__text",
    "item__portal_note",
    "theme__status_note",
    "theme__portal_note",
    "theme__framework__status_note",
    "theme__framework__portal_note",
    "theme__framework__introduction_signature",
)


def search(query: Query, entries, page: int = 1, limit: int = RESULT_LIMIT) -> Results:
    """The visible entries matching every word of `query`, best first, grouped by framework.

    `entries` is the queryset of entries the visitor may see
    (values.visibility.search_entries_for: their theme and framework published, as plain
    conditions on the join the ranking needs anyway – a `theme IN (…)` subquery took PostgreSQL
    five times as long to plan). Two database queries whatever the amount of content: the first
    ranks narrow rows and keeps one page of ids, the second fetches just those entries with what
    their excerpts need.
    """
    if not query:
        return Results(query, [], 0, False, page)
    if connection.vendor == "postgresql":
        entries = _postgres_matches(entries, query)
    else:
        entries = _sqlite_matches(entries, query)
    offset = (page - 1) * limit
    ordered = entries.order_by("-rank", "theme__framework__position", "pk")
    ids = list(ordered.values_list("pk", flat=True)[offset : offset + limit + 1])
    truncated = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return Results(query, [], 0, False, page)
    by_id = (
        SearchEntry.objects.select_related(
            "theme__framework__publisher", "item__parent", "question"
        )
        # Long texts a hit never shows; fetching them was a third of this query's time.
        .defer(*LONG_TEXTS_NOT_SHOWN)
        .in_bulk(ids)
    )
    found = [by_id[pk] for pk in ids]

    groups: dict[int, Group] = {}
    for entry in found:
        framework = entry.theme.framework
        group = groups.setdefault(framework.pk, Group(framework))
        group.hits.append(_hit(entry, query))
    return Results(query, list(groups.values()), len(found), truncated, page)


def _hit(entry: SearchEntry, query: Query) -> Hit:
    url = entry.theme.get_absolute_url()
    if entry.item_id:
        url += f"#punkt-{entry.item_id}"
    elif entry.question_id:
        url += f"#spoergsmaal-{entry.question_id}"
    title = highlight(entry.title, query) if entry.title else ""
    return Hit(entry, url, title, highlight(entry.text, query, SNIPPET_LENGTH))


# --- Highlighting -------------------------------------------------------------------------------


def _excerpt(text: str, query: Query, length: int) -> tuple[str, bool, bool]:
    """A window of about `length` characters around the first matching word."""
    if len(text) <= length:
        return text, False, False
    start = 0
    for match in WORD.finditer(text):
        if query.marks(match.group()):
            start = max(0, match.start() - length // 4)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return text[start:end], start > 0, end < len(text)


def highlight(text: str, query: Query, length: int | None = None) -> SafeString:
    """`text` (or an excerpt of it) escaped, with the words that match `query` in <mark>."""
    before = after = False
    if length:
        text, before, after = _excerpt(text, query, length)
    parts: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        if query.marks(match.group()):
            parts.append(html_escape(text[position : match.start()]))
            parts.append(f"<mark>{html_escape(match.group())}</mark>")
            position = match.end()
    parts.append(html_escape(text[position:]))
    return mark_safe(("… " if before else "") + "".join(parts) + (" …" if after else ""))  # noqa: S308
