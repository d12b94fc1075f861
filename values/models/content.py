"""Publishers, frameworks, themes and the concepts that cut across them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..bases import (
    Ordered,
    Publishable,
    PublishableQuerySet,
    Slugged,
    Stamped,
    Status,
    status_field,
)
from ..owners import OwnedQuerySet

MARKUP_HELP = _(
    "Tom linje: nyt afsnit. En linje, der begynder med “- ”, er et punkt; “1. ” et nummereret "
    "punkt (nummeret bevares). Ryk ind under et punkt for underpunkter. “# ” giver en "
    "underoverskrift. [ord](https://…) er et link, *ord* kursiv og **ord** fed."
)


# What a framework's licence says until its publisher states other terms.
DEFAULT_LICENCE = "Ophavsret hos udgiveren"


def with_markup_help(text) -> str:
    """A field's help text followed by how the text markup (values.markup) is written."""
    return format_lazy("{} {}", text, MARKUP_HELP)


class Concept(Slugged, Ordered, Stamped):
    """A topic shared across frameworks, so the same theme can be followed from one to another."""

    slug_source = "name"

    name = models.CharField(_("navn"), max_length=100, unique=True)
    description = models.TextField(
        _("beskrivelse"),
        help_text=_("En kort, neutral beskrivelse skrevet til portalen (ikke citat fra kilderne)."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("begreb")
        verbose_name_plural = _("begreber")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("values:concept", args=[self.slug])


class PublisherQuerySet(OwnedQuerySet):
    publisher_path = "pk"


class Publisher(Slugged, Stamped):
    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Kommune")
        ASSOCIATION = "forening", _("Kommunernes forening")
        OTHER = "andet", _("Andet")

    slug_source = "name"

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.MUNICIPALITY,
        help_text=_("Kommune, KL eller en anden afsender."),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redaktører"),
        blank=True,
        related_name="edited_publishers",
        help_text=_(
            "Medarbejdere, der redigerer denne udgivers indhold i administrationen. Andre "
            "udgiveres indhold kan de hverken se eller ændre."
        ),
    )

    publish_needs_approval = models.BooleanField(
        _("offentliggørelse kræver godkendelse"),
        default=False,
        help_text=_(
            "Sæt flueben, hvis en redaktørs kladdeændring skal godkendes af en anden redaktør "
            "hos udgiveren, før den offentliggøres."
        ),
    )

    objects = PublisherQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("udgiver")
        verbose_name_plural = _("udgivere")
        permissions = [
            ("edit_all_publishers", _("Kan redigere alle udgiveres indhold (landsdækkende)"))
        ]

    def __str__(self) -> str:
        return self.name


def _count(rows: models.QuerySet, group: str) -> Coalesce:
    """How many of `rows` (already filtered on an OuterRef) there are, as a subquery."""
    counted = rows.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


class FrameworkQuerySet(OwnedQuerySet, PublishableQuerySet):
    publisher_path = "publisher"

    def with_counts(self, themes: models.QuerySet, questions: models.QuerySet):
        """Each framework's number of `themes` and `questions` (the visible ones, as passed in)
        as `theme_count`, `part_count` and `question_count`, in the same query."""
        own = themes.filter(framework=OuterRef("pk"))
        return self.annotate(
            # What the document calls its themes; all its parts for documents without themes.
            theme_count=_count(own.filter(counts_as_theme=True), "framework"),
            part_count=_count(own, "framework"),
            question_count=_count(
                questions.filter(theme__framework=OuterRef("pk")), "theme__framework"
            ),
        )


class Framework(Slugged, Publishable, Ordered):
    """One source document, presented faithfully."""

    publisher = models.ForeignKey(
        Publisher,
        verbose_name=_("udgiver"),
        on_delete=models.PROTECT,
        related_name="frameworks",
        help_text=_("Den kommune eller organisation, der har udgivet dokumentet."),
    )
    title = models.CharField(
        _("titel"), max_length=300, help_text=_("Dokumentets titel, som den står på forsiden.")
    )
    year = models.PositiveIntegerField(
        _("år"), null=True, blank=True, help_text=_("Udgivelsesåret, hvis dokumentet oplyser det.")
    )
    document_kind = models.CharField(
        _("dokumenttype"),
        max_length=200,
        help_text=_("Fx “Værdigrundlag”, “Inspirationsmateriale” eller “Beslutningsoplæg”."),
    )
    document_kind_is_own = models.BooleanField(
        _("dokumentets egen betegnelse"),
        default=False,
        help_text=_(
            "Sæt kun flueben, hvis dokumentet selv bruger betegnelsen (KL: “Dette "
            "inspirationsmateriale”). Ellers vises den som portalens betegnelse."
        ),
    )
    theme_label = models.CharField(
        _("betegnelse for temaer"),
        max_length=60,
        # Content is Danish whatever the editor's interface language, so the default is too.
        default="Tema",
        help_text=_("Hvad dokumentet selv kalder sine temaer, fx “Værditema” eller “Aspekt”."),
    )
    source = models.TextField(
        _("kildeangivelse"),
        help_text=_("Ærlig kildeangivelse: udgiver, titel, år, udgave og evt. hvor den findes."),
    )
    source_url = models.URLField(_("kildens adresse"), blank=True)
    source_file_name = models.CharField(
        _("kildedokument"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Filnavnet på det uploadede kildedokument (PDF), hvis der er et."),
    )
    licence = models.CharField(
        _("licens eller vilkår"),
        max_length=500,
        # Nothing may be assumed open: until the publisher says otherwise, it keeps its rights.
        default=DEFAULT_LICENCE,
        help_text=_(
            "Vilkårene for genbrug, som udgiveren selv angiver dem, fx “CC BY 4.0” eller "
            "“Må gengives med kildeangivelse”. Skriv ikke en åben licens, udgiveren ikke har "
            "givet. Vises på rammens side, i API’et og i de åbne data."
        ),
    )
    licence_url = models.URLField(
        _("licensens adresse"),
        blank=True,
        help_text=_("Hvor licensen eller vilkårene står, hvis de findes online."),
    )
    introduction_heading = models.CharField(
        _("overskrift over indledningen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Dokumentets egen overskrift over indledningen eller forordet, fx “Godt på vej”. "
            "Tom: der vises ingen overskrift, som dokumentet ikke har."
        ),
    )
    introduction = models.TextField(
        _("indledning"),
        blank=True,
        help_text=with_markup_help(_("Dokumentets egen indledning, ordret.")),
    )
    introduction_signature = models.TextField(
        _("underskrift under indledningen"),
        blank=True,
        help_text=_("Sted, dato og underskrivere, som dokumentet sætter dem, fx under et forord."),
    )
    references = models.TextField(
        _("litteratur"),
        blank=True,
        help_text=_(
            "Dokumentets litteraturliste eller henvisninger, ordret. Én henvisning pr. linje."
        ),
    )
    status_note = models.TextField(
        _("statusnote"),
        blank=True,
        help_text=with_markup_help(
            _(
                "Hvad dokumentet er, og hvor langt det er – fx et udkast, et "
                "beslutningsoplæg eller en mødeopsamling – helst med dokumentets egne ord i "
                "anførselstegn. Vises øverst på alle rammens sider."
            )
        ),
    )
    portal_note = models.TextField(
        _("portalens bemærkning"),
        blank=True,
        help_text=with_markup_help(
            _(
                "Portalens egen oplysning om gengivelsen, fx at en litteraturliste ikke er "
                "gengivet. Vises tydeligt som portalens tekst, ikke dokumentets."
            )
        ),
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("ramme")
        verbose_name_plural = _("rammer")
        permissions = [("import_content", _("Kan importere indhold fra regneark"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("values:framework", args=[self.slug])

    def source_document_url(self) -> str:
        return reverse("values:source_document", args=[self.slug])


class ThemeQuerySet(OwnedQuerySet, PublishableQuerySet):
    publisher_path = "framework__publisher"

    def published(self) -> ThemeQuerySet:
        return super().published().filter(framework__status=Status.PUBLISHED)


class Theme(Slugged, Publishable, Ordered):
    framework = models.ForeignKey(
        Framework, verbose_name=_("ramme"), on_delete=models.CASCADE, related_name="themes"
    )
    number = models.CharField(
        _("nummer"),
        max_length=20,
        blank=True,
        help_text=_("Temaets nummer i dokumentet, hvis det har et (fx “1”)."),
    )
    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(
        _("kortnavn i adressen"),
        max_length=100,
        blank=True,
        help_text=_("Unikt inden for rammen. Udfyldes automatisk ud fra titlen."),
    )
    lead = models.TextField(
        _("kort indledning"),
        blank=True,
        help_text=_("En eller to sætninger fra dokumentet, der vises i oversigten over temaer."),
    )
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=with_markup_help(_("Temaets egen tekst, ordret.")),
    )
    counts_as_theme = models.BooleanField(
        _("et af dokumentets temaer"),
        default=True,
        help_text=_(
            "Sæt kun flueben ved det, dokumentet selv kalder sine temaer (Ballerups fire "
            "værditemaer, Vejles fem aspekter). Faktabokse, bilag og andre dele tælles ikke med."
        ),
    )
    credit = models.CharField(
        _("ophav"),
        max_length=300,
        blank=True,
        help_text=_(
            "Hvis delen er skrevet af en anden end udgiveren, fx “Fra oplægget v/ skoleforsker "
            "Gro Emmertsen Lund”. Vises på siden, ved hvert søgeresultat og hvert citat."
        ),
    )
    status_note = models.TextField(
        _("statusnote"),
        blank=True,
        help_text=with_markup_help(
            _(
                "Fx at delen er et udkast, med dokumentets egne ord i anførselstegn. Vises øverst "
                "på delens side."
            )
        ),
    )
    portal_note = models.TextField(
        _("portalens bemærkning"),
        blank=True,
        help_text=with_markup_help(_("Portalens egen oplysning om gengivelsen af delen.")),
    )
    status = status_field(
        default=Status.PUBLISHED,
        help_text=_("Et tema vises kun, når både temaet og rammen er offentliggjort."),
    )
    concepts = models.ManyToManyField(
        Concept,
        verbose_name=_("begreber"),
        blank=True,
        related_name="themes",
        help_text=_("De fælles begreber, temaet handler om."),
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        # Own columns only: ordering by "framework" would join the framework into every query.
        ordering = ["framework_id", "position", "pk"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "slug"], name="theme_slug_unique_in_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def slug_scope(self) -> Q:
        return Q(framework_id=self.framework_id)

    def get_absolute_url(self) -> str:
        return reverse("values:theme", args=[self.framework.slug, self.slug])
