"""The frameworks' content: publisher → framework → ordered themes → ordered items and questions.

Each source document keeps its own shape: items carry an explicit kind named as the documents
name them, may belong to a parent item (a Ballerup example and its statement, an Aarhus proposal
and its details, a spiral and its steps), and keep the document's own heading for their run
(`group`, e.g. "KL anbefaler" or "Forældrene har ansvar for at").
"""

from __future__ import annotations

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .bases import Ordered, Publishable, PublishableQuerySet, Slugged, Status, status_field
from .bases import danish_slugify as danish_slugify  # imported from here elsewhere
from .bases import unique_slug as unique_slug

MARKUP_HELP = _(
    "Tom linje: nyt afsnit. En linje, der begynder med “- ”, er et punkt; “1. ” et nummereret "
    "punkt (nummeret bevares). Ryk ind under et punkt for underpunkter. “# ” giver en "
    "underoverskrift."
)


def with_markup_help(text) -> str:
    """A field's help text followed by how the text markup (values.markup) is written."""
    return format_lazy("{} {}", text, MARKUP_HELP)


class Concept(Slugged, Ordered):
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


class Publisher(Slugged):
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("udgiver")
        verbose_name_plural = _("udgivere")

    def __str__(self) -> str:
        return self.name


def _count(rows: models.QuerySet, group: str) -> Coalesce:
    """How many of `rows` (already filtered on an OuterRef) there are, as a subquery."""
    counted = rows.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


class FrameworkQuerySet(PublishableQuerySet):
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


class ThemeQuerySet(PublishableQuerySet):
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


class PublishedThroughThemeQuerySet(models.QuerySet):
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


class SearchEntry(models.Model):
    """One searchable unit – a theme's own text, an item or a reflection question – denormalised.

    values.search keeps the table in sync (signals on save, a rebuild after load_content); rows
    are never edited by hand. Visibility is not stored here: searches filter through the theme,
    so a draft never leaks. On PostgreSQL migration 0004 adds a generated `document` tsvector
    column (config `danish`, title weighted A, text B, heading C) with a GIN index; on SQLite the
    Danish Snowball stems go into SearchTerm instead.
    """

    class Kind(models.TextChoices):
        THEME = "theme", _("Tema")
        ITEM = "item", _("Punkt")
        QUESTION = "question", _("Refleksionsspørgsmål")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.OneToOneField(
        Item,
        verbose_name=_("punkt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    question = models.OneToOneField(
        ReflectionQuestion,
        verbose_name=_("refleksionsspørgsmål"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    title = models.CharField(_("titel"), max_length=500, blank=True)
    heading = models.CharField(_("overskrift"), max_length=500, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    objects = PublishedThroughThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("søgeindgang")
        verbose_name_plural = _("søgeindgange")
        constraints = [
            models.UniqueConstraint(
                fields=["theme"], condition=Q(kind="theme"), name="search_entry_one_per_theme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {(self.title or self.text)[:60]}"


class SearchTerm(models.Model):
    """A Danish Snowball stem occurring in a search entry (SQLite's search index)."""

    entry = models.ForeignKey(
        SearchEntry, verbose_name=_("søgeindgang"), on_delete=models.CASCADE, related_name="terms"
    )
    term = models.CharField(_("ordstamme"), max_length=100)
    weight = models.PositiveIntegerField(
        _("vægt"), default=1, help_text=_("Forekomster, vægtet efter hvor i teksten de står.")
    )

    class Meta:
        verbose_name = _("søgeord")
        verbose_name_plural = pgettext_lazy("plural", "søgeord")
        constraints = [
            # Also the index that exact and prefix (range) lookups on `term` use.
            models.UniqueConstraint(fields=["term", "entry"], name="search_term_unique_in_entry")
        ]

    def __str__(self) -> str:
        return self.term
