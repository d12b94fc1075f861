"""Outside material attached to a theme: a link to what others have already made."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..bases import Ordered, Stamped, Status
from ..owners import OwnedQuerySet
from .content import Theme

#: only web addresses: a javascript:, data: or file: link must never reach a theme page
WEB_ADDRESS = URLValidator(
    schemes=["http", "https"],
    message=_("Skriv en webadresse, der begynder med https:// eller http://."),
)


class MaterialQuerySet(OwnedQuerySet):
    publisher_path = "theme__framework__publisher"

    def published(self) -> MaterialQuerySet:
        return self.filter(
            theme__status=Status.PUBLISHED, theme__framework__status=Status.PUBLISHED
        )


class Material(Stamped, Ordered):
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("Materialets egen titel."))
    url = models.URLField(
        _("link"),
        max_length=500,
        validators=[WEB_ADDRESS],
        help_text=_("Adressen på materialet, fx https://www.emu.dk/…"),
    )
    source = models.CharField(
        _("udgiver"),
        max_length=200,
        help_text=_("Hvem der har lavet materialet, fx “EVA” eller “Skole og Forældre”."),
    )
    licence = models.CharField(
        _("licens"),
        max_length=100,
        blank=True,
        help_text=_("Fx “CC BY 4.0”. Tom: materialets egne vilkår gælder."),
    )
    description = models.TextField(
        _("kort beskrivelse"),
        max_length=500,
        blank=True,
        help_text=_("En eller to sætninger om, hvad bestyrelsen kan bruge materialet til."),
    )

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["theme_id", "position", "pk"]
        verbose_name = _("materiale")
        verbose_name_plural = _("materialer")

    def __str__(self) -> str:
        return self.title
