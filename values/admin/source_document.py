"""The framework's source document on its admin form: upload a PDF, replace or remove it.

The file is checked to be a PDF by its first bytes (not by its name or the browser's word) and
to be at most MAX_SOURCE_DOCUMENT_BYTES; values.source_documents serves it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import MAX_SOURCE_DOCUMENT_BYTES, Framework, SourceDocument
from ..source_documents import PDF_MAGIC


class FrameworkForm(forms.ModelForm):
    source_pdf = forms.FileField(
        label=_("Kildedokument (PDF)"),
        required=False,
        help_text=_("Dokumentet selv som PDF, højst %(size)s. Erstatter et tidligere.")
        % {"size": filesizeformat(MAX_SOURCE_DOCUMENT_BYTES)},
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_source_pdf = forms.BooleanField(label=_("Fjern kildedokumentet"), required=False)

    class Meta:
        model = Framework
        fields: list[str] = []  # the admin passes the fields of its fieldsets

    def clean_source_pdf(self):
        upload = self.cleaned_data.get("source_pdf")
        if not upload:
            return upload
        if upload.size > MAX_SOURCE_DOCUMENT_BYTES:
            raise ValidationError(
                _("Filen er %(size)s. Et kildedokument må højst fylde %(max)s."),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(MAX_SOURCE_DOCUMENT_BYTES),
                },
            )
        start = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if start != PDF_MAGIC:
            raise ValidationError(
                _("Filen er ikke en PDF. Gem dokumentet som PDF, og upload det igen."),
                code="not_pdf",
            )
        return upload


class SourceDocumentMixin:
    """For the framework's ModelAdmin: the PDF is stored with the framework's inlines, so a
    draft change (values.admin.drafts) never replaces the live document."""

    form = FrameworkForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        framework = form.instance
        upload = form.cleaned_data.get("source_pdf")
        if upload:
            SourceDocument.objects.update_or_create(
                framework=framework,
                defaults={"content": b"".join(upload.chunks()), "size": upload.size},
            )
            name = get_valid_filename(upload.name)[:200] or "kildedokument.pdf"
            Framework.objects.filter(pk=framework.pk).update(source_file_name=name)
        elif form.cleaned_data.get("remove_source_pdf"):
            SourceDocument.objects.filter(framework=framework).delete()
            Framework.objects.filter(pk=framework.pk).update(source_file_name="")
            messages.info(request, gettext("Kildedokumentet er fjernet."))
