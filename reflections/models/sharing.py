"""What a board shares with the other boards of its municipality.

A row means "shared now"; withdrawing deletes it, so the other boards' next page load shows
nothing, and deleting the worksheet (or principle, or space) deletes it too. Two kinds:
- the board's agreed answers, read live from the worksheet: never a member's own answer or name,
  never next steps (they name people);
- the board's principle: its latest approved version only, never the draft or its comments.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .principles import Principle
from .worksheets import Worksheet


class SharingQuerySet(models.QuerySet):
    def of(self, worksheet: Worksheet) -> SharingQuerySet:
        return self.filter(worksheet=worksheet)


class Sharing(models.Model):
    class Kind(models.TextChoices):
        AGREED_ANSWERS = "answers", _("Bestyrelsens fælles svar")
        PRINCIPLE = "principle", _("Bestyrelsens princip")

    worksheet = models.ForeignKey(
        Worksheet,
        verbose_name=_("arbejdsark"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sharings",
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("princip"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sharings",
    )
    kind = models.CharField(
        _("hvad deles"), max_length=20, choices=Kind.choices, default=Kind.AGREED_ANSWERS
    )
    names_school = models.BooleanField(
        _("vis skolens navn"),
        default=False,
        help_text=_("Ellers står der kun “En skole i kommunen” ved svarene."),
    )
    shared_at = models.DateTimeField(_("delt"), auto_now_add=True)

    objects = SharingQuerySet.as_manager()

    class Meta:
        verbose_name = _("deling med kommunens bestyrelser")
        verbose_name_plural = _("delinger med kommunens bestyrelser")
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "kind"], name="one_sharing_per_kind"),
            models.UniqueConstraint(fields=["principle"], name="one_sharing_per_principle"),
            # Agreed answers hang on a worksheet, a principle on itself; never both, never none.
            models.CheckConstraint(
                condition=(
                    models.Q(kind="answers", worksheet__isnull=False, principle__isnull=True)
                    | models.Q(kind="principle", worksheet__isnull=True, principle__isnull=False)
                ),
                name="sharing_hangs_on_what_it_shares",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worksheet or self.principle} – {self.get_kind_display()}"
