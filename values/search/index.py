"""Keeping the search index in step with the content.

Every searchable unit (a theme's own text, an item, a reflection question) has one SearchEntry
row. Saving content updates its entry through the post_save receivers below, connected in
ValuesConfig.ready() so that every process does it (the server, `manage.py shell`, a script).
Deleting needs nothing: entries (and SQLite's terms) cascade. Fixtures are saved raw and the
receivers skip them: `load_content` rebuilds the whole index once afterwards. An import saves
hundreds of rows at once: inside `deferred()` the receivers only note what was saved, and the
entries are written once the import's transaction has committed (a preview writes none).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils.translation import override

from ..markup import plain_text
from ..models import Framework, Item, ReflectionQuestion, SearchEntry, SearchTerm, Theme
from . import sqlite


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
    # PostgreSQL computes its own `document` column; every other database gets SearchTerm rows.
    return connection.vendor != "postgresql"


def _store(lookup: dict, fields: dict) -> None:
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(**lookup, defaults=fields)
        if _uses_term_table():
            SearchTerm.objects.filter(entry=entry).delete()
            SearchTerm.objects.bulk_create(sqlite.terms_for(entry))


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
            terms = [term for entry in entries for term in sqlite.terms_for(entry)]
            SearchTerm.objects.bulk_create(terms, batch_size=2000)
    return len(entries)


#: While an import runs: the (model, pk) pairs saved so far, indexed after it commits.
_saved_during_import: ContextVar[set | None] = ContextVar("saved_during_import", default=None)


@contextmanager
def deferred(keep: bool = True) -> Iterator[None]:
    """Note saved content instead of indexing it row by row; index it after the commit (or not
    at all when `keep` is false – a preview that is rolled back)."""
    saved: set = set()
    token = _saved_during_import.set(saved)
    try:
        yield
    finally:
        _saved_during_import.reset(token)
    if keep and saved:
        transaction.on_commit(lambda: reindex(saved))


def reindex(saved: set) -> None:
    for model, index in (
        (Theme, index_theme),
        (Item, index_item),
        (ReflectionQuestion, index_question),
    ):
        pks = [pk for kind, pk in saved if kind is model]
        for obj in model.objects.filter(pk__in=pks).select_related(*_RELATED[model]):
            index(obj)


_RELATED = {
    Theme: ("framework",),
    Item: ("theme__framework",),
    ReflectionQuestion: ("theme__framework",),
}


def _noted(instance) -> bool:
    saved = _saved_during_import.get()
    if saved is None:
        return False
    saved.add((type(instance), instance.pk))
    return True


def _on_theme_saved(sender, instance: Theme, raw: bool = False, **kwargs) -> None:
    if not raw and not _noted(instance):  # fixtures: rebuild_index() after load_content
        index_theme(instance)


def _on_item_saved(sender, instance: Item, raw: bool = False, **kwargs) -> None:
    if not raw and not _noted(instance):
        index_item(instance)


def _on_question_saved(sender, instance: ReflectionQuestion, raw: bool = False, **kwargs) -> None:
    if not raw and not _noted(instance):
        index_question(instance)


def _on_framework_saved(sender, instance: Framework, raw: bool = False, **kwargs) -> None:
    # The theme label ("Værditema 1") is part of each theme's entry.
    if not raw and not kwargs.get("created"):
        themes = instance.themes.all()
        if _saved_during_import.get() is not None:
            for theme in themes:
                _noted(theme)
            return
        for theme in themes:
            theme.framework = instance
            index_theme(theme)


def connect_signals() -> None:
    """Called from ValuesConfig.ready()."""
    post_save.connect(_on_theme_saved, sender=Theme, dispatch_uid="search_theme")
    post_save.connect(_on_item_saved, sender=Item, dispatch_uid="search_item")
    post_save.connect(_on_question_saved, sender=ReflectionQuestion, dispatch_uid="search_question")
    post_save.connect(_on_framework_saved, sender=Framework, dispatch_uid="search_framework")
