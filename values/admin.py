from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Concept, Framework, Item, Publisher, ReflectionQuestion, Theme


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "theme_count"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(theme_total=Count("themes", distinct=True))

    @admin.display(description=_("temaer"), ordering="theme_total")
    def theme_count(self, obj):
        return obj.theme_total


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["position", "number", "title", "slug", "status"]
    extra = 0
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year", "document_kind", "status", "position"]
    list_editable = ["position"]
    list_filter = ["status", "publisher"]
    list_select_related = ["publisher"]
    search_fields = ["title", "introduction", "publisher__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ThemeInline]
    fieldsets = [
        (None, {"fields": ["publisher", "title", "slug", "status", "position"]}),
        (_("Kilde"), {"fields": ["year", "document_kind", "source", "source_url"]}),
        (_("Indhold"), {"fields": ["theme_label", "introduction", "references"]}),
    ]


class ItemInline(admin.StackedInline):
    model = Item
    fields = [
        ("position", "kind", "group"),
        ("title", "place", "responsibility"),
        "text",
        "parent",
        "concepts",
    ]
    autocomplete_fields = ["parent", "concepts"]
    extra = 0
    show_change_link = True


class QuestionInline(admin.TabularInline):
    model = ReflectionQuestion
    fields = ["position", "group", "text", "item", "concepts"]
    autocomplete_fields = ["item", "concepts"]
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "framework", "position", "status"]
    list_editable = ["position"]
    list_filter = ["framework", "status", "concepts"]
    list_select_related = ["framework", "framework__publisher"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["concepts"]
    inlines = [ItemInline, QuestionInline]
    fields = [
        "framework",
        ("number", "title"),
        "slug",
        ("status", "position"),
        "lead",
        "body",
        "concepts",
    ]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["short_text", "kind", "theme", "framework", "position"]
    list_editable = ["position"]
    list_filter = ["theme__framework", "kind", "responsibility", "concepts"]
    list_select_related = ["theme", "theme__framework", "theme__framework__publisher"]
    search_fields = ["title", "text", "group", "place"]
    autocomplete_fields = ["theme", "parent", "concepts"]
    fields = [
        "theme",
        ("kind", "position"),
        ("group", "responsibility"),
        ("title", "place"),
        "text",
        "parent",
        "concepts",
    ]

    @admin.display(description=_("tekst"))
    def short_text(self, obj):
        label = obj.title or obj.text
        return label if len(label) <= 90 else f"{label[:90]}…"

    @admin.display(description=_("ramme"), ordering="theme__framework__title")
    def framework(self, obj):
        return obj.theme.framework.title


@admin.register(ReflectionQuestion)
class ReflectionQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "theme", "framework", "position"]
    list_editable = ["position"]
    list_filter = ["theme__framework", "concepts"]
    list_select_related = ["theme", "theme__framework", "theme__framework__publisher"]
    search_fields = ["text", "group"]
    autocomplete_fields = ["theme", "item", "concepts"]
    fields = ["theme", "item", ("group", "position"), "text", "concepts"]

    @admin.display(description=_("ramme"), ordering="theme__framework__title")
    def framework(self, obj):
        return obj.theme.framework.title
