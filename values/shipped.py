"""The shipped content (fixtures/*.json): loaded without ever overwriting an editor's work.

`load_new` adds the records of the fixtures that the database has never had – all of them into
an empty database, the new ones of a later release into a running portal – and leaves alone
every record that is there (an editor may have changed it) or was there once (an editor deleted
it: its history in django-reversion remembers it). `reset` is the deliberate opposite: it puts
every shipped record back as shipped, over the editors' changes (`manage.py reset_content`).

Either way the records saved get their first version in the history, in one revision per run,
so an editor's first change to a shipped text can be compared and reverted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from reversion.models import Version

#: The history's comment on the first version of every shipped record (the editors read it).
LOADED_COMMENT = "Indlæst fra kildedokumentet"
RESET_COMMENT = "Nulstillet til kildedokumentet"


def fixture_paths() -> list[Path]:
    return sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))


@dataclass
class LoadReport:
    added: int = 0
    kept: int = 0
    updated: int = 0
    #: records that could not be added, and why (a slug an editor has since used, say)
    conflicts: list[str] = field(default_factory=list)


class _Known:
    """Which primary keys each model has, or once had (by its history), asked once per model."""

    def __init__(self):
        self._present: dict[type, set] = {}
        self._in_history: dict[type, set] = {}

    def has(self, model, pk) -> bool:
        if model not in self._present:
            self._present[model] = set(model._default_manager.values_list("pk", flat=True))
        return pk in self._present[model]

    def had(self, model, pk) -> bool:
        if not reversion.is_registered(model):
            return False
        if model not in self._in_history:
            self._in_history[model] = {
                str(pk)
                for pk in Version.objects.get_for_model(model).values_list("object_id", flat=True)
            }
        return str(pk) in self._in_history[model]


def _objects(paths: list[Path]):
    for path in paths:
        with path.open(encoding="utf-8") as source:
            yield from serializers.deserialize(
                "json", source, ignorenonexistent=True, handle_forward_references=True
            )


def _save(item, report: LoadReport, deferred: list) -> bool:
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:
        obj = item.object
        report.conflicts.append(f"{obj._meta.label} {obj.pk} ({obj}): {error}")
        return False
    if item.deferred_fields:
        deferred.append(item)
    return True


def _finish(saved_models: set, deferred: list) -> None:
    for item in deferred:
        item.save_deferred_fields()
    if saved_models:
        # Fixtures carry their primary keys; PostgreSQL's sequences must move past them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(saved_models)):
                cursor.execute(sql)


def load_new(paths: list[Path] | None = None) -> LoadReport:
    """Add the shipped records the database has never had; leave every other record alone."""
    report, known, deferred, saved_models = LoadReport(), _Known(), [], set()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(LOADED_COMMENT)
        for item in _objects(paths if paths is not None else fixture_paths()):
            model, pk = type(item.object), item.object.pk
            if known.has(model, pk) or known.had(model, pk):
                report.kept += 1
                continue
            if _save(item, report, deferred):
                report.added += 1
                saved_models.add(model)
        _finish(saved_models, deferred)
    return report


def reset(paths: list[Path] | None = None) -> LoadReport:
    """Put every shipped record back as shipped, over any editor's change (one revision, so the
    editors can still see and restore what they had)."""
    report, known, deferred, saved_models = LoadReport(), _Known(), [], set()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(RESET_COMMENT)
        for item in _objects(paths if paths is not None else fixture_paths()):
            model = type(item.object)
            existed = known.has(model, item.object.pk)
            if _save(item, report, deferred):
                saved_models.add(model)
                if existed:
                    report.updated += 1
                else:
                    report.added += 1
        _finish(saved_models, deferred)
    return report
