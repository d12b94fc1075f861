"""A framework's source document as a PDF kept in the database.

In the database rather than on a disk, so every app server serves the same file without a
shared volume, and deleting the framework deletes its document with it. Only its file name is
on the framework (Framework.source_file_name), so pages know of it without another query.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import Framework

#: the largest source document an editor may upload
MAX_SOURCE_DOCUMENT_BYTES = 20 * 1024 * 1024


class SourceDocument(models.Model):
    framework = models.OneToOneField(
        Framework,
        verbose_name=_("ramme"),
        on_delete=models.CASCADE,
        related_name="source_document",
    )
    content = models.BinaryField(_("indhold"))
    size = models.PositiveIntegerField(_("størrelse i bytes"))
    uploaded_at = models.DateTimeField(_("uploadet"), auto_now=True)

    class Meta:
        verbose_name = _("kildedokument")
        verbose_name_plural = _("kildedokumenter")

    def __str__(self) -> str:
        return self.framework.source_file_name
