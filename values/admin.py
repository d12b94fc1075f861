"""The editors' admin: content with import/export, history, preview, ordering and the workbook.

- Import and export (django-import-export) on every content model, in the columns of
  values.spreadsheets.resources; importing needs the permission `values.import_content`.
- History (django-reversion's VersionAdmin): who changed what and when, a compare view and revert.
- Preview: a button on a change form shows the public page with drafts (values.visibility).
- Ordering: up/down buttons in the changelists of themes, items and questions.
- A whole framework in one workbook: values.workbook, reached from the frameworks' changelist.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from datetime import date

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.results import RowResult
from reversion.admin import VersionAdmin
from reversion.models import Version

from portal.redirects import safe_next

from . import visibility
from .models import Concept, Framework, Item, Publisher, ReflectionQuestion, Theme, danish_slugify
from .spreadsheets import workbook
from .spreadsheets.formats import (
    FORMATS,
    MAX_IMPORT_ROWS,
    FileProblem,
    check_columns,
    read_dataset,
)
from .spreadsheets.resources import (
    ConceptResource,
    FrameworkResource,
    ItemResource,
    PublisherResource,
    ReflectionQuestionResource,
    ThemeResource,
)
from .spreadsheets.workbook import uploads

# Importing can rewrite a lot of content in one go, so it is a permission of its own
# (Framework.Meta.permissions; migration 0005 gives it to the "Redaktør" group).
IMPORT_PERMISSION = "values.import_content"

# Import and export forms -----------------------------------------------------------------------


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
        return cleaned


class DanishExportForm(ExportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = _("Format")
        self.fields["resource"].label = _("Indhold")
        choices = [c for c in self.fields["format"].choices if c[0] != ""]
        self.fields["format"].choices = choices
        self.fields["format"].initial = choices[0][0] if choices else None


# Shared admin base -----------------------------------------------------------------------------


class CurationAdmin(ImportExportMixin, VersionAdmin):
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
        return super().process_result(result, request)

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
        return context

    def get_export_queryset(self, request):
        queryset = super().get_export_queryset(request)
        return (
            queryset.prefetch_related(*self.export_prefetch) if self.export_prefetch else queryset
        )

    def get_export_filename(self, request, queryset, file_format):
        name = danish_slugify(str(self.opts.verbose_name_plural)) or "indhold"
        return f"{name}-{date.today().isoformat()}.{file_format.get_extension()}"

    # History: compare two versions

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info[0]}_{info[1]}_compare",
            ),
        ]
        return urls + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        # The same list as django-reversion's, with each version's id for the compare form.
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_or_change_permission(request, obj):
            info = self.opts.app_label, self.opts.model_name
            versions = self._reversion_order_version_queryset(
                request,
                Version.objects.get_for_object(obj).select_related("revision", "revision__user"),
            )
            extra_context = {
                **(extra_context or {}),
                "action_list": [
                    {
                        "revision": version.revision,
                        "version_id": version.pk,
                        "url": reverse(
                            f"admin:{info[0]}_{info[1]}_revision", args=[obj.pk, version.pk]
                        ),
                    }
                    for version in versions
                ],
            }
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object(obj).select_related("revision", "revision__user")
        )
        by_id = {str(v.pk): v for v in versions}
        if len(versions) < 2:
            messages.info(request, gettext("Der er kun én version; der er intet at sammenligne."))
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
                )
            )
        newer = by_id.get(request.GET.get("b", "")) or versions[0]
        older = by_id.get(request.GET.get("a", "")) or versions[1]
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": gettext("Sammenlign versioner af “%(obj)s”") % {"obj": obj},
            "older": older,
            "newer": newer,
            "changes": compare_versions(self.model, older, newer),
        }
        return TemplateResponse(request, "admin/values/compare.html", context)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes as (op, text) pairs: op is "same", "removed" or "added"."""
    old_words = re.findall(r"\s+|\S+", old)
    new_words = re.findall(r"\s+|\S+", new)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("removed", "".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(("added", "".join(new_words[b1:b2])))
    return segments


def compare_versions(model, older: Version, newer: Version) -> list[dict]:
    """Field by field, what changed between two stored versions."""
    old_fields = older.field_dict
    new_fields = newer.field_dict
    rows = []
    for field in model._meta.get_fields():
        if (
            not getattr(field, "concrete", False)
            or field.auto_created
            or field.name == "updated_at"
        ):
            continue
        key = field.attname if hasattr(field, "attname") else field.name
        old = old_fields.get(field.name, old_fields.get(key))
        new = new_fields.get(field.name, new_fields.get(key))
        old_text, new_text = describe_value(field, old), describe_value(field, new)
        rows.append(
            {
                "label": str(field.verbose_name).capitalize(),
                "changed": old_text != new_text,
                "old": old_text,
                "new": new_text,
                "diff": word_diff(old_text, new_text) if old_text != new_text else [],
            }
        )
    return rows


def describe_value(field, value) -> str:
    if value is None:
        return ""
    if field.many_to_many:
        ids = list(value) if not hasattr(value, "all") else [o.pk for o in value.all()]
        names = field.related_model._default_manager.filter(pk__in=ids).values_list(
            "name" if hasattr(field.related_model, "name") else "pk", flat=True
        )
        return ", ".join(sorted(str(n) for n in names))
    if field.is_relation:
        pk = getattr(value, "pk", value)
        related = field.related_model._default_manager.filter(pk=pk).first()
        return str(related) if related else f"#{pk}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


# Preview ---------------------------------------------------------------------------------------


class PreviewMixin:
    """A "Forhåndsvis" button on the change form: the public page, drafts included."""

    def preview_url(self, obj) -> str | None:
        return obj.get_absolute_url() if obj is not None else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["preview_url"] = self.preview_url(obj)
        return super().change_view(request, object_id, form_url, extra_context)


# Ordering --------------------------------------------------------------------------------------


class MoveMixin:
    """Up/down buttons in the changelist: real submit buttons, so keyboards and readers work.

    Buttons sit inside the changelist's own POST form (which carries the CSRF token) and post to
    their own address with `formaction`; the list's other fields are ignored there.
    """

    def siblings(self, obj):
        raise NotImplementedError

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/flyt/<str:direction>/",
                self.admin_site.admin_view(require_POST(self.move_view)),
                name=f"{info[0]}_{info[1]}_move",
            )
        ]
        return urls + super().get_urls()

    def move_view(self, request, object_id, direction):
        obj = self.get_object(request, object_id)
        if obj is None or direction not in ("op", "ned"):
            raise PermissionDenied
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            moved = move(obj, self.siblings(obj), up=direction == "op")
            if moved:
                reversion.set_comment(
                    gettext("Flyttet op.") if direction == "op" else gettext("Flyttet ned.")
                )
        if moved:
            messages.success(
                request,
                (
                    gettext("“%(obj)s” er flyttet op.")
                    if direction == "op"
                    else gettext("“%(obj)s” er flyttet ned.")
                )
                % {"obj": obj},
            )
        else:
            messages.info(request, gettext("“%(obj)s” står allerede yderst.") % {"obj": obj})
        referer = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
            referer = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return HttpResponseRedirect(referer)

    def get_list_display(self, request):
        fields = list(super().get_list_display(request))
        if not self.has_change_permission(request):
            fields = [f for f in fields if f != "move_controls"]
        return fields

    @admin.display(description=_("flyt"))
    def move_controls(self, obj):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_move"
        up = reverse(name, args=[obj.pk, "op"])
        down = reverse(name, args=[obj.pk, "ned"])
        label = str(obj)[:60]
        return format_html(
            '<span class="move-controls">'
            '<button type="submit" class="button move-up" formaction="{}" formmethod="post" '
            'formnovalidate aria-label="{}" title="{}">↑</button> '
            '<button type="submit" class="button move-down" formaction="{}" formmethod="post" '
            'formnovalidate aria-label="{}" title="{}">↓</button></span>',
            up,
            gettext("Flyt “%(obj)s” op") % {"obj": label},
            gettext("Flyt op"),
            down,
            gettext("Flyt “%(obj)s” ned") % {"obj": label},
            gettext("Flyt ned"),
        )


