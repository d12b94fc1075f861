"""Import and export of the content with django-import-export, in columns people can read.

Frameworks and themes are named by their slug (a title is accepted too), kinds and statuses by
their Danish label, concepts by name; items and questions keep their id so that an exported file
can be edited and imported again. Every exported text cell that a spreadsheet could read as a
formula is neutralised with a leading apostrophe, and the apostrophe is removed again on import,
so export followed by import changes nothing.
"""

from __future__ import annotations

import json

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from .models import Concept, Framework, Item, Publisher, ReflectionQuestion, Status, Theme
from .spreadsheets.formulas import neutralise_dataset, restore

#: A file with more data rows than this is refused as a whole; the largest framework has a few
#: hundred rows, so anything bigger is a mistake (a wrong file, a whole database dump).
MAX_IMPORT_ROWS = 5000

# Formats ---------------------------------------------------------------------------------------


class DanishCSV(base_formats.CSV):
    """CSV that Danish Excel opens in columns: UTF-8 with BOM and semicolons.

    Danish Excel splits CSV on the list separator of the Danish locale (";") and only reads
    UTF-8 when the file starts with a BOM. On import either separator is accepted.
    """

    def get_title(self):
        return "csv"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.removeprefix("\ufeff")
        first_line = in_stream.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return tablib.import_set(in_stream, format="csv", delimiter=delimiter)

    def export_data(self, dataset, **kwargs):
        safe = neutralise_dataset(dataset)
        return "\ufeff" + safe.export("csv", delimiter=";")


class SafeXLSX(base_formats.XLSX):
    def get_title(self):
        return "xlsx"

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


class SafeJSON(base_formats.JSON):
    def get_title(self):
        return "json"

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralise_dataset(dataset), **kwargs)


FORMATS = [DanishCSV, SafeXLSX, SafeJSON]


# Widgets ---------------------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text in, text out; formula-looking text is neutralised on the way out and restored in."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        text = super().clean(value, row, **kwargs)
        return restore(text.replace("\r\n", "\n")) if text else ""

    def render(self, value, obj=None, **kwargs):
        # Neutralised once, for every column, by the export formats below.
        return super().render(value, obj, **kwargs)


class OptionalIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError) as error:
            raise ValueError(_("“%(value)s” er ikke et helt tal.") % {"value": value}) from error


class PositionWidget(OptionalIntegerWidget):
    """Rækkefølge: blank means 0, like in the admin."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        if number is not None and number < 0:
            raise ValueError(_("Rækkefølgen må ikke være negativ."))
        return number or 0

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def danish_labels(choices) -> dict[str, str]:
    """Each stored value's label in Danish, whatever the interface language."""
    with translation.override("da"):
        return {stored: str(label) for stored, label in choices}


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its Danish label ("Det kan vi se, når"); the stored value works too.

    Files go between municipalities and editors whose admin may be in English, so the Danish
    label is the file's language: export always writes it and import always accepts it. The label
    in the interface's own language is accepted as well.
    """

    def __init__(self, choices, what: str, allow_blank: bool = False):
        self.choices = choices
        self.what = what
        self.allow_blank = allow_blank
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = restore(str(value).strip()) if value is not None else ""
        if not text:
            if self.allow_blank:
                return ""
            raise ValueError(_("%(what)s mangler.") % {"what": self.what.capitalize()})
        wanted = text.casefold()
        danish = danish_labels(self.choices)
        # Danish first, so a label in another language can never shadow a Danish one.
        for names in (danish, {stored: str(label) for stored, label in self.choices}):
            for stored, label in names.items():
                if wanted == label.casefold():
                    return stored
        for stored in danish:
            if wanted == str(stored).casefold():
                return stored
        labels = ", ".join(f"“{label}”" for label in danish.values())
        raise ValueError(
            _("Ukendt %(what)s “%(value)s”. Brug en af: %(labels)s.")
            % {"what": self.what, "value": text, "labels": labels}
        )

    def render(self, value, obj=None, **kwargs):
        return danish_labels(self.choices).get(value, value or "")


class SlugOrTitleWidget(widgets.ForeignKeyWidget):
    """A framework or publisher by its slug, or by its exact name/title."""

    def __init__(self, model, title_field: str, what: str):
        self.title_field = title_field
        self.what = what
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        text = restore(str(value).strip()) if value is not None else ""
        if not text:
            raise ValueError(_("%(what)s mangler.") % {"what": self.what.capitalize()})
        matches = list(
            self.model._default_manager.filter(
                Q(slug=text) | Q(**{f"{self.title_field}__iexact": text})
            )[:2]
        )
        by_slug = [m for m in matches if m.slug == text]
        if by_slug:
            return by_slug[0]
        if len(matches) == 1:
            return matches[0]
        raise ValueError(_("Ukendt %(what)s “%(value)s”.") % {"what": self.what, "value": text})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.slug


class PublisherWidget(SlugOrTitleWidget):
    """A publisher by name; a new municipality's name creates it (kind: municipality)."""

    def __init__(self):
        super().__init__(Publisher, "name", _("udgiver"))

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            name = restore(str(value).strip()) if value is not None else ""
            if not name:
                raise
            return Publisher.objects.create(name=name)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


