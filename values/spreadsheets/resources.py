"""Import and export of the content with django-import-export, in columns people can read.

Frameworks and themes are named by their slug (a title is accepted too), kinds and statuses by
their Danish label, concepts by name; items and questions keep their id so that an exported file
can be edited and imported again. The headers come from values.spreadsheets.columns, the formats
(and the formula neutralising every export gets) from values.spreadsheets.formats.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from ..models import Concept, Framework, Item, Publisher, ReflectionQuestion, Status, Theme
from . import columns
from .content_resource import ContentResource
from .widgets import (
    ChoiceLabelWidget,
    ConceptsWidget,
    OptionalIntegerWidget,
    OptionalRefWidget,
    PositionWidget,
    PublisherWidget,
    SlugOrTitleWidget,
    TextWidget,
    ThemeWidget,
)

# One function per kind of column, so each resource below reads as its list of columns.


def text(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


def choice(attribute: str, column: str, choices, what, allow_blank: bool = False) -> fields.Field:
    widget = ChoiceLabelWidget(choices, what, allow_blank=allow_blank)
    return fields.Field(attribute=attribute, column_name=column, widget=widget)


def row_id() -> fields.Field:
    return fields.Field(attribute="id", column_name=columns.ID, widget=OptionalIntegerWidget())


def framework(attribute: str = "framework", readonly: bool = False) -> fields.Field:
    widget = SlugOrTitleWidget(Framework, "title", gettext_lazy("ramme"))
    return fields.Field(
        attribute=attribute, column_name=columns.FRAMEWORK, widget=widget, readonly=readonly
    )


def theme() -> fields.Field:
    return fields.Field(attribute="theme", column_name=columns.THEME, widget=ThemeWidget())


def item(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=OptionalRefWidget(Item))


def position() -> fields.Field:
    return fields.Field(attribute="position", column_name=columns.POSITION, widget=PositionWidget())


def concepts() -> fields.Field:
    return fields.Field(
        attribute="concepts", column_name=columns.CONCEPTS, widget=ConceptsWidget(), m2m_add=False
    )


def status() -> fields.Field:
    return choice("status", columns.STATUS, Status.choices, gettext_lazy("status"))


class ConceptResource(ContentResource):
    slug = text("slug", columns.SLUG)
    name = text("name", columns.NAME)
    description = text("description", columns.DESCRIPTION)
    position = position()

    required_columns = (columns.SLUG, columns.NAME, columns.DESCRIPTION)
    key_columns = (columns.SLUG,)

    class Meta(ContentResource.Meta):
        model = Concept
        name = gettext_lazy("Begreber")
        fields = ["slug", "name", "description", "position"]
        import_id_fields = ["slug"]


class PublisherResource(ContentResource):
    slug = text("slug", columns.SLUG)
    name = text("name", columns.NAME)
    kind = choice("kind", columns.KIND, Publisher.Kind.choices, gettext_lazy("udgivertype"))

    required_columns = (columns.SLUG, columns.NAME, columns.KIND)
    key_columns = (columns.SLUG,)

    class Meta(ContentResource.Meta):
        model = Publisher
        name = gettext_lazy("Udgivere")
        fields = ["slug", "name", "kind"]
        import_id_fields = ["slug"]


class FrameworkResource(ContentResource):
    slug = text("slug", columns.SLUG)
    title = text("title", columns.TITLE)
    publisher = fields.Field(
        attribute="publisher", column_name=columns.PUBLISHER, widget=PublisherWidget()
    )
    year = fields.Field(attribute="year", column_name=columns.YEAR, widget=OptionalIntegerWidget())
    document_kind = text("document_kind", columns.DOCUMENT_KIND)
    theme_label = text("theme_label", columns.THEME_LABEL)
    source = text("source", columns.SOURCE)
    source_url = text("source_url", columns.SOURCE_URL)
    introduction = text("introduction", columns.INTRODUCTION)
    references = text("references", columns.REFERENCES)
    status = status()
    position = position()

    required_columns = (
        columns.SLUG,
        columns.TITLE,
        columns.PUBLISHER,
        columns.DOCUMENT_KIND,
        columns.SOURCE,
    )
    key_columns = (columns.SLUG,)

    class Meta(ContentResource.Meta):
        model = Framework
        name = gettext_lazy("Rammer")
        fields = [
            "slug",
            "title",
            "publisher",
            "year",
            "document_kind",
            "theme_label",
            "source",
            "source_url",
            "introduction",
            "references",
            "status",
            "position",
        ]
        import_id_fields = ["slug"]

    def get_queryset(self):
        return Framework.objects.select_related("publisher")


class ThemeResource(ContentResource):
    framework = framework()
    slug = text("slug", columns.SLUG)
    number = text("number", columns.NUMBER)
    title = text("title", columns.TITLE)
    lead = text("lead", columns.LEAD)
    body = text("body", columns.TEXT)
    status = status()
    position = position()
    concepts = concepts()

    required_columns = (columns.FRAMEWORK, columns.SLUG, columns.TITLE)
    key_columns = (columns.FRAMEWORK, columns.SLUG)

    class Meta(ContentResource.Meta):
        model = Theme
        name = gettext_lazy("Temaer")
        fields = [
            "framework",
            "slug",
            "number",
            "title",
            "lead",
            "body",
            "status",
            "position",
            "concepts",
        ]
        import_id_fields = ["framework", "slug"]

    def get_queryset(self):
        return Theme.objects.select_related("framework").prefetch_related("concepts")


class ItemResource(ContentResource):
    id = row_id()
    framework = framework("theme__framework", readonly=True)
    theme = theme()
    kind = choice("kind", columns.KIND, Item.Kind.choices, gettext_lazy("type"))
    group = text("group", columns.GROUP)
    responsibility = choice(
        "responsibility",
        columns.RESPONSIBILITY,
        Item.Responsibility.choices,
        gettext_lazy("ansvar"),
        allow_blank=True,
    )
    title = text("title", columns.TITLE)
    place = text("place", columns.PLACE)
    text_ = text("text", columns.TEXT)
    parent = item("parent", columns.PARENT)
    position = position()
    concepts = concepts()

    required_columns = (columns.ID, columns.FRAMEWORK, columns.THEME, columns.KIND, columns.TEXT)
    key_columns = (columns.ID,)

    class Meta(ContentResource.Meta):
        model = Item
        name = gettext_lazy("Punkter")
        fields = [
            "id",
            "framework",
            "theme",
            "kind",
            "group",
            "responsibility",
            "title",
            "place",
            "text_",
            "parent",
            "position",
            "concepts",
        ]
        import_id_fields = ["id"]

    def get_queryset(self):
        return Item.objects.select_related("theme__framework", "parent").prefetch_related(
            "concepts"
        )

    def same_as(self, row):
        theme = self.cleaned(row, "theme")
        if theme is None:
            return None
        return Item.objects.filter(
            theme=theme,
            kind=self.cleaned(row, "kind"),
            title=self.cleaned(row, "title") or "",
            text=self.cleaned(row, "text_") or "",
        ).first()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if (
            instance.parent_id
            and instance.theme_id
            and instance.parent.theme_id != instance.theme_id
        ):
            errors.setdefault("parent", []).append(
                _("Punktet, det hører til, ligger i et andet tema.")
            )
        if instance.parent_id and instance.parent_id == instance.pk:
            errors.setdefault("parent", []).append(_("Et punkt kan ikke høre til sig selv."))
        if instance.pk and self._leaves_children_behind(instance):
            errors.setdefault("theme", []).append(
                _(
                    "Punktet har underpunkter eller spørgsmål i sit nuværende tema og kan ikke "
                    "flyttes til et andet tema ved import. Flyt det i administrationen."
                )
            )
        super().validate_instance(instance, errors, validate_unique)

    @staticmethod
    def _leaves_children_behind(instance) -> bool:
        stored = Item.objects.filter(pk=instance.pk).values_list("theme_id", flat=True).first()
        if stored is None or stored == instance.theme_id:
            return False
        return instance.children.exists() or instance.questions.exists()


class ReflectionQuestionResource(ContentResource):
    id = row_id()
    framework = framework("theme__framework", readonly=True)
    theme = theme()
    item = item("item", columns.PARENT_ITEM)
    group = text("group", columns.GROUP)
    text_ = text("text", columns.QUESTION)
    position = position()
    concepts = concepts()

    required_columns = (columns.ID, columns.FRAMEWORK, columns.THEME, columns.QUESTION)
    key_columns = (columns.ID,)

    class Meta(ContentResource.Meta):
        model = ReflectionQuestion
        name = gettext_lazy("Refleksionsspørgsmål")
        fields = ["id", "framework", "theme", "item", "group", "text_", "position", "concepts"]
        import_id_fields = ["id"]

    def get_queryset(self):
        return ReflectionQuestion.objects.select_related(
            "theme__framework", "item"
        ).prefetch_related("concepts")

    def same_as(self, row):
        theme = self.cleaned(row, "theme")
        text = self.cleaned(row, "text_")
        if theme is None or not text:
            return None
        return ReflectionQuestion.objects.filter(theme=theme, text=text).first()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.item_id and instance.theme_id and instance.item.theme_id != instance.theme_id:
            errors.setdefault("item", []).append(
                _("Punktet, spørgsmålet hører til, ligger i et andet tema.")
            )
        super().validate_instance(instance, errors, validate_unique)


RESOURCES = {
    Concept: ConceptResource,
    Publisher: PublisherResource,
    Framework: FrameworkResource,
    Theme: ThemeResource,
    Item: ItemResource,
    ReflectionQuestion: ReflectionQuestionResource,
}
