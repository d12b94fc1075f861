"""Draft changes: an edit of content that does not go live when it is saved.

A draft change holds, for one framework, theme, item or question, the fields the editor changed
(their new values, serialised) and what those fields held when the draft was made. Publishing
applies it in one transaction and one revision of the history; if someone changed one of those
fields in the meantime, publishing refuses rather than overwrite them. A publisher may require a
second editor's approval (Publisher.publish_needs_approval), and a draft change may wait for a
time (`publish_at`, applied by `manage.py publish_scheduled` and whenever an editor opens the
admin's lists of drafts).
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..owners import OwnedQuerySet, may_edit
from .content import Publisher

#: fields a draft change never carries: set by the portal itself, not by an editor
NOT_DRAFTED = {"id", "updated_at"}


class DraftConflict(Exception):
    """Publishing would overwrite a change made to the live object after the draft."""


class ApprovalNeeded(Exception):
    """The publisher requires another editor to approve this publish."""


def _serialise(field, instance) -> object:
    value = field.value_from_object(instance)
    if field.many_to_many:
        return sorted(getattr(obj, "pk", obj) for obj in value)
    if value is None:
        return None
    return field.value_to_string(instance)


def _deserialise(field, value) -> object:
    return None if value is None else field.to_python(value)


class DraftChangeQuerySet(OwnedQuerySet):
    publisher_path = "publisher"

    def pending(self) -> DraftChangeQuerySet:
        """Drafts not yet published or rejected."""
        return self.filter(state__in=DraftChange.PENDING)

    def for_object(self, obj: models.Model) -> DraftChangeQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def due(self, now=None) -> DraftChangeQuerySet:
        return self.filter(state=DraftChange.State.SCHEDULED, publish_at__lte=now or timezone.now())


class DraftChange(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Kladde")
        AWAITING_APPROVAL = "awaiting_approval", _("Venter på godkendelse")
        SCHEDULED = "scheduled", _("Planlagt")
        PUBLISHED = "published", _("Offentliggjort")
        REJECTED = "rejected", _("Afvist")

    PENDING = (State.OPEN, State.AWAITING_APPROVAL, State.SCHEDULED)

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("indholdstype"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("objektets id"))
    publisher = models.ForeignKey(
        Publisher,
        verbose_name=_("udgiver"),
        on_delete=models.CASCADE,
        related_name="draft_changes",
    )
    label = models.CharField(
        _("indhold"), max_length=300, help_text=_("Hvad der ændres, som det hed ved kladden.")
    )
    changes = models.JSONField(_("ændringer"), default=dict)
    original = models.JSONField(_("før ændringen"), default=dict)
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    publish_at = models.DateTimeField(
        _("offentliggør"),
        null=True,
        blank=True,
        help_text=_(
            "Tom: ændringen offentliggøres, når du trykker “Offentliggør”. Med et tidspunkt "
            "offentliggøres den automatisk på det tidspunkt."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redaktør"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sendt til godkendelse af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)

    objects = DraftChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("kladdeændring")
        verbose_name_plural = _("kladdeændringer")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.label

    @property
    def is_pending(self) -> bool:
        return self.state in self.PENDING

    @property
    def model(self) -> type[models.Model]:
        return self.content_type.model_class()

    def target(self) -> models.Model | None:
        return self.model._default_manager.filter(pk=self.object_id).first()

    # Recording

    @classmethod
    def record(cls, live: models.Model, edited: models.Model, names, m2m: dict, user):
        """Store the fields `names` of `edited` (m2m values in `m2m`) as a draft of `live`,
        merged into the object's pending draft if it has one. None when nothing differs."""
        model = type(live)
        draft = cls.objects.pending().for_object(live).first() or cls(
            content_type=ContentType.objects.get_for_model(model),
            object_id=live.pk,
            publisher_id=publisher_id_of(live),
        )
        for name in names:
            if name in NOT_DRAFTED:
                continue
            field = model._meta.get_field(name)
            if field.many_to_many:
                new = sorted(obj.pk for obj in m2m[name])
            else:
                new = _serialise(field, edited)
            old = _serialise(field, live)
            draft.original.setdefault(name, old)
            if new == draft.original[name]:
                draft.changes.pop(name, None)
                draft.original.pop(name, None)
            else:
                draft.changes[name] = new
        if not draft.changes:
            if draft.pk:
                draft.delete()
            return None
        draft.label = str(live)[:300]
        draft.author = user
        # A changed draft is decided again: approved or scheduled was for what it said before.
        draft.state = cls.State.OPEN
        draft.requested_by = None
        draft.save()
        return draft

    # What it changes

    def fields(self):
        return [self.model._meta.get_field(name) for name in self.changes]

    def conflicts(self, live: models.Model) -> list[str]:
        """The fields changed on the live object since this draft was made."""
        return [
            str(field.verbose_name)
            for field in self.fields()
            if _serialise(field, live) != self.original.get(field.name)
        ]

    def apply_to(self, obj: models.Model, keep_address: bool = False) -> None:
        """Set the drafted values of plain fields on `obj` (in memory only); with
        `keep_address`, not its slug."""
        for field in self.fields():
            if keep_address and isinstance(field, models.SlugField):
                continue
            if not field.many_to_many:
                setattr(obj, field.attname, _deserialise(field, self.changes[field.name]))

    # Deciding

    def may_approve(self, user) -> bool:
        """Another editor of the same publisher (values.owners) than the one who asked."""
        target = self.target()
        return (
            self.state == self.State.AWAITING_APPROVAL
            and self.requested_by_id != user.pk
            and target is not None
            and may_edit(user, target)
        )

    def request_publish(self, user) -> str:
        """Publish now, schedule, or ask for approval, as the publisher's setting and the
        draft's time say. Returns the new state."""
        if self.publisher.publish_needs_approval:
            if self.state == self.State.AWAITING_APPROVAL and self.may_approve(user):
                return self._approved(user)
            if self.state == self.State.AWAITING_APPROVAL:
                raise ApprovalNeeded
            self.state = self.State.AWAITING_APPROVAL
            self.requested_by = user
            self.save(update_fields=["state", "requested_by", "updated_at"])
            return self.state
        return self._approved(user)

    def _approved(self, user) -> str:
        if self.publish_at and self.publish_at > timezone.now():
            self.state = self.State.SCHEDULED
            self.decided_by = user
            self.save(update_fields=["state", "decided_by", "updated_at"])
            return self.state
        self.publish(user)
        return self.state

    def publish(self, user=None) -> None:
        """Apply the change to the live object: one transaction, one revision."""
        with transaction.atomic():
            # Lock the draft first: another server's `publish_scheduled` may hold it already.
            fresh = DraftChange.objects.select_for_update().filter(pk=self.pk).first()
            if fresh is None or not fresh.is_pending:
                raise DraftConflict(gettext("Kladdeændringen er allerede afgjort."))
            live = self.model._default_manager.select_for_update().filter(pk=self.object_id)
            live = live.first()
            if live is None:
                raise DraftConflict(gettext("Indholdet findes ikke længere."))
            conflicts = self.conflicts(live)
            if conflicts:
                raise DraftConflict(
                    gettext("Ændret direkte siden kladden blev gemt: %(fields)s.")
                    % {"fields": ", ".join(conflicts)}
                )
            self.apply_to(live)
            kept = [f.name for f in live._meta.fields if f.name not in self.changes]
            live.full_clean(exclude=kept)
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(gettext("Kladdeændring offentliggjort."))
                live.save()
                for field in self.fields():
                    if field.many_to_many:
                        getattr(live, field.name).set(self.changes[field.name])
            self.state = self.State.PUBLISHED
            self.decided_by = user if user is not None else self.decided_by
            self.decided_at = timezone.now()
            self.save()

    def reject(self, user) -> None:
        self.state = self.State.REJECTED
        self.decided_by = user
        self.decided_at = timezone.now()
        self.save()


def publisher_id_of(obj: models.Model) -> int:
    """The publisher that owns a framework, theme, item or question."""
    path = type(obj)._default_manager.get_queryset().publisher_path
    return type(obj)._default_manager.filter(pk=obj.pk).values_list(path, flat=True).get()


def publish_due(now=None) -> int:
    """Publish the scheduled draft changes whose time has come; how many were published.
    A draft that can no longer be applied goes back to being an open draft."""
    published = 0
    for draft in DraftChange.objects.due(now).select_related("content_type"):
        try:
            draft.publish(draft.decided_by)
        except (DraftConflict, ValidationError):
            DraftChange.objects.filter(pk=draft.pk, state=DraftChange.State.SCHEDULED).update(
                state=DraftChange.State.OPEN
            )
        else:
            published += 1
    return published
