"""The shared base of every content admin: import/export in Danish, and history.

- Import and export (django-import-export) in the columns of values.spreadsheets.resources;
  importing needs the permission `values.import_content` (Framework.Meta.permissions).
- History (django-reversion's VersionAdmin, with values.admin.history's compare view).
"""

from __future__ import annotations

from datetime import date

import reversion
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.results import RowResult
from reversion.admin import VersionAdmin

from ..models import danish_slugify
from ..spreadsheets.formats import (
    FORMATS,
    MAX_IMPORT_ROWS,
    FileProblem,
    check_columns,
    read_dataset,
    unknown_columns,
)
from ..spreadsheets.reading import limits_text
from ..spreadsheets.workbook.uploads import PreviewedFileStorage
from ..text import normalise
from .history import HistoryCompareMixin

# Importing can rewrite a lot of content in one go, so it is a permission of its own
# (Framework.Meta.permissions; migration 0008 gives it to the "Redaktør" group).
IMPORT_PERMISSION = "values.import_content"


class DanishImportForm(ImportForm):
    """The import form in Danish; the file is read and checked here, before any dry run."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.format_classes = formats
        self.resource_classes = resources
        self.fields["import_file"].label = _("Fil")
        self.fields["import_file"].help_text = _(
            "CSV, XLSX eller JSON med de samme kolonner som en eksporteret fil."
        )
        self.fields["import_file"].widget.attrs.pop("class", None)
        self.fields["format"].label = _("Format")
        self.fields["format"].required = False
        self.fields["format"].widget.attrs.pop("class", None)
        choices = [c for c in self.fields["format"].choices if c[0] != ""]
        self.fields["format"].choices = [("", _("Ud fra filens endelse")), *choices]
        self.fields["resource"].label = _("Indhold")

    @property
    def media(self):
        # No jQuery format guessing: the format is guessed here, on the server.
        return forms.Media()

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if not upload:
            return cleaned
        index = cleaned.get("format") or ""
        if index == "":
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            matches = [
                str(i)
                for i, f in enumerate(self.format_classes)
                if f().get_extension() == extension
            ]
            if not matches:
                raise ValidationError(
                    _("Vælg filens format: filnavnet ender ikke på .csv, .xlsx eller .json."),
                    code="unknown_format",
                )
            index = matches[0]
            cleaned["format"] = index
        format_class = self.format_classes[int(index)]
        resource_class = self.resource_classes[int(cleaned.get("resource") or 0)]
        data = b"".join(upload.chunks())
        upload.seek(0)
        try:
            dataset = read_dataset(data, format_class)
            check_columns(dataset, resource_class)
        except FileProblem as problem:
            self.add_error("import_file", ValidationError(str(problem), code="unreadable"))
        else:
            self.unknown_columns = unknown_columns(dataset, resource_class)
        return cleaned


class DanishExportForm(ExportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = _("Format")
        self.fields["resource"].label = _("Indhold")
        choices = [c for c in self.fields["format"].choices if c[0] != ""]
        self.fields["format"].choices = choices
        self.fields["format"].initial = choices[0][0] if choices else None


class NormalisedTextField(forms.CharField):
    """A text field that reads what the browser sends (CRLF) as the content stores it (LF),
    so a field the editor did not touch is not "changed" in the history."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise(value) if isinstance(value, str) else value


class NormalisedTextMixin:
    """For a ModelAdmin or an inline: every plain text field is a NormalisedTextField."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", NormalisedTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CurationAdmin(NormalisedTextMixin, HistoryCompareMixin, ImportExportMixin, VersionAdmin):
    """Import/export, history with compare and revert, shared by every content model."""

    formats = FORMATS
    import_form_class = DanishImportForm
    export_form_class = DanishExportForm
    confirm_form_class = ConfirmImportForm
    import_template_name = "admin/values/import.html"
    export_template_name = "admin/values/export.html"
    object_history_template = "admin/values/object_history.html"
    history_latest_first = True
    export_prefetch: tuple[str, ...] = ()
    tmp_storage_class = PreviewedFileStorage

    def reversion_register(self, model, **options):
        # Models are registered in ValuesConfig.ready(), each with its own history. Left to
        # itself, VersionAdmin would register them here following their inlines, and reverting
        # a framework would then rewrite or delete every theme below it.
        pass

    # Import and export

    def has_import_permission(self, request) -> bool:
        return (
            request.user.has_perm(IMPORT_PERMISSION)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def has_export_permission(self, request) -> bool:
        return self.has_view_or_change_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # Any invalid row rolls the whole file back: no half imports.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return kwargs

    def process_dataset(self, dataset, form, request, **kwargs):
        class Rollback(Exception):
            pass

        result = None
        try:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(
                    gettext("Importeret fra filen %(name)s.")
                    % {"name": form.cleaned_data.get("original_file_name", "")}
                )
                result = super().process_dataset(dataset, form, request, **kwargs)
                if result.has_errors() or result.has_validation_errors():
                    raise Rollback
        except Rollback:
            pass
        return result

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            messages.error(request, gettext("Forhåndsvisningen er udløbet. Upload filen igen."))
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
            )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                gettext(
                    "Importen blev afbrudt, fordi indholdet er ændret siden forhåndsvisningen. "
                    "Intet er gemt. Upload filen igen for at se en ny forhåndsvisning."
                ),
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
            )
        response = super().process_result(result, request)
        # Back to the list as the editor left it: the filters the import was started from.
        kept = request.GET.get("_changelist_filters", "")
        if kept:
            response["Location"] = f"{response['Location']}?{QueryDict(kept).urlencode()}"
        return response

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            gettext(
                "Importen er gennemført: %(new)s nye, %(updated)s ændrede og %(skipped)s uændrede "
                "%(what)s."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
                "what": self.opts.verbose_name_plural,
            },
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["max_rows"] = MAX_IMPORT_ROWS
        context["limits"] = limits_text()
        return context

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if hasattr(response, "context_data"):
            response.context_data["preserved_filters"] = self.get_preserved_filters(request)
        form = getattr(response, "context_data", {}).get("form")
        if form is not None and getattr(form, "unknown_columns", None):
            response.context_data["unknown_columns"] = [f"«{c}»" for c in form.unknown_columns]
        return response

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        # The sheet is named after what it holds ("Punkter"), not "Tablib Dataset".
        dataset.title = str(self.opts.verbose_name_plural).capitalize()
        return dataset

    def get_export_queryset(self, request):
        queryset = super().get_export_queryset(request)
        return (
            queryset.prefetch_related(*self.export_prefetch) if self.export_prefetch else queryset
        )

    def get_export_filename(self, request, queryset, file_format):
        name = danish_slugify(str(self.opts.verbose_name_plural)) or "indhold"
        return f"{name}-{date.today().isoformat()}.{file_format.get_extension()}"
