"""The content models' admins, each with import/export, history, preview and ordering as fits."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Concept, Framework, Item, Material, Publisher, ReflectionQuestion, Theme
from ..owners import is_national
from ..spreadsheets.resources import (
    ConceptResource,
    FrameworkResource,
    ItemResource,
    PublisherResource,
    ReflectionQuestionResource,
    ThemeResource,
)
from .actions import ConceptActionsMixin, publish, unpublish
from .base import CurationAdmin, NormalisedTextMixin
from .drafts import DraftInlineMixin, DraftSaveMixin
from .ordering import MoveMixin, move_with_children
from .preview import PreviewMixin, PreviewSwitchMixin
from .scoping import PublisherScopedAdmin, ScopedChoicesMixin
from .source_document import SourceDocumentMixin
from .workbook import FrameworkWorkbookMixin


@admin.register(Concept)
class ConceptAdmin(CurationAdmin):
    resource_classes = [ConceptResource]
    list_display = ["name", "position", "theme_count"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering, so keep the editors' order explicitly.
        return (
            super()
            .get_queryset(request)
            .annotate(theme_total=Count("themes", distinct=True))
            .order_by(*Concept._meta.ordering)
        )

    @admin.display(description=_("temaer"), ordering="theme_total")
    def theme_count(self, obj):
        return obj.theme_total


@admin.register(Publisher)
class PublisherAdmin(PublisherScopedAdmin, CurationAdmin):
    resource_classes = [PublisherResource]
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["editors"]

    # Editors see their own publishers; who edits what is for national administrators.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_national(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_national(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_national(request.user)


class ThemeInline(DraftInlineMixin, ScopedChoicesMixin, NormalisedTextMixin, admin.TabularInline):
    model = Theme
    fields = ["position", "number", "title", "slug", "counts_as_theme", "status"]
    extra = 0
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(
    PublisherScopedAdmin,
    DraftSaveMixin,
    SourceDocumentMixin,
    FrameworkWorkbookMixin,
    PreviewSwitchMixin,
    PreviewMixin,
    CurationAdmin,
):
    actions = [publish, unpublish]
    resource_classes = [FrameworkResource]
    change_list_template = "admin/values/framework/change_list.html"
    # A source address typed without a scheme means https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "year", "document_kind", "status", "position"]
    list_editable = ["position"]
    list_filter = ["status", "publisher"]
    list_select_related = ["publisher"]
    search_fields = ["title", "introduction", "publisher__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ThemeInline]
    fieldsets = [
        (None, {"fields": ["publisher", "title", "slug", "status", "position"]}),
        (
            _("Kilde"),
            {
                "fields": [
                    "year",
                    ("document_kind", "document_kind_is_own"),
                    "source",
                    "source_url",
                    "source_pdf",
                    "remove_source_pdf",
                    "licence",
                    "licence_url",
                    "status_note",
                    "portal_note",
                ]
            },
        ),
        (
            _("Indhold"),
            {
                "fields": [
                    "theme_label",
                    "introduction_heading",
                    "introduction",
                    "introduction_signature",
                    "references",
                ]
            },
        ),
    ]


class InThemeMixin:
    """An item or a question: previewed on its theme's page, listed with its framework."""

    def preview_url(self, obj):
        return obj.theme.get_absolute_url()

    @admin.display(description=_("ramme"), ordering="theme__framework__title")
    def framework(self, obj):
        return obj.theme.framework.title


class ItemInline(DraftInlineMixin, ScopedChoicesMixin, NormalisedTextMixin, admin.StackedInline):
    model = Item
    fields = [
        ("position", "kind", "group"),
        ("number", "title", "place", "responsibility"),
        "text",
        "portal_note",
        "parent",
        "concepts",
    ]
    autocomplete_fields = ["parent", "concepts"]
    extra = 0
    show_change_link = True


