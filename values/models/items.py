"""A theme's items (as the documents name them) and its reflection questions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..bases import Ordered, Status
from ..owners import OwnedQuerySet
from .content import Concept, Theme, with_markup_help


class PublishedThroughThemeQuerySet(OwnedQuerySet):
    publisher_path = "theme__framework__publisher"

    def published(self):
        return self.filter(
            theme__status=Status.PUBLISHED, theme__framework__status=Status.PUBLISHED
        )


BLOCK_ORDER_HELP = _(
    "Lavere tal vises først. Temaets punkter og spørgsmålene til hele temaet deler rækkefølge, "
    "så et spørgsmål kan stå før eller efter et punkt, som i dokumentet."
)


class ItemQuerySet(PublishedThroughThemeQuerySet):
    def for_worksheets(self):
        """The items a visitor may collect for a worksheet (see Item.can_go_on_worksheet)."""
        return self.filter(kind__in=Item.WORKSHEET_KINDS)


class Item(Ordered):
    """A statement, indicator, main point, recommendation, case … as the document names it."""

    position = models.PositiveIntegerField(
        _("rækkefølge"), default=0, db_index=True, help_text=BLOCK_ORDER_HELP
    )

    class Kind(models.TextChoices):
        SECTION = "section", _("Afsnit")
        EXAMPLE = "example", _("Eksempel")
        STATEMENT = "statement", _("Udsagn")
        ROLE = "role", _("Rollebeskrivelse")
        FACT_BOX = "fact_box", _("Faktaboks")
        INTERVIEW_TOPIC = "interview_topic", _("Interviewemne")
        INTERVIEW_QUESTION = "interview_question", _("Interviewspørgsmål")
        MEANING = "meaning", _("Det betyder, at")
        INDICATOR = "indicator", _("Det kan vi se, når")
        MAIN_POINT = "main_point", _("Hovedpointe")
        RESEARCH = "research", _("Viden fra forskning")
        LEGISLATION = "legislation", _("Lovgivning")
        CASE = "case", _("Kommunalt eksempel")
        RECOMMENDATION = "recommendation", _("Anbefaling")
        FINDING = "finding", _("Pointe")
        PROPOSAL = "proposal", _("Løsningsforslag")
        PROPOSAL_DETAIL = "proposal_detail", _("Uddybning af forslag")
        PRINCIPLE = "principle", _("Princip")
        LEARNING_THEME = "learning_theme", _("Tema i læringspakke")
        KNOWLEDGE_CATEGORY = "knowledge_category", _("Kategori i videndelingsbank")
        ASSUMPTION = "assumption", _("Antagelse")
        COUNTER_ASSUMPTION = "counter_assumption", _("Kontraproduktiv antagelse")
        SPIRAL = "spiral", _("Spiral")
        SPIRAL_STEP = "spiral_step", _("Trin i spiral")
        RESPONSIVE_POINT = "responsive_point", _("Responsivt samarbejde")

    # What a school board can take into a worksheet of its own, next to reflection questions:
    # statements to discuss and indicators to assess. Other kinds are context, not questions.
    WORKSHEET_KINDS = frozenset({Kind.STATEMENT, Kind.INDICATOR})

    class Responsibility(models.TextChoices):
        PARENTS = "parents", _("Forældrene")
        PROFESSIONALS = "professionals", _("De fagprofessionelle")
        SHARED = "shared", _("Fælles")

    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hører til"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "Fx det eksempel, et udsagn hører til, eller den spiral, et trin er en del af."
        ),
    )
    kind = models.CharField(
        _("type"),
        max_length=30,
        choices=Kind.choices,
        db_index=True,
        help_text=_("Hvad dokumentet kalder teksten."),
    )
    group = models.CharField(
        _("overskrift i dokumentet"),
        max_length=300,
        blank=True,
        help_text=_(
            "Dokumentets egen overskrift over punktet, fx “KL anbefaler” eller "
            "“Forældrene har ansvar for at”. Tom: typens navn bruges."
        ),
    )
    responsibility = models.CharField(
        _("ansvar"),
        max_length=20,
        choices=Responsibility.choices,
        blank=True,
        help_text=_("For hovedpointer: hvem ansvaret ligger hos, som dokumentet angiver det."),
    )
    number = models.CharField(
        _("nummer"),
        max_length=20,
        blank=True,
        help_text=_("Punktets nummer i dokumentet, hvis det har et (Aarhus’ “forslag 3”)."),
    )
    title = models.CharField(
        _("titel"),
        max_length=500,
        blank=True,
        help_text=_("Fx eksemplets overskrift eller sagens titel. Mange punkter har ingen titel."),
    )
    place = models.CharField(
        _("sted"),
        max_length=200,
        blank=True,
        help_text=_("For kommunale eksempler: kommunen eller institutionen, det kommer fra."),
    )
    text = models.TextField(
        _("tekst"), blank=True, help_text=with_markup_help(_("Ordret fra dokumentet."))
    )
    language = models.CharField(
        _("sprog"),
        max_length=2,
        choices=[("da", _("dansk")), ("en", _("engelsk"))],
        default="da",
        help_text=_(
            "Sproget, punktet står på i dokumentet. Vælg engelsk for et engelsk citat eller en "
            "engelsk figur, så skærmlæsere udtaler det rigtigt."
        ),
    )
    portal_note = models.TextField(
        _("portalens bemærkning"),
        blank=True,
        help_text=with_markup_help(
            _(
                "Portalens egen oplysning om punktet, fx at en figur ikke er gengivet, eller at en "
                "rækkefølge er portalens læsning."
            )
        ),
    )
    concepts = models.ManyToManyField(
        Concept, verbose_name=_("begreber"), blank=True, related_name="items"
    )
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["theme_id", "position", "pk"]
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")

    def __str__(self) -> str:
        label = self.title or self.text
        return f"{self.get_kind_display()}: {label[:80]}"

    @property
    def heading(self) -> str:
        """The document's own heading over the item; never the kind's generic name."""
        return self.group

    @property
    def can_go_on_worksheet(self) -> bool:
        return self.kind in self.WORKSHEET_KINDS


class ReflectionQuestion(Ordered):
    """A reflection question, attached to a theme and, where the document pairs them, an item.

    A question on the whole theme shares its position numbers with the theme's top-level items:
    the theme page shows both in one sequence (KL's questions come before its recommendations).
    """

    position = models.PositiveIntegerField(
        _("rækkefølge"), default=0, db_index=True, help_text=BLOCK_ORDER_HELP
    )

    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="questions"
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("hører til punkt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        help_text=_("Det eksempel eller udsagn, spørgsmålet hører til. Tom: hele temaet."),
    )
    group = models.CharField(
        _("overskrift i dokumentet"),
        max_length=300,
        blank=True,
        help_text=_("Dokumentets egen overskrift, fx “Refleksion” eller “Refleksionsspørgsmål”."),
    )
    text = models.TextField(_("spørgsmål"), help_text=_("Ordret fra dokumentet."))
    concepts = models.ManyToManyField(
        Concept, verbose_name=_("begreber"), blank=True, related_name="questions"
    )
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    objects = PublishedThroughThemeQuerySet.as_manager()

    class Meta:
        ordering = ["theme_id", "position", "pk"]
        verbose_name = _("refleksionsspørgsmål")
        verbose_name_plural = pgettext_lazy("plural", "refleksionsspørgsmål")

    def __str__(self) -> str:
        return self.text[:100]

    @property
    def heading(self) -> str:
        """The document's own heading over the question, if it has one."""
        return self.group
