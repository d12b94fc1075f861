"""Perspectives: the worksheet's rating questions put to another group through an open link.

A *round* belongs to one worksheet. Anyone with its link may answer once per browser; a response
stores the ratings and an optional comment and nothing about who gave them – no time, no address,
no name. Deleting the worksheet deletes its rounds and their responses.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import Rating
from .worksheets import Worksheet, WorksheetQuestion

COMMENT_MAX_LENGTH = 1000
# Fewer responses than this and a group's answers are not shown: a few people could be recognised.
MIN_RESPONSES = 5


class Group(models.TextChoices):
    STAFF = "staff", _("Skolens personale")
    CLASS_COUNCIL = "class_council", _("Et klasseforældreråd")
    PARENTS = "parents", _("Alle forældre")
    PUPILS = "pupils", _("Elever")


class RoundState(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke åbnet endnu")
    OPEN = "open", _("Åben")
    ENDED = "ended", _("Slut")


class Round(models.Model):
    worksheet = models.ForeignKey(
        Worksheet, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("arbejdsark")
    )
    group = models.CharField(_("gruppe"), max_length=20, choices=Group.choices)
    label = models.CharField(
        _("navn på gruppen"),
        max_length=80,
        blank=True,
        help_text=_("Valgfrit, fx “5.B” for et klasseforældreråd eller “Indskolingen”."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    starts_on = models.DateField(_("åbner"), help_text=_("Første dag, linket tager imod svar."))
    ends_on = models.DateField(_("lukker"), help_text=_("Sidste dag, linket tager imod svar."))
    closed_at = models.DateTimeField(_("lukket af formanden"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["worksheet_id", "created_at", "pk"]
        verbose_name = _("spørgerunde")
        verbose_name_plural = _("spørgerunder")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        group = str(self.get_group_display())
        return f"{group}: {self.label}" if self.label else group

    def state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.closed_at is not None or today > self.ends_on:
            return RoundState.ENDED
        if today < self.starts_on:
            return RoundState.NOT_STARTED
        return RoundState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state() == RoundState.OPEN

    @property
    def plain_wording(self) -> bool:
        """Parents and pupils get a question's plain wording where its template has one; the
        school's staff get the board's own."""
        return self.group != Group.STAFF


class RoundResponse(models.Model):
    """One respondent's answer. Nothing here says who, when or from where."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="responses", verbose_name=_("spørgerunde")
    )
    # The hash of the one-time number the form carried: the same form sent twice saves once.
    nonce_hash = models.CharField(max_length=64, unique=True, editable=False)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        ordering = ["round_id", "pk"]
        verbose_name = _("svar i spørgerunde")
        verbose_name_plural = pgettext_lazy("plural", "svar i spørgerunder")

    def __str__(self) -> str:
        return str(self.round)


class RoundRating(models.Model):
    response = models.ForeignKey(RoundResponse, on_delete=models.CASCADE, related_name="ratings")
    question = models.ForeignKey(
        WorksheetQuestion, on_delete=models.CASCADE, related_name="round_ratings"
    )
    rating = models.CharField(_("vurdering"), max_length=10, choices=Rating.choices)

    class Meta:
        ordering = ["response_id", "question_id"]
        verbose_name = _("vurdering i spørgerunde")
        verbose_name_plural = _("vurderinger i spørgerunder")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_rating_per_question_and_response"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_rating_display())
