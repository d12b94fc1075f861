"""A board's worksheet: its sections, questions, participants, answers and next steps."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from values.bases import Ordered
from values.models import Item, ReflectionQuestion, School

from ..choices import AgreedBy, OthersVisible, QuestionKind, Rating
from .school_years import current_school_year, validate_school_year
from .spaces import BoardSpace
from .templates import TemplateQuestion, WorksheetTemplate
from .tokens import new_key

ANSWER_MAX_LENGTH = 5000


class WorksheetQuerySet(models.QuerySet):
    """Worksheets; retention counts whole board spaces (reflections.services)."""


class Worksheet(models.Model):
    """One piece of a board's work in its space: questions, answers, next steps."""

    key = models.CharField(_("id i adressen"), max_length=24, unique=True, default=new_key)
    space = models.ForeignKey(
        BoardSpace,
        verbose_name=_("bestyrelsesrum"),
        on_delete=models.CASCADE,
        related_name="worksheets",
    )
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
    school_year = models.CharField(
        _("skoleår"),
        max_length=7,
        default=current_school_year,
        validators=[validate_school_year],
        help_text=_("Fx “2026/27”. Et skoleår begynder 1. august."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("sidste skoleårs arbejdsark"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="following",
        help_text=_("Arbejdsarket, dette ark fortsætter fra skoleåret før (“Nyt skoleår”)."),
    )
    # "Evaluér principperne": the approved version whose lines this worksheet asks about.
    evaluates = models.ForeignKey(
        "PrincipleVersion",
        verbose_name=_("evaluerer princippet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluations",
        help_text=_("Den godkendte version af princippet, som arbejdsarket evaluerer."),
    )
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
    # The same question on the previous school year's worksheet, so its agreed answer and
    # rating can be shown beside this year's.
    previous = models.ForeignKey(
        "self",
        verbose_name=_("samme spørgsmål sidste skoleår"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="following",
    )
    # In an evaluation of a principle: the draft line the question asks about, so the agreed
    # rating and evidence stand beside that line when the board revises the principle.
    principle_line = models.ForeignKey(
        "PrincipleLine",
        verbose_name=_("linje i princippet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_questions",
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
