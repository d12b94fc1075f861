"""What every per-model import file shares (values.spreadsheets.resources builds on it):
required columns, the row limit, duplicate keys, text lengths checked in the preview, rows
without an ID that repeat a stored object, lookups once per file, and the search index written
after the commit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources, widgets

from ..models import Publisher
from ..search import index as search_index
from . import columns
from .formats import MAX_IMPORT_ROWS
from .formulas import restore
from .ownership import OwnedRowsMixin
from .widgets import PublisherWidget


class ContentResource(OwnedRowsMixin, resources.ModelResource):
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
        super().after_init_instance(instance, new, row, **kwargs)
        # An id that does not exist must not silently create a row with that id.
        if new and columns.ID in row and str(row.get(columns.ID) or "").strip():
            raise ValidationError(
                _("Der findes ingen række med ID %(id)s. Lad ID stå tomt for at oprette en ny.")
                % {"id": row.get(columns.ID)},
                code="unknown_id",
            )
