"""Serving a framework's source document (values.models.documents) to whoever may see the
framework: as a download, never rendered in the portal's own origin, and never sniffed as
anything but a PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .models import SourceDocument
from .visibility import frameworks_for

PDF_MAGIC = b"%PDF-"


def source_document(request: HttpRequest, slug: str) -> HttpResponse:
    framework = get_object_or_404(frameworks_for(request).exclude(source_file_name=""), slug=slug)
    document = SourceDocument.objects.filter(framework=framework).first()
    if document is None:
        raise Http404
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{framework.slug}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser displays it, the document runs no script with the portal's rights.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Content-Length"] = str(document.size)
    return response
