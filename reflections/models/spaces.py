"""A board's own space (bestyrelsesrum): its worksheets and principles over the years.

The space holds the board's secret links (member, chair, co-chair; stored only as hashes). Every
worksheet and principle belongs to one space and is reached through the space's links, so
members who change from year to year keep one place; see reflections/access.py.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from values.models import School

from .tokens import new_key


class BoardSpace(models.Model):
    key = models.CharField(_("id i adressen"), max_length=24, unique=True, default=new_key)
    school_name = models.CharField(_("skole"), max_length=200)
    school = models.ForeignKey(
        School,
        verbose_name=_("skole i kommunens register"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_spaces",
    )
    board_name = models.CharField(_("bestyrelse"), max_length=200)
    member_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    chair_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A second chair link for the co-chair, with the same rights; empty until the chair makes one.
    cochair_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_activity_at = models.DateTimeField(
        _("sidste aktivitet"), default=timezone.now, db_index=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bestyrelsesrum")
        verbose_name_plural = _("bestyrelsesrum")

    def __str__(self) -> str:
        return f"{self.board_name} – {self.school_name}"

    def get_absolute_url(self) -> str:
        return reverse("reflections:space", args=[self.key])
