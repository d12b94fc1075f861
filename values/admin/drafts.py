"""Draft changes in the admin: saving an edit without it going live, and the drafts' own pages.

DraftSaveMixin gives the change form of a framework, theme, item or question a second save
button, "Gem som kladdeændring": the changed fields are stored as a DraftChange
(values.models.drafts) and the object itself is not touched. For a publisher whose publishing
needs approval, every save of live content is a draft change. The drafts are listed, previewed,
published and rejected in DraftChangeAdmin; publisher scoping (values.admin.scoping) answers
404 to an editor of another publisher.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext

from ..models import DraftChange, Publisher
from ..models.drafts import publisher_id_of

DRAFT_BUTTON = "_save_draft"


def is_live(obj) -> bool:
    """Whether the public sees `obj` now."""
    return type(obj)._default_manager.published().filter(pk=obj.pk).exists()


def needs_approval(obj) -> bool:
    """Whether the object's publisher requires a second editor's approval to publish."""
    return Publisher.objects.filter(pk=publisher_id_of(obj), publish_needs_approval=True).exists()


class DraftSaveMixin:
    """For a content ModelAdmin: "Gem som kladdeændring" on the change form."""

    def _draft_mode(self, request, obj) -> bool:
        """Whether saving `obj` is stored as a draft change: decided once per object and
        request (the changelist's editable positions save several objects in one request)."""
        modes = request.__dict__.setdefault("_values_draft_modes", {})
        if obj.pk not in modes:
            modes[obj.pk] = DRAFT_BUTTON in request.POST or (is_live(obj) and needs_approval(obj))
        return modes[obj.pk]

    def _drafted(self, request, obj) -> bool:
        """Whether `obj` was stored as a draft change in this request (asked after saving)."""
        return getattr(request, "_values_draft_modes", {}).get(getattr(obj, "pk", None), False)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version rewrites the live object before any form is saved, so for a
        # publisher that requires approval it is refused rather than turned into a draft.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and is_live(obj) and needs_approval(obj):
                messages.error(
                    request,
                    gettext(
                        "Udgiveren kræver godkendelse, så offentliggjort indhold gendannes "
                        "ikke direkte. Kopiér teksten fra versionen ind i formularen, og gem "
                        "den som en kladdeændring."
                    ),
                )
                info = self.opts.app_label, self.opts.model_name
                return HttpResponseRedirect(
                    reverse(f"admin:{info[0]}_{info[1]}_history", args=[obj.pk])
                )
        return super().revision_view(request, object_id, version_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and not add:
            pending = DraftChange.objects.pending().for_object(obj).first()
            forced = is_live(obj) and needs_approval(obj)
            context.update(
                {
                    "offer_draft": True,
                    "pending_draft": pending,
                    "draft_forced": forced,
                    # Live content of a publisher that requires approval is saved as drafts only.
                    "show_save": not forced,
                    "show_save_and_continue": not forced,
                    "show_save_and_add_another": not forced,
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change or not self._draft_mode(request, obj):
            return super().save_model(request, obj, form, change)
        live = type(obj)._default_manager.get(pk=obj.pk)
        m2m = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data and obj._meta.get_field(name).many_to_many
        }
        names = [n for n in form.changed_data if _is_model_field(obj, n)]
        request._values_draft = DraftChange.record(live, obj, names, m2m, request.user)
        if request._values_draft is not None and DRAFT_BUTTON not in request.POST:
            # Saved through another button (or a list's editable column): say where it went.
            messages.info(
                request,
                gettext("“%(obj)s” er gemt som kladdeændring, som en anden redaktør skal godkende.")
                % {"obj": live},
            )

    def save_related(self, request, form, formsets, change):
        if not change or not self._drafted(request, form.instance):
            return super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            messages.warning(
                request,
                gettext(
                    "Ændringerne i listerne nederst på siden er ikke gemt: en kladdeændring "
                    "gælder kun de øverste felter. Ret dem på deres egne sider."
                ),
            )

    def construct_change_message(self, request, form, formsets, add=False):
        if self._drafted(request, form.instance):
            return []  # nothing was saved; the inline formsets were never saved either
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if self._drafted(request, obj):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not self._drafted(request, obj):
            return super().response_change(request, obj)
        draft = getattr(request, "_values_draft", None)
        if draft is None:
            messages.info(request, gettext("Der var ingen ændringer at gemme som kladde."))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            gettext(
                "Ændringen er gemt som kladde. Den vises ikke offentligt, før den er "
                "offentliggjort."
            ),
        )
        return HttpResponseRedirect(reverse("admin:values_draftchange_change", args=[draft.pk]))


def _is_model_field(obj, name: str) -> bool:
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field
        return False
    return getattr(field, "concrete", False) or field.many_to_many
