"""A board's principles (folkeskoleloven § 44, stk. 2): a draft the board writes and comments on,
approved versions kept as they were approved, and one of them published.

The draft is sections of lines; a line may cite the framework items and agreed answers it rests
on. Approving copies the draft into an immutable PrincipleVersion (plain JSON: what the board
approved must not change when a worksheet or a framework does). Publishing points the principle
at one version, so the public page can never show the draft.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from values.bases import Ordered
from values.models import Item

from ..choices import AgreedBy
from .spaces import BoardSpace
from .worksheets import Answer, Worksheet


class PrincipleArea(models.TextChoices):
    """The areas folkeskoleloven § 44, stk. 2 names, in the law's words; the board may set
    principles for other parts of the school's work too ("herunder")."""

    ORGANISATION = (
        "1",
        _(
            "undervisningens organisering, herunder elevernes undervisningstimetal på hvert "
            "klassetrin, skoledagens længde, understøttende undervisning, holddannelse, udbud af "
            "valgfag, specialundervisning på skolen og elevernes placering i klasser"
        ),
    )
    COMMUNITIES = (
        "2",
        _("skolens arbejde med elevernes udvikling i skolens faglige og sociale fællesskaber"),
    )
    MUSIC_SPORT = (
        "3",
        _(
            "adgangen til at opfylde undervisningspligten ved at deltage i undervisningen i den "
            "kommunale musikskole eller ved eliteidrætsudøvelse i en idrætsforening"
        ),
    )
    SCHOOL_HOME = (
        "4",
        _(
            "samarbejdet mellem skole og hjem, om skolens arbejde med meddelelsesbogen som led i "
            "samarbejdet og om skolens og forældrenes ansvar i samarbejdet"
        ),
    )
    REPORTING = "5", _("underretning af hjemmene om elevernes udbytte af undervisningen")
    STAFF = "6", _("arbejdets fordeling blandt det undervisende personale")
    EVENTS = (
        "7",
        _(
            "fællesarrangementer for eleverne i skoletiden, lejrskoleophold, udsendelse i "
            "praktik m.v."
        ),
    )
    SFO = "8", _("skolefritidsordningens virksomhed")
    OTHER = "other", _("andre dele af skolens virksomhed")


# The common shape of a principle for the collaboration between school and home.
DEFAULT_SECTIONS = ("Formål", "Mål", "Skolens ansvar", "Forældrenes ansvar")
STUDENTS_SECTION = "Elevernes ansvar"


def new_public_slug() -> str:
    # 128 random bits: the address cannot be guessed before the board shares it.
    return secrets.token_urlsafe(16)


class Principle(models.Model):
    space = models.ForeignKey(
        BoardSpace,
        verbose_name=_("bestyrelsesrum"),
        on_delete=models.CASCADE,
        related_name="principles",
    )
    title = models.CharField(_("titel"), max_length=200)
    area = models.CharField(
        _("område i folkeskolelovens § 44, stk. 2"),
        max_length=10,
        choices=PrincipleArea.choices,
        default=PrincipleArea.SCHOOL_HOME,
    )
    worksheet = models.ForeignKey(
        Worksheet,
        verbose_name=_("arbejdsark, princippet bygger på"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="principles",
    )
    writers = models.CharField(
        _("hvem skriver udkastet"),
        max_length=10,
        choices=AgreedBy.choices,
        default=AgreedBy.CHAIRS,
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)
    published_version = models.ForeignKey(
        "PrincipleVersion",
        verbose_name=_("offentliggjort version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Stored as it is, not as a hash: the address is meant to be shared (school website, Aula)
    # and the chair must find it again; it opens only what the board chose to publish. It is
    # random so nobody can list the principles before the board shares them, and it stays the
    # same when the board publishes a new version, so links already shared keep working.
    public_slug = models.CharField(max_length=32, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["space_id", "-created_at", "pk"]
        verbose_name = _("princip")
        verbose_name_plural = _("principper")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reflections:principle", args=[self.space.key, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_version_id is not None

    def public_url(self) -> str:
        return reverse("principles:public", args=[self.public_slug]) if self.public_slug else ""


class PrincipleSection(Ordered):
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("overskrift"), max_length=200)

    class Meta:
        ordering = ["principle_id", "position", "pk"]
        verbose_name = _("afsnit i princip")
        verbose_name_plural = pgettext_lazy("plural", "afsnit i princip")

    def __str__(self) -> str:
        return self.title


class PrincipleLine(Ordered):
    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Afsnit")
        BULLET = "bullet", _("Punkt i en liste")

    section = models.ForeignKey(PrincipleSection, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("form"), max_length=10, choices=Kind.choices, default=Kind.BULLET)
    text = models.TextField(_("tekst"))
    # Optimistic concurrency: a save names the version it started from (like agreed answers).
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("sidst gemt"), auto_now=True)
    items = models.ManyToManyField(
        Item, verbose_name=_("bygger på punkter fra rammerne"), blank=True, related_name="+"
    )
    answers = models.ManyToManyField(
        Answer, verbose_name=_("bygger på fælles svar"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["section_id", "position", "pk"]
        verbose_name = _("linje i princip")
        verbose_name_plural = _("linjer i princip")

    def __str__(self) -> str:
        return self.text[:100]


class LineComment(models.Model):
    """A member's comment on one line of the draft; private to the board, never published."""

    line = models.ForeignKey(PrincipleLine, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("navn"), max_length=60)
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("løst"), null=True, blank=True)

    class Meta:
        ordering = ["line_id", "created_at", "pk"]
        verbose_name = _("kommentar til princip")
        verbose_name_plural = _("kommentarer til princip")

    def __str__(self) -> str:
        return self.text[:100]


class ImmutableVersion(Exception):
    pass


class PrincipleVersion(models.Model):
    """The principle as the board approved it, kept unchanged for good.

    `content`: {"title", "area", "sections": [{"title", "lines": [{"kind", "text",
    "cites": [{"label", "url"}]}]}]} – the labels are written out at approval, so the version
    reads the same after a framework or worksheet changes.
    """

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    approved_on = models.DateField(_("godkendt i skolebestyrelsen den"))
    review_by = models.DateField(_("evalueres senest"))
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["principle_id", "-number"]
        verbose_name = _("godkendt version af princip")
        verbose_name_plural = _("godkendte versioner af princip")
        constraints = [
            models.UniqueConstraint(
                fields=["principle", "number"], name="one_number_per_principle_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content.get('title', '')} ({self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableVersion("An approved version is never changed.")
        super().save(*args, **kwargs)

    @property
    def sections(self) -> list[dict]:
        return self.content.get("sections", [])

    def blocks(self) -> list[dict]:
        """The sections for reading: consecutive bullet lines joined into one list,
        [{"title", "blocks": [{"bullets": bool, "lines": [...]}]}]."""
        found = []
        for section in self.sections:
            blocks: list[dict] = []
            for line in section["lines"]:
                bullets = line["kind"] == PrincipleLine.Kind.BULLET
                if bullets and blocks and blocks[-1]["bullets"]:
                    blocks[-1]["lines"].append(line)
                else:
                    blocks.append({"bullets": bullets, "lines": [line]})
            found.append({"title": section["title"], "blocks": blocks})
        return found

    @property
    def area_label(self) -> str:
        return PrincipleArea(self.content.get("area", PrincipleArea.SCHOOL_HOME)).label
