"""Import and export of the content with django-import-export, in columns people can read.

Frameworks and themes are named by their slug (a title is accepted too), kinds and statuses by
their Danish label, concepts by name; items and questions keep their id so that an exported file
can be edited and imported again. The headers come from values.spreadsheets.columns, the formats
(and the formula neutralising every export gets) from values.spreadsheets.formats.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from ..models import Concept, Framework, Item, Publisher, ReflectionQuestion, Status, Theme
from ..search import index as search_index
from . import columns
from .formats import MAX_IMPORT_ROWS
from .formulas import restore
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


class ContentResource(resources.ModelResource):
    """Shared rules: required columns, row limit, duplicate keys, model validation."""

    #: columns a file must have (an exported file always has them all)
    required_columns: tuple[str, ...] = ()
    #: columns that together identify a row; two rows with the same key are an error
    key_columns: tuple[str, ...] = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def missing_columns(cls, headers) -> list[str]:
        present = {columns.current_header(h) for h in headers or [] if h is not None}
        return [column for column in cls.required_columns if column not in present]

    def before_import(self, dataset, **kwargs):
        # A file exported before a column was renamed still imports into that column.
        if dataset.headers:
            dataset.headers = [columns.current_header(h) for h in dataset.headers]
        # The admin's form checks this first; this guards every other caller.
        missing = self.missing_columns(dataset.headers)
        if missing:
            raise ValueError(
                _("Filen mangler kolonnerne: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        if len(dataset) > MAX_IMPORT_ROWS:
            raise ValueError(
                _("Filen har %(rows)s rækker; der kan højst importeres %(max)s ad gangen.")
                % {"rows": len(dataset), "max": MAX_IMPORT_ROWS}
            )
        self._seen_keys: dict[tuple, int] = {}
        for field in self.fields.values():
            if hasattr(field.widget, "reset"):
                field.widget.reset()

    def import_data(self, dataset, dry_run=False, **kwargs):
        # The search index is written once, after the import commits; a preview writes none.
        with search_index.deferred(keep=not dry_run):
            return super().import_data(dataset, dry_run=dry_run, **kwargs)

    def text_limits(self) -> dict[str, int]:
        """Each text column's longest value: its model field's max_length."""
        limits = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, PublisherWidget):
                limits[field.column_name] = Publisher._meta.get_field("name").max_length
                continue
            if "__" in field.attribute:  # a relation's column (the item's framework)
                continue
            model_field = self._meta.model._meta.get_field(field.attribute)
            if getattr(model_field, "max_length", None) and not model_field.is_relation:
                limits[field.column_name] = model_field.max_length
        return limits

    def check_lengths(self, row) -> None:
        limits = self.__dict__.setdefault("_text_limits", self.text_limits())
        for column, longest in limits.items():
            value = row.get(column)
            if isinstance(value, str) and len(restore(value.strip())) > longest:
                raise ValidationError(
                    _("Kolonnen «%(column)s» har %(length)s tegn; der er plads til højst %(max)s.")
                    % {"column": column, "length": len(value.strip()), "max": longest},
                    code="too_long",
                )

    def before_import_row(self, row, **kwargs):
        self.check_lengths(row)
        key = tuple(
            restore(str(row.get(column) or "").strip()).casefold() for column in self.key_columns
        )
        if self.key_columns and all(key):
            seen = getattr(self, "_seen_keys", {})
            if key in seen:
                names = " + ".join(self.key_columns)
                raise ValidationError(
                    _("%(names)s “%(key)s” står også i række %(other)s. Hver række skal være unik.")
                    % {
                        "names": names,
                        "key": " / ".join(str(row.get(c)) for c in self.key_columns),
                        "other": seen[key] + 1,
                    },
                    code="duplicate",
                )
            seen[key] = kwargs.get("row_number", 0)
            self._seen_keys = seen

    def import_instance(self, instance, row, **kwargs):
        # Check many-to-many columns here too, so an unknown concept is reported as a
        # validation error of its row instead of failing later while saving.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(str(error))
        if errors:
            raise ValidationError(errors)

    def get_instance(self, instance_loader, row):
        # A row without its key (a new item's empty ID) is new, unless the same row was
        # imported before (the same file uploaded twice): then it is that row again.
        names = [self.fields[name].column_name for name in self.get_import_id_fields()]
        if all(not str(row.get(name) or "").strip() for name in names):
            same = self.same_as(row)
            if same is not None and columns.ID in row:
                row[columns.ID] = same.pk  # as if the file named it: unchanged if it is
            return same
        return super().get_instance(instance_loader, row)

    def same_as(self, row):
        """The stored object a row without an ID repeats exactly, if any."""
        return None

    def cleaned(self, row, name: str):
        """A column's value as its widget reads it, or None if it cannot be read."""
        field = self.fields[name]
        try:
            return field.widget.clean(row.get(field.column_name), row=row)
        except (ValueError, ValidationError):
            return None

    def after_init_instance(self, instance, new, row, **kwargs):
        # An id that does not exist must not silently create a row with that id.
        if new and columns.ID in row and str(row.get(columns.ID) or "").strip():
            raise ValidationError(
                _("Der findes ingen række med ID %(id)s. Lad ID stå tomt for at oprette en ny.")
                % {"id": row.get(columns.ID)},
                code="unknown_id",
            )


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
        super().validate_instance(instance, errors, validate_unique)


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
