"""History: every version of an object, and what changed between two of them, word by word.

django-reversion's VersionAdmin keeps the versions and offers revert; this adds a compare view
reached from the history list (reversion-compare does the same but is GPL and uses inline
styles, which the Content Security Policy forbids).
"""

from __future__ import annotations

import difflib
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from reversion.models import Version


class HistoryCompareMixin:
    """For a VersionAdmin: version ids in the history list, and a compare view of two versions."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info[0]}_{info[1]}_compare",
            ),
        ]
        return urls + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        # The same list as django-reversion's, with each version's id for the compare form.
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_or_change_permission(request, obj):
            info = self.opts.app_label, self.opts.model_name
            versions = self._reversion_order_version_queryset(
                request,
                Version.objects.get_for_object(obj).select_related("revision", "revision__user"),
            )
            extra_context = {
                **(extra_context or {}),
                "action_list": [
                    {
                        "revision": version.revision,
                        "version_id": version.pk,
                        "url": reverse(
                            f"admin:{info[0]}_{info[1]}_revision", args=[obj.pk, version.pk]
                        ),
                    }
                    for version in versions
                ],
            }
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object(obj).select_related("revision", "revision__user")
        )
        by_id = {str(v.pk): v for v in versions}
        if len(versions) < 2:
            messages.info(request, gettext("Der er kun én version; der er intet at sammenligne."))
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
                )
            )
        newer = by_id.get(request.GET.get("b", "")) or versions[0]
        older = by_id.get(request.GET.get("a", "")) or versions[1]
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": gettext("Sammenlign versioner af “%(obj)s”") % {"obj": obj},
            "older": older,
            "newer": newer,
            "changes": compare_versions(self.model, older, newer),
        }
        return TemplateResponse(request, "admin/values/compare.html", context)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes as (op, text) pairs: op is "same", "removed" or "added"."""
    old_words = re.findall(r"\s+|\S+", old)
    new_words = re.findall(r"\s+|\S+", new)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("removed", "".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(("added", "".join(new_words[b1:b2])))
    return segments


def compare_versions(model, older: Version, newer: Version) -> list[dict]:
    """Field by field, what changed between two stored versions."""
    old_fields = older.field_dict
    new_fields = newer.field_dict
    rows = []
    for field in model._meta.get_fields():
        if (
            not getattr(field, "concrete", False)
            or field.auto_created
            or field.name == "updated_at"
        ):
            continue
        key = field.attname if hasattr(field, "attname") else field.name
        old = old_fields.get(field.name, old_fields.get(key))
        new = new_fields.get(field.name, new_fields.get(key))
        old_text, new_text = describe_value(field, old), describe_value(field, new)
        rows.append(
            {
                "label": str(field.verbose_name).capitalize(),
                "changed": old_text != new_text,
                "old": old_text,
                "new": new_text,
                "diff": word_diff(old_text, new_text) if old_text != new_text else [],
            }
        )
    return rows


def describe_value(field, value) -> str:
    if value is None:
        return ""
    if field.many_to_many:
        ids = list(value) if not hasattr(value, "all") else [o.pk for o in value.all()]
        names = field.related_model._default_manager.filter(pk__in=ids).values_list(
            "name" if hasattr(field.related_model, "name") else "pk", flat=True
        )
        return ", ".join(sorted(str(n) for n in names))
    if field.is_relation:
        pk = getattr(value, "pk", value)
        related = field.related_model._default_manager.filter(pk=pk).first()
        return str(related) if related else f"#{pk}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