class ThemeWidget(widgets.ForeignKeyWidget):
    """A theme by its slug (or exact title) inside the framework named in the row's "Ramme"."""

    def __init__(self, framework_column: str):
        self.framework_column = framework_column
        self.frameworks = SlugOrTitleWidget(Framework, "title", gettext_lazy("ramme"))
        super().__init__(Theme, field="slug")

    def clean(self, value, row=None, **kwargs):
        framework = self.frameworks.clean((row or {}).get(self.framework_column))
        text = restore(str(value).strip()) if value is not None else ""
        if not text:
            raise ValueError(_("Tema mangler."))
        themes = framework.themes.all()
        theme = themes.filter(slug=text).first() or themes.filter(title__iexact=text).first()
        if theme is None:
            raise ValueError(
                _("Ukendt tema “%(value)s” i rammen “%(framework)s”.")
                % {"value": text, "framework": framework.slug}
            )
        return theme

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.slug


class OptionalRefWidget(widgets.ForeignKeyWidget):
    """An item referred to by its id ("Hører til"); blank means none."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            pk = int(float(str(value).strip()))
        except ValueError as error:
            raise ValueError(
                _("“%(value)s” er ikke et ID på et punkt.") % {"value": value}
            ) from error
        item = self.model._default_manager.filter(pk=pk).first()
        if item is None:
            raise ValueError(_("Der findes intet punkt med ID %(pk)s.") % {"pk": pk})
        return item

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.pk)


class ConceptsWidget(widgets.ManyToManyWidget):
    """Concepts by name, separated by commas; an unknown name is an error, not silently dropped."""

    def __init__(self):
        super().__init__(Concept, separator=",", field="name")

    def clean(self, value, row=None, **kwargs):
        text = restore(str(value)) if value is not None else ""
        names = [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]
        if not names:
            return Concept.objects.none()
        found = {c.name.casefold(): c for c in Concept.objects.all()}
        unknown = [name for name in names if name.casefold() not in found]
        if unknown:
            raise ValueError(
                _("Ukendt begreb: %(names)s. Begreberne skal findes i forvejen.")
                % {"names": ", ".join(f"“{n}”" for n in unknown)}
            )
        return Concept.objects.filter(pk__in=[found[name.casefold()].pk for name in names])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(c.name for c in value.all()))


# Resources -------------------------------------------------------------------------------------


def text(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


def position() -> fields.Field:
    return fields.Field(attribute="position", column_name="Rækkefølge", widget=PositionWidget())


def concepts() -> fields.Field:
    return fields.Field(
        attribute="concepts", column_name="Begreber", widget=ConceptsWidget(), m2m_add=False
    )


def status() -> fields.Field:
    return fields.Field(
        attribute="status",
        column_name="Status",
        widget=ChoiceLabelWidget(Status.choices, gettext_lazy("status")),
    )


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
        present = {str(h).strip() for h in headers or [] if h is not None}
        return [column for column in cls.required_columns if column not in present]

    def before_import(self, dataset, **kwargs):
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

    def before_import_row(self, row, **kwargs):
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

    def after_init_instance(self, instance, new, row, **kwargs):
        # An id that does not exist must not silently create a row with that id.
        if new and "ID" in row and str(row.get("ID") or "").strip():
            raise ValidationError(
                _("Der findes ingen række med ID %(id)s. Lad ID stå tomt for at oprette en ny.")
                % {"id": row.get("ID")},
                code="unknown_id",
            )


class ConceptResource(ContentResource):
    slug = text("slug", "Kortnavn")
    name = text("name", "Navn")
    description = text("description", "Beskrivelse")
    position = position()

    required_columns = ("Kortnavn", "Navn", "Beskrivelse")
    key_columns = ("Kortnavn",)

    class Meta(ContentResource.Meta):
        model = Concept
        name = gettext_lazy("Begreber")
        fields = ["slug", "name", "description", "position"]
        import_id_fields = ["slug"]


class PublisherResource(ContentResource):
    slug = text("slug", "Kortnavn")
    name = text("name", "Navn")
    kind = fields.Field(
        attribute="kind",
        column_name="Type",
        widget=ChoiceLabelWidget(Publisher.Kind.choices, gettext_lazy("udgivertype")),
    )

    required_columns = ("Kortnavn", "Navn", "Type")
    key_columns = ("Kortnavn",)

    class Meta(ContentResource.Meta):
        model = Publisher
        name = gettext_lazy("Udgivere")
        fields = ["slug", "name", "kind"]
        import_id_fields = ["slug"]


class FrameworkResource(ContentResource):
    slug = text("slug", "Kortnavn")
    title = text("title", "Titel")
    publisher = fields.Field(attribute="publisher", column_name="Udgiver", widget=PublisherWidget())
    year = fields.Field(attribute="year", column_name="År", widget=OptionalIntegerWidget())
    document_kind = text("document_kind", "Dokumenttype")
    theme_label = text("theme_label", "Betegnelse for temaer")
    source = text("source", "Kildeangivelse")
    source_url = text("source_url", "Kildens adresse")
    introduction = text("introduction", "Indledning")
    references = text("references", "Litteratur")
    status = status()
    position = position()

    required_columns = ("Kortnavn", "Titel", "Udgiver", "Dokumenttype", "Kildeangivelse")
    key_columns = ("Kortnavn",)

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
    framework = fields.Field(
        attribute="framework",
        column_name="Ramme",
        widget=SlugOrTitleWidget(Framework, "title", gettext_lazy("ramme")),
    )
    slug = text("slug", "Kortnavn")
    number = text("number", "Nummer")
    title = text("title", "Titel")
    lead = text("lead", "Kort indledning")
    body = text("body", "Tekst")
    status = status()
    position = position()
    concepts = concepts()

    required_columns = ("Ramme", "Kortnavn", "Titel")
    key_columns = ("Ramme", "Kortnavn")

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
    id = fields.Field(attribute="id", column_name="ID", widget=OptionalIntegerWidget())
    framework = fields.Field(
        attribute="theme__framework",
        column_name="Ramme",
        widget=SlugOrTitleWidget(Framework, "title", gettext_lazy("ramme")),
        readonly=True,
    )
    theme = fields.Field(attribute="theme", column_name="Tema", widget=ThemeWidget("Ramme"))
    kind = fields.Field(
        attribute="kind",
        column_name="Type",
        widget=ChoiceLabelWidget(Item.Kind.choices, gettext_lazy("type")),
    )
    group = text("group", "Overskrift i dokumentet")
    responsibility = fields.Field(
        attribute="responsibility",
        column_name="Ansvar",
        widget=ChoiceLabelWidget(
            Item.Responsibility.choices, gettext_lazy("ansvar"), allow_blank=True
        ),
    )
    title = text("title", "Titel")
    place = text("place", "Sted")
    text_ = text("text", "Tekst")
    parent = fields.Field(
        attribute="parent", column_name="Hører til (ID)", widget=OptionalRefWidget(Item)
    )
    position = position()
    concepts = concepts()

    required_columns = ("ID", "Ramme", "Tema", "Type", "Tekst")
    key_columns = ("ID",)

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
    id = fields.Field(attribute="id", column_name="ID", widget=OptionalIntegerWidget())
    framework = fields.Field(
        attribute="theme__framework",
        column_name="Ramme",
        widget=SlugOrTitleWidget(Framework, "title", gettext_lazy("ramme")),
        readonly=True,
    )
    theme = fields.Field(attribute="theme", column_name="Tema", widget=ThemeWidget("Ramme"))
    item = fields.Field(
        attribute="item", column_name="Hører til punkt (ID)", widget=OptionalRefWidget(Item)
    )
    group = text("group", "Overskrift i dokumentet")
    text_ = text("text", "Spørgsmål")
    position = position()
    concepts = concepts()

    required_columns = ("ID", "Ramme", "Tema", "Spørgsmål")
    key_columns = ("ID",)

    class Meta(ContentResource.Meta):
        model = ReflectionQuestion
        name = gettext_lazy("Refleksionsspørgsmål")
        fields = ["id", "framework", "theme", "item", "group", "text_", "position", "concepts"]
        import_id_fields = ["id"]

    def get_queryset(self):
        return ReflectionQuestion.objects.select_related(
            "theme__framework", "item"
        ).prefetch_related("concepts")

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


# Reading uploaded files ------------------------------------------------------------------------


class FileProblem(ValueError):
    """An uploaded file that cannot be imported at all; the message is for the editor."""


def read_dataset(data: bytes, format_class) -> tablib.Dataset:
    """Parse an uploaded file, or raise FileProblem with a Danish explanation."""
    if not data or not data.strip():
        raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))
    title = format_class().get_title().upper()
    fmt = format_class(encoding="utf-8-sig")
    if not fmt.is_binary():
        if b"\x00" in data[:4096] or data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
            raise FileProblem(
                _(
                    "Filen kunne ikke læses som %(format)s. Er det et regneark i det valgte "
                    "format? Et Excel-regneark skal importeres som XLSX."
                )
                % {"format": title}
            )
        try:
            decoded = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileProblem(
                _(
                    "Filen er ikke gemt som UTF-8, så æ, ø og å kan ikke læses. Gem den i Excel "
                    "som “CSV UTF-8 (kommasepareret)” og prøv igen."
                )
            ) from error
        if format_class is SafeJSON or issubclass(format_class, base_formats.JSON):
            try:
                parsed = json.loads(decoded)
            except ValueError as error:
                raise FileProblem(
                    _("Filen kunne ikke læses som JSON. Er det en fil eksporteret herfra?")
                ) from error
            if not isinstance(parsed, list) or not all(isinstance(r, dict) for r in parsed):
                raise FileProblem(
                    _("JSON-filen skal være en liste af rækker, som en fil eksporteret herfra.")
                )
            if not parsed:
                raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))
    try:
        dataset = fmt.create_dataset(data if fmt.is_binary() else decoded)
    except Exception as error:  # noqa: BLE001 – any parser failure means "not readable"
        raise FileProblem(
            _("Filen kunne ikke læses som %(format)s. Er det et regneark i det valgte format?")
            % {"format": title}
        ) from error
    dataset = drop_blank_rows(dataset)
    if not dataset.headers or not any(h not in (None, "") for h in dataset.headers):
        raise FileProblem(_("Filen er tom. Der er ingen rækker at importere."))
    if len(dataset) == 0:
        raise FileProblem(_("Filen har kun overskrifter og ingen rækker at importere."))
    if len(dataset) > MAX_IMPORT_ROWS:
        raise FileProblem(
            _(
                "Filen har %(rows)s rækker. Der kan højst importeres %(max)s rækker ad gangen "
                "– del den op i flere filer."
            )
            % {
                "rows": f"{len(dataset):,}".replace(",", "."),
                "max": f"{MAX_IMPORT_ROWS:,}".replace(",", "."),
            }
        )
    return dataset


def drop_blank_rows(dataset: tablib.Dataset) -> tablib.Dataset:
    """Spreadsheets often carry empty rows below the data; they are not rows to import."""
    headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
    cleaned = tablib.Dataset(headers=headers)
    for row in dataset:
        if any(cell not in (None, "") and str(cell).strip() for cell in row):
            cleaned.append(row)
    return cleaned


def check_columns(dataset: tablib.Dataset, resource_class) -> None:
    missing = resource_class.missing_columns(dataset.headers)
    if missing:
        raise FileProblem(
            _(
                "Filen mangler kolonnerne: %(columns)s. Brug en fil eksporteret herfra som "
                "skabelon; kolonnernes navne skal stå i første række."
            )
            % {"columns": ", ".join(f"“{c}”" for c in missing)}
        )


def export_bytes(resource_class, format_class, queryset=None) -> bytes:
    """Export with a resource and format, as bytes (used by tests and the workbook)."""
    dataset = resource_class().export(queryset)
    data = format_class().export_data(dataset)
    return data.encode("utf-8") if isinstance(data, str) else data


def import_file(resource_class, format_class, data: bytes, dry_run: bool, user=None):
    """Read and import a file the way the admin does: all rows or nothing."""
    dataset = read_dataset(data, format_class)
    check_columns(dataset, resource_class)
    return resource_class().import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )
