"""Bulk actions on the changelists: publish, make draft, and add a concept to the selected rows.

Each action saves object by object inside one revision (so the history has one entry per action
with the editor's name, the search index and the page cache follow) and says in Danish what it
did.
"""

from __future__ import annotations

from copy import copy

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..bases import Status
from ..models import Concept, DraftChange
from .drafts import needs_approval


def _save_in_one_revision(request, objects, comment: str) -> None:
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        for obj in objects:
            obj.save()


def _set_status(modeladmin, request, queryset, status: str, done: str) -> None:
    changed = [obj for obj in queryset if obj.status != status]
    # A publisher that requires approval gets a draft change to approve instead (values.admin.
    # drafts), so a bulk action is no way around the second editor.
    waiting = [obj for obj in changed if needs_approval(obj)]
    changed = [obj for obj in changed if obj not in waiting]
    for obj in changed:
        obj.status = status
    message = done % {"count": len(changed), "name": model_ngettext(modeladmin.opts, len(changed))}
    _save_in_one_revision(request, changed, message)
    if changed or not waiting:
        modeladmin.message_user(request, message, messages.SUCCESS)
    if waiting:
        for obj in waiting:
            edited = copy(obj)
            edited.status = status
            draft = DraftChange.record(obj, edited, ["status"], {}, request.user)
            if draft is not None and draft.state == DraftChange.State.OPEN:
                draft.request_publish(request.user)
        modeladmin.message_user(
            request,
            gettext("%(count)s %(name)s er sendt til godkendelse hos en anden redaktør.")
            % {"count": len(waiting), "name": model_ngettext(modeladmin.opts, len(waiting))},
            messages.INFO,
        )


@admin.action(
    description=_("Offentliggør de valgte %(verbose_name_plural)s"), permissions=["change"]
)
def publish(modeladmin, request, queryset):
    _set_status(
        modeladmin,
        request,
        queryset,
        Status.PUBLISHED,
        gettext("%(count)s %(name)s er offentliggjort."),
    )


@admin.action(
    description=_("Gør de valgte %(verbose_name_plural)s til kladde"), permissions=["change"]
)
def unpublish(modeladmin, request, queryset):
    _set_status(
        modeladmin,
        request,
        queryset,
        Status.DRAFT,
        gettext("%(count)s %(name)s er gjort til kladde."),
    )


def add_concept_action(concept: Concept):
    def add_concept(modeladmin, request, queryset):
        objects = [
            obj
            for obj in queryset.prefetch_related("concepts")
            if concept not in obj.concepts.all()
        ]
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(
                gettext("Begrebet “%(concept)s” tilføjet.") % {"concept": concept.name}
            )
            for obj in objects:
                obj.concepts.add(concept)
        modeladmin.message_user(
            request,
            gettext("Begrebet “%(concept)s” er tilføjet til %(count)s %(name)s.")
            % {
                "concept": concept.name,
                "count": len(objects),
                "name": model_ngettext(modeladmin.opts, len(objects)),
            },
            messages.SUCCESS,
        )

    add_concept.allowed_permissions = ("change",)
    return add_concept


class ConceptActionsMixin:
    """One action per concept: "Tilføj begrebet «Kommunikation» til de valgte"."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            return actions
        for concept in Concept.objects.order_by("position", "name"):
            name = f"add_concept_{concept.pk}"
            description = gettext("Tilføj begrebet “%(concept)s” til de valgte") % {
                "concept": concept.name
            }
            actions[name] = (add_concept_action(concept), name, description)
        return actions
