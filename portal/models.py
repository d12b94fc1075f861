"""What the portal itself remembers: when each member of staff last opened the overview."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DashboardVisit(models.Model):
    """The overview's "changes since your last visit" starts from here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="dashboard_visit",
    )
    seen_at = models.DateTimeField(_("sidst set"))

    class Meta:
        verbose_name = _("besøg på oversigten")
        verbose_name_plural = _("besøg på oversigten")

    def __str__(self) -> str:
        return f"{self.user} {self.seen_at:%Y-%m-%d %H:%M}"
