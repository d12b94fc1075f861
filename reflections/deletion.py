"""Deleting a board's work for good: worksheets, whole board spaces, and what retention finds
stale – always together with their entries in every stored session."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from . import sessions
from .models import BoardSpace, Worksheet


def delete_worksheet(worksheet: Worksheet) -> None:
    """Hard delete: the worksheet and, by cascade, every section, question, answer and step,
    and the members' names on it in every session. A space left with nothing in it goes too."""
    delete_worksheets(Worksheet.objects.filter(pk=worksheet.pk))


def delete_worksheets(worksheets) -> int:
    """Hard-delete a queryset of worksheets as delete_worksheet does; returns how many."""
    rows = list(worksheets.values_list("key", "space_id"))
    if rows:
        keys = [key for key, _space in rows]
        with transaction.atomic():
            Worksheet.objects.filter(key__in=keys).delete()
            sessions.forget_everywhere(keys)
            emptied = [pk for pk in {space for _key, space in rows} if _is_empty(pk)]
            delete_spaces(BoardSpace.objects.filter(pk__in=emptied))
    return len(rows)


def _is_empty(space_pk: int) -> bool:
    """Nothing of the board's work is left in the space (worksheets, principles, anything)."""
    for relation in BoardSpace._meta.related_objects:
        model = relation.related_model
        if model._default_manager.filter(**{relation.field.attname: space_pk}).exists():
            return False
    return True


def delete_spaces(spaces) -> int:
    """Hard-delete a queryset of board spaces with everything in them – worksheets, principles,
    published ones too – and their entries (link hashes, members' names) in every session."""
    space_keys = list(spaces.values_list("key", flat=True))
    if space_keys:
        worksheet_keys = list(
            Worksheet.objects.filter(space__key__in=space_keys).values_list("key", flat=True)
        )
        with transaction.atomic():
            BoardSpace.objects.filter(key__in=space_keys).delete()
            sessions.forget_everywhere(worksheet_keys, space_keys)
    return len(space_keys)


def delete_stale_spaces(cutoff: datetime, *, dry_run: bool = False) -> int:
    """Hard-delete board spaces whose last activity is before `cutoff`, and none of whose
    perspectives rounds could take responses after it (responses touch nothing); returns how
    many."""
    stale = BoardSpace.objects.filter(last_activity_at__lt=cutoff).exclude(
        worksheets__rounds__ends_on__gte=cutoff.date()
    )
    if dry_run:
        return stale.count()
    return delete_spaces(stale)
