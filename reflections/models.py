"""Reflection worksheets for school boards.

Staff curate *templates* (ordered sections of questions taken from any framework). A board's
*worksheet* is a private copy: its questions are snapshots of the wording at creation, so later
edits to the content never change what a board answered. Access is by two secret links (member and
chair) whose tokens are stored only as hashes; see reflections/access.py.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from values.bases import Ordered, Publishable, PublishableQuerySet, Slugged, Status, status_field
from values.markup import plain_text
from values.models import Item, Publisher, ReflectionQuestion, School
from values.owners import OwnedQuerySet

from .choices import AgreedBy, OthersVisible, QuestionKind, Rating

# 32 bytes = 256 bits from the OS's CSPRNG; the issue asks for at least 128.
TOKEN_BYTES = 32
ANSWER_MAX_LENGTH = 5000


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    # The tokens carry 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def new_key() -> str:
    """The worksheet's id in its URLs: random, so ids cannot be guessed or counted."""
    return secrets.token_urlsafe(12)


# Item kinds a board assesses on the scale rather than answering in free text.
RATED_ITEM_KINDS = {Item.Kind.INDICATOR, Item.Kind.MEANING}


# What a board is asked about a statement ("udsagn"): it is a sentence, not a question.
STATEMENT_PROMPT = "Hvor enige er I? Hvad ser I hos jer?"


def is_statement(source: ReflectionQuestion | Item | None) -> bool:
    return isinstance(source, Item) and source.kind == Item.Kind.STATEMENT


def default_kind_for(source: ReflectionQuestion | Item) -> str:
    if isinstance(source, Item) and (source.kind in RATED_ITEM_KINDS or is_statement(source)):
        return QuestionKind.RATING
    return QuestionKind.OPEN


def source_wording(source: ReflectionQuestion | Item) -> str:
    """The question as a board reads it.

    Indicators and meanings continue their heading ("Det kan vi se, når" + "vi lytter aktivt …"),
    so the heading goes in front when the text starts in lower case.
    """
    text = plain_text(source.text)
    if (
        isinstance(source, Item)
        and source.kind in RATED_ITEM_KINDS
        and source.group
        and text[:1].islower()
    ):
        return f"{source.group} {text}"
    return text


def source_label(source: ReflectionQuestion | Item) -> str:
    """Where a question comes from, e.g. "Vejle Kommune · 1. Dialog · Det kan vi se, når".

    Needs source.theme.framework.publisher loaded (select_related) to stay query-free. Always in
    Danish, like the content it names: a worksheet stores it, and the pages mark it lang="da", so
    an ungrouped heading ("Indikator", "Refleksion") must not follow the interface language.

    A part someone else wrote carries its credit ("Fra oplægget v/ skoleforsker …"), so a
    worksheet quoting it says whose words they are, as the theme page does; a heading that only
    repeats the part's title is left out.
    """
    theme = source.theme
    with translation.override("da"):
        title, heading = str(theme), str(source.heading)
        parts = (
            theme.framework.publisher.name,
            theme.credit,
            title,
            "" if heading == title else heading,
        )
    return " · ".join(part for part in parts if part)


# What a worksheet shows as the source of a question the portal wrote itself (a template's
# own wording, not a framework's): stored with the question, in Danish like all content.
PORTAL_QUESTION_CONTEXT = "Portalens spørgsmål – ikke fra rammerne"


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


class WorksheetQuerySet(models.QuerySet):
    def untouched_since(self, moment) -> WorksheetQuerySet:
        return self.filter(last_activity_at__lt=moment)