class QuestionInline(
    DraftInlineMixin, ScopedChoicesMixin, NormalisedTextMixin, admin.TabularInline
):
    model = ReflectionQuestion
    fields = ["position", "group", "text", "item", "concepts"]
    autocomplete_fields = ["item", "concepts"]
    extra = 0


class MaterialInline(DraftInlineMixin, ScopedChoicesMixin, admin.StackedInline):
    """Outside material on the theme's page: links checked to be http(s) (Material.url)."""

    model = Material
    fields = [("title", "position"), "url", ("source", "licence"), "description"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


@admin.register(Theme)
class ThemeAdmin(
    PublisherScopedAdmin,
    DraftSaveMixin,
    ConceptActionsMixin,
    PreviewMixin,
    MoveMixin,
    CurationAdmin,
):
    actions = [publish, unpublish]
    resource_classes = [ThemeResource]
    export_prefetch = ("concepts",)
    list_display = ["__str__", "move_controls", "framework", "position", "status"]
    list_editable = ["position"]
    list_filter = ["framework", "status", "concepts"]
    list_select_related = ["framework", "framework__publisher"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["concepts"]
    inlines = [ItemInline, QuestionInline, MaterialInline]
    fields = [
        "framework",
        ("number", "title"),
        "slug",
        ("status", "position", "counts_as_theme"),
        "credit",
        "status_note",
        "lead",
        "body",
        "portal_note",
        "concepts",
    ]

    def siblings(self, obj):
        return Theme.objects.filter(framework_id=obj.framework_id)


@admin.register(Item)
class ItemAdmin(
    PublisherScopedAdmin,
    DraftSaveMixin,
    ConceptActionsMixin,
    InThemeMixin,
    PreviewMixin,
    MoveMixin,
    CurationAdmin,
):
    resource_classes = [ItemResource]
    export_prefetch = ("concepts",)
    list_display = ["short_text", "move_controls", "kind", "theme", "framework", "position"]
    list_editable = ["position"]
    list_filter = ["theme__framework", "kind", "responsibility", "concepts"]
    list_select_related = ["theme", "theme__framework", "theme__framework__publisher"]
    search_fields = ["title", "text", "group", "place"]
    autocomplete_fields = ["theme", "parent", "concepts"]
    fields = [
        "theme",
        ("kind", "position"),
        ("group", "responsibility"),
        ("number", "title", "place"),
        ("text", "language"),
        "portal_note",
        "parent",
        "concepts",
    ]

    def siblings(self, obj):
        return Item.objects.filter(theme_id=obj.theme_id, parent_id=obj.parent_id)

    def move(self, obj, up: bool) -> bool:
        family = Item.objects.filter(theme_id=obj.theme_id)
        return move_with_children(obj, self.siblings(obj), family, up)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("parent")

    @admin.display(description=_("tekst"))
    def short_text(self, obj):
        label = obj.title or obj.text
        label = label if len(label) <= 90 else f"{label[:90]}…"
        if obj.parent_id is None:
            return label
        # A sub-item (an indicator under its statement) is shown under its parent, indented.
        return format_html('<span aria-hidden="true">↳ </span>{}', label)


@admin.register(ReflectionQuestion)
class ReflectionQuestionAdmin(
    PublisherScopedAdmin,
    DraftSaveMixin,
    ConceptActionsMixin,
    InThemeMixin,
    PreviewMixin,
    MoveMixin,
    CurationAdmin,
):
    resource_classes = [ReflectionQuestionResource]
    export_prefetch = ("concepts",)
    list_display = ["text", "move_controls", "theme", "framework", "position"]
    list_editable = ["position"]
    list_filter = ["theme__framework", "concepts"]
    list_select_related = ["theme", "theme__framework", "theme__framework__publisher"]
    search_fields = ["text", "group"]
    autocomplete_fields = ["theme", "item", "concepts"]
    fields = ["theme", "item", ("group", "position"), "text", "concepts"]

    def siblings(self, obj):
        return ReflectionQuestion.objects.filter(theme_id=obj.theme_id, item_id=obj.item_id)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("item")
