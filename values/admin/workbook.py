"""A whole framework in one workbook, from the frameworks' changelist: template, export, import.

The import is previewed first (values.spreadsheets.workbook runs it and rolls it back); the file
waits in values.spreadsheets.workbook.uploads until the editor confirms.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..spreadsheets import workbook
from ..spreadsheets.reading import MAX_FILE_BYTES, Budget, limits_text
from ..spreadsheets.workbook import uploads

TEMPLATE = "admin/values/workbook_import.html"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Regneark (.xlsx)"),
        help_text=_("Udfyldt ud fra skabelonen. Intet gemmes, før I har set forhåndsvisningen."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            too_big = gettext("den fylder mere end %(mb)s MB") % {"mb": MAX_FILE_BYTES >> 20}
            raise forms.ValidationError(str(Budget().too_much(too_big)), code="too_big")
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
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class FrameworkWorkbookMixin:
    """For the frameworks' admin: the workbook's template, export and import views."""

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
        ]
        return urls + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["has_workbook_permission"] = self.has_import_permission(request)
        return super().changelist_view(request, extra_context)

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
        """Upload → preview (nothing saved) → confirm, in one address."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = WorkbookUploadForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Importér en hel ramme fra ét regneark"),
            "form": form,
            "max_rows": workbook.MAX_ROWS,
            "limits": limits_text(),
        }
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm_workbook(request, context)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data["data"]
            report = workbook.import_workbook(data, user=request.user, dry_run=True)
            context["result"] = report
            if not report.errors:
                name = form.cleaned_data["file"].name
                context["token"] = uploads.store_upload(data, request.user, name)
        return TemplateResponse(request, TEMPLATE, context)

    def _confirm_workbook(self, request, context: dict):
        token = request.POST.get("token", "")
        data = uploads.load_upload(token, request.user)
        if data is None:
            messages.error(
                request, gettext("Forhåndsvisningen er udløbet. Upload regnearket igen.")
            )
            return HttpResponseRedirect(reverse("admin:values_framework_workbook"))
        report = workbook.import_workbook(
            data, user=request.user, dry_run=False, file_name=uploads.upload_name(token)
        )
        uploads.discard_upload(token)
        if report.errors:
            context["result"] = report
            messages.error(request, gettext("Regnearket kunne ikke importeres. Intet er gemt."))
            return TemplateResponse(request, TEMPLATE, context)
        messages.success(
            request,
            gettext("Rammen “%(title)s” er gemt som %(status)s.")
            % {
                "title": report.framework.title,
                "status": report.framework.get_status_display().lower(),
            },
        )
        return HttpResponseRedirect(
            reverse("admin:values_framework_change", args=[report.framework.pk])
        )