class Worksheet(models.Model):
    """One board's private workspace."""

    key = models.CharField(_("id i adressen"), max_length=24, unique=True, default=new_key)
    template = models.ForeignKey(
        WorksheetTemplate,
        verbose_name=_("skabelon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worksheets",
        help_text=_("Tom: bestyrelsen har selv sammensat spørgsmålene."),
    )
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("indledning"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("forventet tid (minutter)"), null=True, blank=True
    )
    school_name = models.CharField(_("skole"), max_length=200)
    school = models.ForeignKey(
        School,
        verbose_name=_("skole i kommunens register"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worksheets",
        help_text=_(
            "Valgfri: skolen i kommunens skoleregister. Kommunens oversigt tæller kun arbejdsark, "
            "der er knyttet til en skole."
        ),
    )
    board_name = models.CharField(_("bestyrelse"), max_length=200)
    member_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    chair_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A second chair link for the co-chair, with the same rights; empty until the chair makes one.
    cochair_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_activity_at = models.DateTimeField(
        _("sidste aktivitet"), default=timezone.now, db_index=True
    )
    done_at = models.DateTimeField(_("markeret færdig"), null=True, blank=True)
    # How the board answers, set by the chair.
    agreed_by = models.CharField(
        _("hvem skriver bestyrelsens fælles svar"),
        max_length=10,
        choices=AgreedBy.choices,
        default=AgreedBy.EVERYONE,
    )
    others_visible = models.CharField(
        _("hvornår ser man de andres svar"),
        max_length=10,
        choices=OthersVisible.choices,
        default=OthersVisible.ALWAYS,
    )
    anonymous = models.BooleanField(
        _("anonyme svar"),
        default=False,
        help_text=_("De andre ser svar og vurderinger uden navn."),
    )
    answer_by = models.DateField(
        _("svarfrist"),
        null=True,
        blank=True,
        help_text=_("Hvornår medlemmerne skal have svaret. Står i invitationen."),
    )
    meeting_date = models.DateField(
        _("mødedato"),
        null=True,
        blank=True,
        help_text=_("Mødet, hvor bestyrelsen taler svarene igennem."),
    )

    objects = WorksheetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("arbejdsark")
        verbose_name_plural = pgettext_lazy("plural", "arbejdsark")
        permissions = [
            (
                "issue_chair_link",
                _("Kan udstede et nyt formandslink, når en bestyrelse har mistet sit"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.school_name}"

    def get_absolute_url(self) -> str:
        return reverse("reflections:worksheet", args=[self.key])

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class WorksheetSection(Ordered):
    worksheet = models.ForeignKey(
        Worksheet, on_delete=models.CASCADE, related_name="sections", verbose_name=_("arbejdsark")
    )
    title = models.CharField(_("overskrift"), max_length=300)
    introduction = models.TextField(_("indledning"), blank=True)

    class Meta:
        ordering = ["worksheet_id", "position", "pk"]
        verbose_name = _("afsnit i arbejdsark")
        verbose_name_plural = pgettext_lazy("plural", "afsnit i arbejdsark")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reflections:section", args=[self.worksheet.key, self.pk])


class WorksheetQuestion(Ordered):
    """A question as it stood when the worksheet was made; the source links are for statistics."""

    worksheet = models.ForeignKey(
        Worksheet, on_delete=models.CASCADE, related_name="questions", verbose_name=_("arbejdsark")
    )
    section = models.ForeignKey(
        WorksheetSection, on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    text = models.TextField(_("spørgsmål"))
    prompt = models.CharField(
        _("opfordring"),
        max_length=200,
        blank=True,
        help_text=_("Hvad bestyrelsen skal gøre med et udsagn, fx “Hvor enige er I?”."),
    )
    context = models.CharField(
        _("kilde"), max_length=600, blank=True, help_text=_("Hvor spørgsmålet kommer fra.")
    )
    source_question = models.ForeignKey(
        ReflectionQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worksheet_uses",
    )
    source_item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="worksheet_uses"
    )
    template_question = models.ForeignKey(
        TemplateQuestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="uses"
    )

    class Meta:
        ordering = ["worksheet_id", "position", "pk"]
        verbose_name = _("spørgsmål i arbejdsark")
        verbose_name_plural = pgettext_lazy("plural", "spørgsmål i arbejdsark")

    def __str__(self) -> str:
        return self.text[:100]

    @property
    def is_rating(self) -> bool:
        return self.kind == QuestionKind.RATING

    @property
    def is_next_steps(self) -> bool:
        return self.kind == QuestionKind.NEXT_STEPS


class Participant(models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(_("navn"), max_length=60)
    # The member's personal link (shown once when joining), so they are the same person on
    # every device; stored as a hash like the worksheet's links.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("deltager")
        verbose_name_plural = _("deltagere")

    def __str__(self) -> str:
        return self.display_name


class Answer(models.Model):
    """A member's own answer, or (participant empty) the board's agreed answer to a question."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        WorksheetQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        help_text=_("Tom: bestyrelsens fælles svar."),
    )
    text = models.TextField(_("svar"), blank=True)
    rating = models.CharField(_("vurdering"), max_length=10, choices=Rating.choices, blank=True)
    evidence = models.TextField(_("hvordan ved vi det?"), blank=True)
    # Optimistic concurrency for the agreed answer: a save names the version it started from.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("sidst gemt"), auto_now=True)
    updated_by = models.CharField(_("sidst gemt af"), max_length=60, blank=True)

    class Meta:
        ordering = ["question_id", "participant_id", "pk"]
        verbose_name = _("svar")
        verbose_name_plural = pgettext_lazy("plural", "svar")
        permissions = [("read_answers", _("Kan læse skolebestyrelsernes svar"))]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant"],
                condition=Q(participant__isnull=False),
                name="one_own_answer_per_member",
            ),
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(participant__isnull=True),
                name="one_agreed_answer_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} – {self.participant or _('Bestyrelsens fælles svar')}"

    @property
    def is_agreed(self) -> bool:
        return self.participant_id is None

    @property
    def is_answered(self) -> bool:
        return bool(self.text.strip() or self.rating)


class NextStepQuerySet(models.QuerySet):
    def deleted(self) -> NextStepQuerySet:
        return self.filter(deleted_at__isnull=False)


class CurrentNextStepManager(models.Manager.from_queryset(NextStepQuerySet)):
    """Steps not deleted: what every page, result and export shows."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class NextStep(Ordered):
    """An agreed next step: what, who and by when.

    Deleting a step only marks it, with who did it, so anyone on the board can undo it; the step
    goes for good with its worksheet.
    """

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="next_steps")
    question = models.ForeignKey(
        WorksheetQuestion, on_delete=models.CASCADE, related_name="next_steps"
    )
    what = models.CharField(_("hvad"), max_length=500)
    who = models.CharField(_("hvem"), max_length=200, blank=True)
    when = models.CharField(_("hvornår"), max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(_("slettet"), null=True, blank=True)
    deleted_by = models.CharField(_("slettet af"), max_length=60, blank=True)

    objects = CurrentNextStepManager()
    with_deleted = NextStepQuerySet.as_manager()

    class Meta:
        ordering = ["question_id", "position", "pk"]
        base_manager_name = "with_deleted"
        verbose_name = _("næste skridt")
        verbose_name_plural = pgettext_lazy("plural", "næste skridt")

    def __str__(self) -> str:
        return self.what