def move(obj, siblings, up: bool) -> bool:
    """Swap `obj` with its neighbour among `siblings` (ordered by position, pk)."""
    ordered = list(siblings.select_for_update().order_by("position", "pk"))
    index = next((i for i, o in enumerate(ordered) if o.pk == obj.pk), None)
    if index is None:
        return False
    other = index - 1 if up else index + 1
    if other < 0 or other >= len(ordered):
        return False
    positions = [o.position for o in ordered]
    ordered[index], ordered[other] = ordered[other], ordered[index]
    if all(a < b for a, b in zip(positions, positions[1:], strict=False)):
        new_positions = positions  # keep the editor's numbers, only swap the two
    else:
        new_positions = [10 * (i + 1) for i in range(len(ordered))]
    for sibling, new_position in zip(ordered, new_positions, strict=True):
        if sibling.position != new_position:
            sibling.position = new_position
            sibling.save(update_fields=["position", "updated_at"])
    return True


# Content admins --------------------------------------------------------------------------------


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
class PublisherAdmin(CurationAdmin):
    resource_classes = [PublisherResource]
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["position", "number", "title", "slug", "counts_as_theme", "status"]
    extra = 0
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(PreviewMixin, CurationAdmin):
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

    def get_urls(self):
        urls = [
            path(
                "regneark/",
                self.admin_site.admin_view(self.workbook_import_view),
                name="values_framework_workbook",
            ),
            path(
                "regneark/skabelon/",
                self.admin_site.admin_view(self.workbook_template_view),
                name="values_framework_workbook_template",
            ),
            path(
                "<path:object_id>/regneark/",
                self.admin_site.admin_view(self.workbook_export_view),
                name="values_framework_workbook_export",
            ),
            path(
                "forhaandsvisning/",
                self.admin_site.admin_view(require_POST(self.preview_on_view)),
                name="values_preview_on",
            ),
            path(
                "forhaandsvisning/slaa-fra/",
                self.admin_site.admin_view(require_POST(self.preview_off_view)),
                name="values_preview_off",
            ),
        ]
        return urls + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["has_workbook_permission"] = self.has_import_permission(request)
        return super().changelist_view(request, extra_context)

    # Preview on and off

    def preview_on_view(self, request):
        if not visibility.may_preview(request.user):
            raise PermissionDenied
        visibility.start_preview(request)
        return HttpResponseRedirect(safe_next(request, reverse("values:framework_list")))

    def preview_off_view(self, request):
        visibility.stop_preview(request)
        messages.info(request, gettext("Forhåndsvisningen er slået fra."))
        return HttpResponseRedirect(safe_next(request, reverse("values:framework_list")))

    # The whole framework in one workbook

    def workbook_template_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return xlsx_response(workbook.template_bytes(), "rammeskabelon.xlsx")

    def workbook_export_view(self, request, object_id):
        framework = self.get_object(request, object_id)
        if framework is None or not self.has_view_or_change_permission(request, framework):
            raise PermissionDenied
        return xlsx_response(
            workbook.export_framework(framework),
            f"{framework.slug}-{date.today().isoformat()}.xlsx",
        )

    def workbook_import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = WorkbookUploadForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Importér en hel ramme fra ét regneark"),
            "form": form,
            "max_rows": workbook.MAX_ROWS,
        }
        if request.method == "POST" and "confirm" in request.POST:
            token = request.POST.get("token", "")
            data = uploads.load_upload(token, request.user)
            if data is None:
                messages.error(
                    request, gettext("Forhåndsvisningen er udløbet. Upload regnearket igen.")
                )
                return HttpResponseRedirect(reverse("admin:values_framework_workbook"))
            result = workbook.import_workbook(data, user=request.user, dry_run=False)
            uploads.discard_upload(token)
            if result.errors:
                context["result"] = result
                messages.error(request, gettext("Regnearket kunne ikke importeres. Intet er gemt."))
                return TemplateResponse(request, "admin/values/workbook_import.html", context)
            messages.success(
                request,
                gettext("Rammen “%(title)s” er gemt som %(status)s.")
                % {
                    "title": result.framework.title,
                    "status": result.framework.get_status_display().lower(),
                },
            )
            return HttpResponseRedirect(
                reverse("admin:values_framework_change", args=[result.framework.pk])
            )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data["data"]
            result = workbook.import_workbook(data, user=request.user, dry_run=True)
            context["result"] = result
            if not result.errors:
                context["token"] = uploads.store_upload(data, request.user)
        return TemplateResponse(request, "admin/values/workbook_import.html", context)


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Regneark (.xlsx)"),
        help_text=_("Udfyldt ud fra skabelonen. Intet gemmes, før I har set forhåndsvisningen."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > uploads.MAX_FILE_BYTES:
            raise forms.ValidationError(
                gettext("Filen er for stor (højst %(mb)s MB).")
                % {"mb": uploads.MAX_FILE_BYTES // (1024 * 1024)},
                code="too_big",
            )
        data = b"".join(upload.chunks())
        if not data:
            raise forms.ValidationError(gettext("Filen er tom."), code="empty")
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise forms.ValidationError(
                gettext(
                    "Filen er ikke et Excel-regneark (.xlsx). Hent skabelonen og gem regnearket "
                    "som «Excel-projektmappe (.xlsx)»."
                ),
                code="not_xlsx",
            )
        self.cleaned_data["data"] = data
        return upload


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ItemInline(admin.StackedInline):
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


class QuestionInline(admin.TabularInline):
    model = ReflectionQuestion
    fields = ["position", "group", "text", "item", "concepts"]
    autocomplete_fields = ["item", "concepts"]
    extra = 0


@admin.register(Theme)
class ThemeAdmin(PreviewMixin, MoveMixin, CurationAdmin):
    resource_classes = [ThemeResource]
    export_prefetch = ("concepts",)
    list_display = ["__str__", "move_controls", "framework", "position", "status"]
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
class ItemAdmin(PreviewMixin, MoveMixin, CurationAdmin):
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
        "text",
        "portal_note",
        "parent",
        "concepts",
    ]

    def preview_url(self, obj):
        return obj.theme.get_absolute_url()

    def siblings(self, obj):
        return Item.objects.filter(theme_id=obj.theme_id, parent_id=obj.parent_id)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("parent")

    @admin.display(description=_("tekst"))
    def short_text(self, obj):
        label = obj.title or obj.text
        return label if len(label) <= 90 else f"{label[:90]}…"

    @admin.display(description=_("ramme"), ordering="theme__framework__title")
    def framework(self, obj):
        return obj.theme.framework.title


@admin.register(ReflectionQuestion)
class ReflectionQuestionAdmin(PreviewMixin, MoveMixin, CurationAdmin):
    resource_classes = [ReflectionQuestionResource]
    export_prefetch = ("concepts",)
    list_display = ["text", "move_controls", "theme", "framework", "position"]
    list_editable = ["position"]
    list_filter = ["theme__framework", "concepts"]
    list_select_related = ["theme", "theme__framework", "theme__framework__publisher"]
    search_fields = ["text", "group"]
    autocomplete_fields = ["theme", "item", "concepts"]
    fields = ["theme", "item", ("group", "position"), "text", "concepts"]

    def preview_url(self, obj):
        return obj.theme.get_absolute_url()

    def siblings(self, obj):
        return ReflectionQuestion.objects.filter(theme_id=obj.theme_id, item_id=obj.item_id)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("item")

    @admin.display(description=_("ramme"), ordering="theme__framework__title")
    def framework(self, obj):
        return obj.theme.framework.title
