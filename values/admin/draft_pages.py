"""The drafts' own pages: what a draft change changes, word by word, and its three buttons –
preview it on the public pages, publish it (or send it for approval, or approve it), reject it.

Scheduled drafts whose time has come are published when the list is opened, so the admin never
shows a due draft as waiting even where `publish_scheduled` does not run often.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .. import visibility
from ..models import ApprovalNeeded, DraftChange, DraftConflict, publish_due
from ..owners import is_national, may_edit, publishers_of
from .history import describe_value, word_diff
from .scoping import PublisherScopedAdmin

CONTENT_MODELS = ("framework", "theme", "item", "reflectionquestion")


def draft_rows(draft: DraftChange) -> list[dict]:
    """Field by field: the live value when the draft was made, the drafted one, the words."""
    rows = []
    for field in draft.fields():
        old = describe_value(field, _value(field, draft.original.get(field.name)))
        new = describe_value(field, _value(field, draft.changes[field.name]))
        rows.append(
            {
                "label": str(field.verbose_name).capitalize(),
                "old": old,
                "new": new,
                "diff": word_diff(old, new),
            }
        )
    return rows


def _value(field, value):
    if value is None or field.many_to_many:
        return value
    return field.to_python(value)


def public_url(obj) -> str:
    """Where a draft of `obj` is previewed: its own page, or its theme's."""
    theme = getattr(obj, "theme", None)
    return (theme or obj).get_absolute_url()


@admin.register(DraftChange)
class DraftChangeAdmin(PublisherScopedAdmin, admin.ModelAdmin):
    list_display = ["label", "kind", "publisher", "state", "author", "updated_at", "publish_at"]
    list_filter = ["state", "publisher"]
    list_select_related = ["content_type", "publisher", "author"]
    search_fields = ["label"]
    fields = ["publish_at"]
    # One labelled field (the admin's split date and time fields have no labels of their own).
    formfield_overrides = {
        models.DateTimeField: {
            "form_class": forms.DateTimeField,
            "widget": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
    }
    change_form_template = "admin/values/draftchange/change_form.html"

    @admin.display(description=_("type"), ordering="content_type")
    def kind(self, obj):
        return obj.model._meta.verbose_name

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("content_type", "publisher", "author", "requested_by")
        )

    # Permissions: whoever may change the content may handle its drafts.

    def _owns(self, request, obj) -> bool:
        # The same rule as values.owners.may_edit, asked once per request: the admin asks
        # for permissions many times while it draws one page.
        if obj is None:
            return True
        if not hasattr(request, "_values_own_publishers"):
            request._values_own_publishers = (
                None
                if is_national(request.user)
                else set(publishers_of(request.user).values_list("pk", flat=True))
            )
        own = request._values_own_publishers
        return own is None or obj.publisher_id in own

    def _may_change_content(self, request, obj=None) -> bool:
        names = [obj.content_type.model] if obj is not None else CONTENT_MODELS
        return any(request.user.has_perm(f"values.change_{name}") for name in names)

    def has_module_permission(self, request):
        return self._may_change_content(request)

    def has_view_permission(self, request, obj=None):
        return self._may_change_content(request, obj) and self._owns(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_pending:
            return False
        return self._may_change_content(request, obj) and self._owns(request, obj)

    def has_add_permission(self, request):
        return False  # made by saving content as a draft change

    def has_delete_permission(self, request, obj=None):
        return False  # rejected, not deleted, so the list says what happened

    # Pages

    def changelist_view(self, request, extra_context=None):
        publish_due()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        draft = self.get_object(request, object_id)
        if draft is None:  # missing, someone else's, or no id at all: the scoped answer
            return super().change_view(request, object_id, form_url, extra_context)
        target = draft.target()
        context = {
            **(extra_context or {}),
            "draft": draft,
            "rows": draft_rows(draft),
            "target": target,
            "target_url": reverse(
                f"admin:values_{draft.content_type.model}_change", args=[draft.object_id]
            ),
            "publish_label": self._publish_label(request, draft),
        }
        return super().change_view(request, object_id, form_url, context)

    def _publish_label(self, request, draft) -> str:
        if draft.state == DraftChange.State.AWAITING_APPROVAL:
            return gettext("Godkend og offentliggør")
        if draft.publisher.publish_needs_approval:
            return gettext("Send til godkendelse")
        if draft.publish_at:
            return gettext("Planlæg offentliggørelse")
        return gettext("Offentliggør")

    def save_model(self, request, obj, form, change):
        if obj.state == DraftChange.State.SCHEDULED and not obj.publish_at:
            obj.state = DraftChange.State.OPEN  # no time, nothing to wait for
        super().save_model(request, obj, form, change)

    def get_urls(self):
        def view(func, suffix):
            return path(
                f"<path:object_id>/{suffix}/",
                self.admin_site.admin_view(require_POST(func)),
                name=f"values_draftchange_{func.__name__.removesuffix('_view')}",
            )

        return [
            view(self.publish_view, "offentliggoer"),
            view(self.reject_view, "afvis"),
            view(self.preview_view, "forhaandsvis"),
        ] + super().get_urls()

    def _pending_draft(self, request, object_id) -> DraftChange:
        """The draft to act on: someone else's (another publisher's) answers 404."""
        draft = self.get_object(request, object_id)
        if draft is None or not self.has_view_permission(request, draft):
            raise Http404
        if not draft.is_pending or not self.has_change_permission(request, draft):
            raise PermissionDenied
        return draft

    def _back(self, draft) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:values_draftchange_change", args=[draft.pk]))

    def publish_view(self, request, object_id):
        draft = self._pending_draft(request, object_id)
        target = draft.target()
        if target is None or not may_edit(request.user, target):
            raise Http404
        try:
            state = draft.request_publish(request.user)
        except ApprovalNeeded:
            messages.error(
                request,
                gettext("En anden redaktør hos udgiveren skal godkende ændringen."),
            )
            return self._back(draft)
        except DraftConflict as conflict:
            messages.error(
                request, gettext("Ændringen er ikke offentliggjort. %(why)s") % {"why": conflict}
            )
            return self._back(draft)
        except ValidationError as error:
            messages.error(
                request,
                gettext("Ændringen er ikke offentliggjort: %(why)s")
                % {"why": " ".join(error.messages)},
            )
            return self._back(draft)
        done = {
            DraftChange.State.PUBLISHED: gettext("Ændringen er offentliggjort."),
            DraftChange.State.SCHEDULED: gettext("Ændringen offentliggøres %(when)s."),
            DraftChange.State.AWAITING_APPROVAL: gettext(
                "Ændringen er sendt til godkendelse hos en anden redaktør."
            ),
        }[state]
        if state == DraftChange.State.SCHEDULED:
            done %= {"when": date_format(localtime(draft.publish_at), "DATETIME_FORMAT")}
        messages.success(request, done)
        if state == DraftChange.State.PUBLISHED:
            return HttpResponseRedirect(
                reverse(f"admin:values_{draft.content_type.model}_change", args=[draft.object_id])
            )
        return self._back(draft)

    def reject_view(self, request, object_id):
        draft = self._pending_draft(request, object_id)
        draft.reject(request.user)
        messages.success(request, gettext("Kladdeændringen er afvist. Indholdet er uændret."))
        return HttpResponseRedirect(reverse("admin:values_draftchange_changelist"))

    def preview_view(self, request, object_id):
        draft = self._pending_draft(request, object_id)
        target = draft.target()
        if target is None or not visibility.may_preview(request.user):
            raise PermissionDenied
        visibility.start_preview(request, draft=draft)
        return HttpResponseRedirect(public_url(target))
