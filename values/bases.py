"""What the content models share: document order, a slug for the address, publication status.

Abstract models and their helpers; values.models (and reflections' templates) build on them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(text: str, max_length: int = 80) -> str:
    """Slugify that spells æ, ø and å out instead of dropping them."""
    slug = slugify(text.translate(DANISH_LETTERS))[:max_length].strip("-")
    return slug or "x"


def unique_slug(instance: models.Model, text: str, scope: Q | None = None) -> str:
    """A slug from `text` that no other row in `scope` has yet (suffix -2, -3 …)."""
    base = danish_slugify(text)
    others = type(instance)._default_manager.filter(scope or Q()).exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug = f"{base[:75]}-{n}"
        n += 1
    return slug


class Status(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    PUBLISHED = "published", _("Offentliggjort")


class Ordered(models.Model):
    position = models.PositiveIntegerField(
        _("rækkefølge"),
        default=0,
        db_index=True,
        help_text=_("Lavere tal vises først. Følg dokumentets egen rækkefølge."),
    )

    class Meta:
        abstract = True


class Slugged(models.Model):
    """A short name for the page's address, made from `slug_source` when left empty."""

    slug_source = "title"

    slug = models.SlugField(
        _("kortnavn i adressen"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Bruges i sidens adresse. Udfyldes automatisk, hvis feltet står tomt."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source), self.slug_scope())
        super().save(*args, **kwargs)

    def slug_scope(self) -> Q | None:
        """The rows the slug must differ from (None: the whole table)."""
        return None


class Stamped(models.Model):
    """`updated_at` set on every save, like auto_now, but with a default so that shipped
    fixtures written before the field existed still load (loaddata saves them raw)."""

    updated_at = models.DateTimeField(_("sidst ændret"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)


PUBLIC_ONLY_WHEN_PUBLISHED = _("Kun offentliggjort indhold vises på den offentlige side.")


def status_field(
    *, default: str = Status.DRAFT, help_text=PUBLIC_ONLY_WHEN_PUBLISHED
) -> models.CharField:
    return models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=default,
        db_index=True,
        help_text=help_text,
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Publishable(models.Model):
    """Content the public sees only once it is published; `updated_at` says when it changed."""

    status = status_field()
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED
