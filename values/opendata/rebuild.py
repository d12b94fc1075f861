"""Rebuilding the open-data zip after content changes, without making the editor wait.

A saved change (after its transaction commits) starts one background thread that rebuilds the
zip; changes while it runs make it run once more at the end, so a burst of saves (a framework
with its themes in the admin, a workbook import) costs one or two rebuilds, not one per row.
Publishing or unpublishing a principle, and a municipality switching its list of principles on
or off, start a rebuild the same way (the zip holds the principles municipalities list).
The download view also checks the zip against the content and rebuilds a stale one itself, so a
change made by another process, or a rebuild lost to a restart, is never served.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from reflections.models import Principle, PrincipleListing

from ..models import (
    Concept,
    Framework,
    Item,
    Material,
    Publisher,
    ReflectionQuestion,
    School,
    Theme,
)
from .dump import build_dump

log = logging.getLogger(__name__)

CONTENT_MODELS = (Publisher, Concept, Framework, Theme, Item, ReflectionQuestion, Material)

_state = threading.Lock()
_running = False
_again = False


def is_running() -> bool:
    with _state:
        return _running


def schedule_rebuild() -> threading.Thread | None:
    """Start a rebuild in the background, or ask the running one to go again."""
    global _running, _again
    with _state:
        if _running:
            _again = True
            return None
        _running = True
        _again = False
    thread = threading.Thread(target=_rebuild_until_current, name="open-data", daemon=True)
    thread.start()
    return thread


def _rebuild_until_current() -> None:
    global _running, _again
    try:
        while True:
            try:
                build_dump()
            except Exception:
                log.exception("open data: rebuilding the zip failed")
            with _state:
                if not _again:
                    _running = False
                    return
                _again = False
    finally:
        with _state:
            _running = False
        connection.close()  # this thread's own connection
        close_old_connections()


def _on_content_changed(sender, raw: bool = False, **kwargs) -> None:
    if raw or not settings.OPEN_DATA_REBUILD_ON_CHANGE:
        return  # fixtures: `build_open_data` after load_content, or the first download
    transaction.on_commit(schedule_rebuild)


def _on_principle_changed(sender, instance, update_fields=None, **kwargs) -> None:
    """Only what can change the listed principles: a draft edit does not."""
    if update_fields is None or "published_version" in update_fields:
        _on_content_changed(sender, **kwargs)


def _on_principle_deleted(sender, instance, **kwargs) -> None:
    if instance.published_version_id is not None:
        _on_content_changed(sender, **kwargs)


def connect_principle_signals() -> None:
    post_save.connect(_on_principle_changed, sender=Principle, dispatch_uid="opendata-principle")
    post_delete.connect(
        _on_principle_deleted, sender=Principle, dispatch_uid="opendata-del-principle"
    )
    for model in (PrincipleListing, School):
        post_save.connect(_on_content_changed, sender=model, dispatch_uid=f"opendata-{model}")
        post_delete.connect(_on_content_changed, sender=model, dispatch_uid=f"opendata-del-{model}")


def connect_signals() -> None:
    connect_principle_signals()
    for model in CONTENT_MODELS:
        post_save.connect(_on_content_changed, sender=model, dispatch_uid=f"opendata-{model}")
        post_delete.connect(_on_content_changed, sender=model, dispatch_uid=f"opendata-del-{model}")
    for model in (Theme, Item, ReflectionQuestion):
        m2m_changed.connect(
            _on_content_changed,
            sender=model.concepts.through,
            dispatch_uid=f"opendata-m2m-{model}",
        )
