"""Draft changes in the admin: saving an edit without it going live, and the drafts' own pages.

DraftSaveMixin gives the change form of a framework, theme, item or question a second save
button, "Gem som kladdeændring": the changed fields are stored as a DraftChange
(values.models.drafts) and the object itself is not touched. For a publisher whose publishing
needs approval, every save of live content is a draft change. The drafts are listed, previewed,
published and rejected in DraftChangeAdmin; publisher scoping (values.admin.scoping) answers
404 to an editor of another publisher.
"""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from reversion.models import Version

from ..models import DraftChange, Publisher
from ..models.drafts import NOT_DRAFTED, publisher_id_of

DRAFT_BUTTON = "_save_draft"


def is_live(obj) -> bool:
    """Whether the public sees `obj` now."""
    return type(obj)._default_manager.published().filter(pk=obj.pk).exists()


def needs_approval(obj) -> bool:
    """Whether the object's publisher requires a second editor's approval to publish."""
    return Publisher.objects.filter(pk=publisher_id_of(obj), publish_needs_approval=True).exists()


def draft_mode(request, obj) -> bool:
    """Whether saving `obj` is stored as a draft change: decided once per object and request
    (the changelist's editable positions save several objects in one request)."""
    modes = request.__dict__.setdefault("_values_draft_modes", {})
    key = _mode_key(obj)
    if key not in modes:
        modes[key] = DRAFT_BUTTON in request.POST or (is_live(obj) and needs_approval(obj))
    return modes[key]


def _mode_key(obj) -> tuple:
    # A theme and an item may share a pk: the form of one saves rows of the other.
    return obj._meta.label, obj.pk


class DraftSaveMixin:
    """For a content ModelAdmin: "Gem som kladdeændring" on the change form."""

    def _drafted(self, request, obj) -> bool:
        """Whether `obj` was stored as a draft change in this request (asked after saving)."""
        return getattr(request, "_values_draft_modes", {}).get(_mode_key(obj), False)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version rewrites the live object before any form is saved, so for a
        # publisher that requires approval the version's values become a draft change instead.
        obj = self.get_object(request, unquote(object_id))
        if request.method != "POST" or obj is None or not (is_live(obj) and needs_approval(obj)):
            return super().revision_view(request, object_id, version_id, extra_context)
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        draft = _record_version(obj, version, request.user)
        if draft is None:
            messages.info(request, gettext("Versionen er den samme som den offentliggjorte."))
            return HttpResponseRedirect(reverse(admin_urlname(self.opts, "change"), args=[obj.pk]))
        messages.success(
            request,
            gettext(
                "Versionen er gemt som kladdeændring, fordi udgiveren kræver godkendelse. Den "
                "gendannes, når en anden redaktør har godkendt den."
            ),
        )
        return HttpResponseRedirect(reverse("admin:values_draftchange_change", args=[draft.pk]))

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
        if not change or not draft_mode(request, obj):
            return super().save_model(request, obj, form, change)
        request._values_draft = _record(form, request.user)
        if request._values_draft is not None and DRAFT_BUTTON not in request.POST:
            # Saved through another button (or a list's editable column): say where it went.
            messages.info(
                request,
                gettext("“%(obj)s” er gemt som kladdeændring, som en anden redaktør skal godkende.")
                % {"obj": request._values_draft.label},
            )

    def save_related(self, request, form, formsets, change):
        if not change or not self._drafted(request, form.instance):
            return super().save_related(request, form, formsets, change)
        # The lists below the form: each changed row is a draft change of its own
        # (DraftInlineMixin has refused additions, deletions and rows that cannot be drafted).
        request._values_row_drafts = []
        for formset in formsets:
            for row in formset.initial_forms:
                draft = _record(row, request.user) if row.has_changed() else None
                if draft is not None:
                    request._values_row_drafts.append(draft)

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
        drafts = getattr(request, "_values_row_drafts", [])
        if getattr(request, "_values_draft", None) is not None:
            drafts = [request._values_draft, *drafts]
        if not drafts:
            messages.info(request, gettext("Der var ingen ændringer at gemme som kladde."))
            return HttpResponseRedirect(request.path)
        if len(drafts) == 1:
            messages.success(
                request,
                gettext(
                    "Ændringen er gemt som kladde. Den vises ikke offentligt, før den er "
                    "offentliggjort."
                ),
            )
            return HttpResponseRedirect(
                reverse("admin:values_draftchange_change", args=[drafts[0].pk])
            )
        messages.success(
            request,
            gettext(
                "Ændringerne er gemt som %(count)d kladdeændringer, én for hvert ændret indhold. "
                "De vises ikke offentligt, før de er offentliggjort."
            )
            % {"count": len(drafts)},
        )
        return HttpResponseRedirect(reverse("admin:values_draftchange_changelist"))


class DraftInlineMixin:
    """For an inline on a form with "Gem som kladdeændring": in draft mode a changed row
    becomes a draft change of its own, and what a draft change cannot hold – a new row, a
    deleted row, a changed row of content without drafts (materials) – is refused with the
    form shown again as it was filled in, so nothing typed is lost."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if request.method != "POST" or obj is None or not draft_mode(request, obj):
            return formset
        draftable = isinstance(self.admin_site._registry.get(self.model), DraftSaveMixin)
        plural = self.model._meta.verbose_name_plural

        class DraftFormSet(formset):
            def clean(self):
                super().clean()
                if any(row.has_changed() for row in self.extra_forms) or self.deleted_forms:
                    raise ValidationError(
                        gettext(
                            "En kladdeændring kan ikke tilføje eller slette %(plural)s. Fortryd "
                            "det her og gem kladden, og tilføj eller slet bagefter."
                        )
                        % {"plural": plural}
                    )
                if not draftable and any(row.has_changed() for row in self.initial_forms):
                    raise ValidationError(
                        gettext(
                            "Ændringer i %(plural)s kan ikke gemmes som kladde. Fortryd dem her "
                            "og gem kladden, og ret dem bagefter."
                        )
                        % {"plural": plural}
                    )

        return DraftFormSet


def _record_version(live, version, user):
    """The fields a stored version holds, as a draft change of the live object."""
    stored = version.field_dict
    edited = copy(live)
    names, m2m = [], {}
    for field in [*live._meta.concrete_fields, *live._meta.many_to_many]:
        if field.name in NOT_DRAFTED or field.attname not in stored:
            continue
        if field.many_to_many:
            pks = stored[field.attname]
            m2m[field.name] = field.related_model._default_manager.filter(pk__in=pks)
        else:
            setattr(edited, field.attname, stored[field.attname])
        names.append(field.name)
    return DraftChange.record(live, edited, names, m2m, user)


def _record(form, user):
    """What a validated model form (the change form or one of its rows) changed, as a draft
    change of the object it shows; None if nothing differs from the live object."""
    edited = form.instance
    live = type(edited)._default_manager.get(pk=edited.pk)
    names = [name for name in form.changed_data if _is_model_field(edited, name)]
    m2m = {
        name: form.cleaned_data[name] for name in names if edited._meta.get_field(name).many_to_many
    }
    return DraftChange.record(live, edited, names, m2m, user)


def _is_model_field(obj, name: str) -> bool:
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field
        return False
    return getattr(field, "concrete", False) or field.many_to_many
