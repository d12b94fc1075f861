"""A municipality's register of schools, kept by the municipality's editors."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..owners import OwnedQuerySet
from .content import Publisher


class SchoolQuerySet(OwnedQuerySet):
    publisher_path = "municipality"


class School(models.Model):
    municipality = models.ForeignKey(
        Publisher,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="schools",
        help_text=_("Den kommune, skolen hører under."),
    )
    name = models.CharField(
        _("navn"), max_length=200, help_text=_("Skolens navn, fx “Vestskolen”.")
    )
    institution_number = models.CharField(
        _("institutionsnummer"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(
                r"^\d{6}$",
                _("Institutionsnummeret er seks cifre, fx 151012."),
                code="institution_number",
            )
        ],
        help_text=_("Skolens seks cifre i Institutionsregisteret, fx 151012."),
    )

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("skole")
        verbose_name_plural = _("skoler")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="school_name_unique_in_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name
