"""Imports respect a publisher's approval (Publisher.publish_needs_approval): a row that would
change what the public sees of such a publisher is refused, since an import has no second
editor. Unchanged rows pass, so an exported file still uploads as "no changes"."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..bases import Status
from ..models import Framework, Item, Publisher, ReflectionQuestion, Theme

NEEDS_APPROVAL = _(
    "Udgiveren kræver, at en anden redaktør godkender ændringer af offentliggjort indhold, og "
    "en import kan ikke godkendes. Ret det offentliggjorte indhold i formularen som en "
    "kladdeændring. Intet er gemt."
)


def goes_live_unapproved(instance: models.Model) -> bool:
    """Whether saving `instance` (a framework, theme, item or question, saved or new) would
    change the public pages of a publisher that requires approval."""
    live = _live_query(instance)
    if live is None:
        return False
    return live.filter(publish_needs_approval=True).exists()


def _live_query(instance):
    """The publisher of the live content `instance` would change, as a query; None if the
    change would not be public."""
    if isinstance(instance, Framework):
        stored = Framework.objects.filter(pk=instance.pk, status=Status.PUBLISHED)
        if instance.pk and stored.exists():
            return Publisher.objects.filter(frameworks=instance.pk)
        return None
    if isinstance(instance, Theme):
        if instance.pk and Theme.objects.published().filter(pk=instance.pk).exists():
            return Publisher.objects.filter(frameworks__themes=instance.pk)
        if instance.status == Status.PUBLISHED:
            return Publisher.objects.filter(
                frameworks=instance.framework_id, frameworks__status=Status.PUBLISHED
            )
        return None
    if isinstance(instance, Item | ReflectionQuestion):
        if Theme.objects.published().filter(pk=instance.theme_id).exists():
            return Publisher.objects.filter(frameworks__themes=instance.theme_id)
        return None
    return None
