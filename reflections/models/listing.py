"""A municipality's choice to list its schools' published principles on a public page of its own.

Set by the municipality's editors in the admin (values.owners: each editor only their own
municipality's). A principle is listed while its board keeps it published and the board's space
is linked to a school of a municipality that lists; only then may search engines index it.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from values.models import Publisher
from values.owners import OwnedQuerySet


class PrincipleListingQuerySet(OwnedQuerySet):
    publisher_path = "municipality"


class PrincipleListing(models.Model):
    municipality = models.OneToOneField(
        Publisher,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="principle_listing",
        help_text=_("Den kommune, hvis skoler det gælder."),
    )
    listed = models.BooleanField(
        _("vis skolernes offentliggjorte principper"),
        default=False,
        help_text=_(
            "Når feltet er markeret, viser kommunens egen offentlige side de principper, som "
            "bestyrelserne på kommunens skoler selv har offentliggjort, og søgemaskiner må finde "
            "dem. En bestyrelse, der tager sit princip offline, fjerner det med det samme."
        ),
    )
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    objects = PrincipleListingQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("kommunens liste over principper")
        verbose_name_plural = _("kommunernes lister over principper")

    def __str__(self) -> str:
        return str(self.municipality)

    def get_absolute_url(self) -> str:
        return reverse("municipal_principles:list", args=[self.municipality.slug])
