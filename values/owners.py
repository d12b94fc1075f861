"""Who may edit what: each editor edits only the content of the publishers they belong to.

One rule for the whole portal. A publisher names its editors (Publisher.editors); national
administrators (superusers, or the permission `values.edit_all_publishers`) edit every publisher's
content. Content models get the rule through OwnedQuerySet: `Theme.objects.editable_by(user)`,
and `may_edit(user, obj)` answers the same question for one object, saved or not (an imported
row before it is written, or a version in the history before it is restored).
"""

from __future__ import annotations

from django.db import models

NATIONAL_PERMISSION = "values.edit_all_publishers"


def is_national(user) -> bool:
    """A national administrator: sees and edits every publisher's content."""
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.has_perm(NATIONAL_PERMISSION))
    )


def publishers_of(user) -> models.QuerySet:
    """The publishers `user` edits (all of them for a national administrator)."""
    from .models import Publisher

    if is_national(user):
        return Publisher.objects.all()
    if user is None or not user.is_authenticated:
        return Publisher.objects.none()
    return Publisher.objects.filter(editors=user)


class OwnedQuerySet(models.QuerySet):
    """A QuerySet of content that belongs to a publisher through `publisher_path`."""

    #: the lookup from the model to its publisher, e.g. "theme__framework__publisher"
    publisher_path: str = "publisher"

    def editable_by(self, user) -> models.QuerySet:
        if is_national(user):
            return self
        # A subquery, not a join: no duplicate rows, and the admin's ordering stays its own.
        ids = publishers_of(user).values("pk")
        return self.filter(**{f"{self.publisher_path}__in": ids})


def may_edit(user, obj: models.Model) -> bool:
    """Whether `user` may edit `obj` – judged by the parent it points to now, so that an
    unsaved object (an import row, a version to restore) is judged by where it would go."""
    if is_national(user):
        return True
    path = getattr(type(obj)._default_manager.get_queryset(), "publisher_path", None)
    if path is None:
        return True  # not content of a publisher (a shared concept)
    if path == "pk":
        return obj.pk is not None and publishers_of(user).filter(pk=obj.pk).exists()
    first, _, rest = path.partition("__")
    parent_id = getattr(obj, f"{first}_id", None)
    if parent_id is None:
        return False
    if not rest:
        return publishers_of(user).filter(pk=parent_id).exists()
    parent_model = obj._meta.get_field(first).related_model
    return parent_model._default_manager.editable_by(user).filter(pk=parent_id).exists()
