"""The search index's own tables (kept in step by values.search)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .content import Theme
from .items import Item, PublishedThroughThemeQuerySet, ReflectionQuestion


class SearchEntry(models.Model):
    """One searchable unit – a theme's own text, an item or a reflection question – denormalised.

    values.search keeps the table in sync (signals on save, a rebuild after load_content); rows
    are never edited by hand. Visibility is not stored here: searches filter through the theme,
    so a draft never leaks. On PostgreSQL migration 0004 adds a generated `document` tsvector
    column (config `danish`, title weighted A, text B, heading C) with a GIN index; on SQLite the
    Danish Snowball stems go into SearchTerm instead.
    """

    class Kind(models.TextChoices):
        THEME = "theme", _("Tema")
        ITEM = "item", _("Punkt")
        QUESTION = "question", _("Refleksionsspørgsmål")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.OneToOneField(
        Item,
        verbose_name=_("punkt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    question = models.OneToOneField(
        ReflectionQuestion,
        verbose_name=_("refleksionsspørgsmål"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    title = models.CharField(_("titel"), max_length=500, blank=True)
    heading = models.CharField(_("overskrift"), max_length=500, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    objects = PublishedThroughThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("søgeindgang")
        verbose_name_plural = _("søgeindgange")
        constraints = [
            models.UniqueConstraint(
                fields=["theme"], condition=Q(kind="theme"), name="search_entry_one_per_theme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {(self.title or self.text)[:60]}"


class SearchTerm(models.Model):
    """A Danish Snowball stem occurring in a search entry (SQLite's search index)."""

    entry = models.ForeignKey(
        SearchEntry, verbose_name=_("søgeindgang"), on_delete=models.CASCADE, related_name="terms"
    )
    term = models.CharField(_("ordstamme"), max_length=100)
    weight = models.PositiveIntegerField(
        _("vægt"), default=1, help_text=_("Forekomster, vægtet efter hvor i teksten de står.")
    )

    class Meta:
        verbose_name = _("søgeord")
        verbose_name_plural = pgettext_lazy("plural", "søgeord")
        constraints = [
            # Also the index that exact and prefix (range) lookups on `term` use.
            models.UniqueConstraint(fields=["term", "entry"], name="search_term_unique_in_entry")
        ]

    def __str__(self) -> str:
        return self.term
