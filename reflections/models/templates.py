"""Worksheet templates: ordered sections of questions taken from any framework."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from values.bases import Ordered, Publishable, PublishableQuerySet, Slugged, Status, status_field
from values.models import Item, Publisher, ReflectionQuestion
from values.owners import OwnedQuerySet

from ..choices import QuestionKind
from .sources import source_wording


class WorksheetTemplateQuerySet(OwnedQuerySet, PublishableQuerySet):
    publisher_path = "publisher"

    def with_question_counts(self) -> WorksheetTemplateQuerySet:
        return self.annotate(question_count=Count("sections__questions"))


class WorksheetTemplate(Slugged, Publishable, Ordered):
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("Vises for skolebestyrelserne, fx “Værdier i ...”.")
    )
    introduction = models.TextField(
        _("indledning"),
        help_text=_(
            "Hvad arbejdsarket hjælper bestyrelsen med, og hvor spørgsmålene kommer fra. "
            "Tom linje mellem afsnit."
        ),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("forventet tid (minutter)"),
        default=45,
        help_text=_("Omtrent hvor lang tid en bestyrelse bruger på arket på et møde."),
    )
    status = status_field(
        help_text=_("Kun offentliggjorte skabeloner kan vælges af bestyrelserne.")
    )
    publisher = models.ForeignKey(
        Publisher,
        verbose_name=_("udgiver"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="worksheet_templates",
        help_text=_(
            "Den kommune eller organisation, der står bag skabelonen; dens redaktører redigerer "
            "den. Tom: en landsdækkende skabelon, som kun landsdækkende administratorer ændrer."
        ),
    )

    objects = WorksheetTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("skabelon til arbejdsark")
        verbose_name_plural = _("skabeloner til arbejdsark")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reflections:template", args=[self.slug])

    def sections_with_public_questions(self):
        """The sections, each with its public questions and their sources' places (two queries)."""
        related = "theme__framework__publisher"
        questions = TemplateQuestion.objects.public().select_related(
            f"reflection_question__{related}", f"item__{related}"
        )
        return self.sections.prefetch_related(models.Prefetch("questions", queryset=questions))


class TemplateSectionQuerySet(OwnedQuerySet):
    publisher_path = "template__publisher"


class TemplateSection(Ordered):
    template = models.ForeignKey(
        WorksheetTemplate,
        verbose_name=_("skabelon"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    title = models.CharField(_("overskrift"), max_length=300)
    introduction = models.TextField(
        _("indledning"), blank=True, help_text=_("Kort tekst før afsnittets spørgsmål.")
    )

    objects = TemplateSectionQuerySet.as_manager()

    class Meta:
        # Own columns only: a foreign key here would join its table into every query.
        ordering = ["template_id", "position", "pk"]
        verbose_name = _("afsnit i skabelon")
        verbose_name_plural = _("afsnit i skabeloner")

    def __str__(self) -> str:
        return f"{self.template} – {self.title}"


def _published_source(source: str) -> Q:
    return Q(
        **{
            f"{source}__theme__status": Status.PUBLISHED,
            f"{source}__theme__framework__status": Status.PUBLISHED,
        }
    )


class TemplateQuestionQuerySet(OwnedQuerySet):
    publisher_path = "section__template__publisher"

    def public(self) -> TemplateQuestionQuerySet:
        """Questions of the template's own wording, or whose source is still published: a
        question whose source was taken down is left out of new worksheets."""
        own_wording = Q(reflection_question__isnull=True, item__isnull=True)
        return self.filter(
            own_wording | _published_source("reflection_question") | _published_source("item")
        )


class TemplateQuestion(Ordered):
    section = models.ForeignKey(
        TemplateSection,
        verbose_name=_("afsnit"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    kind = models.CharField(
        _("spørgsmålstype"),
        max_length=20,
        choices=QuestionKind.choices,
        default=QuestionKind.OPEN,
        help_text=_(
            "Åben refleksion: fritekst. Selvevaluering: skalaen fra “I høj grad” til “Slet ikke” "
            "plus “Ved ikke” og “Hvordan ved vi det?”. Næste skridt: hvad, hvem og hvornår."
        ),
    )
    reflection_question = models.ForeignKey(
        ReflectionQuestion,
        verbose_name=_("refleksionsspørgsmål"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="template_uses",
        help_text=_("Et refleksionsspørgsmål fra en af rammerne. Vælg enten dette eller et punkt."),
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("punkt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="template_uses",
        help_text=_("Fx en indikator (“Det kan vi se, når”), et udsagn eller en antagelse."),
    )
    text = models.TextField(
        _("egen formulering"),
        blank=True,
        help_text=_(
            "Tom: kildens ordlyd bruges. Udfyld kun for spørgsmål uden kilde, fx "
            "“Hvilke næste skridt aftaler vi?”."
        ),
    )

    plain_text = models.CharField(
        _("enkel formulering"),
        max_length=300,
        blank=True,
        help_text=_(
            "Valgfri: spørgsmålet i hverdagssprog, som forældre og elever kan forstå. Bruges, "
            "når bestyrelsen spørger forældre eller elever."
        ),
    )

    objects = TemplateQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["section_id", "position", "pk"]
        verbose_name = _("spørgsmål i skabelon")
        verbose_name_plural = _("spørgsmål i skabeloner")
        constraints = [
            models.CheckConstraint(
                condition=Q(reflection_question__isnull=True) | Q(item__isnull=True),
                name="template_question_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.wording[:100]

    @property
    def source(self) -> ReflectionQuestion | Item | None:
        return self.reflection_question or self.item

    @property
    def wording(self) -> str:
        source = self.source
        return self.text or (source_wording(source) if source else "")

    def clean(self):
        if self.reflection_question_id and self.item_id:
            raise ValidationError(
                _("Vælg enten et refleksionsspørgsmål eller et punkt – ikke begge."),
                code="two_sources",
            )
        if not self.reflection_question_id and not self.item_id and not self.text.strip():
            raise ValidationError(
                _("Vælg et spørgsmål eller punkt fra en ramme, eller skriv en egen formulering."),
                code="no_text",
            )
