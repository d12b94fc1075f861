"""Publishers own their content, in every admin view (the rule itself lives in values.owners).

PublisherScopedAdmin narrows a ModelAdmin to the objects the user may edit: the changelist, the
change, delete and history pages, export, ordering, preview and the workbook (they all go through
get_queryset / get_object), the choices of every foreign key in its forms (and of autocompletes,
which ask the related model's admin), the list filters, the import (rows are checked in
values.spreadsheets.resources) and reverting a version (every object the version's revision would
restore must be the user's). Someone else's object answers 404, as if it did not exist.
ScopedChoicesMixin does the same for the foreign keys of an inline.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from reversion.models import Version

from ..owners import is_national, may_edit


def scoped_choices(model, user):
    """The objects of `model` that `user` may choose, or None when anyone may choose any."""
    queryset = model._default_manager.get_queryset()
    return queryset.editable_by(user) if hasattr(queryset, "editable_by") else None


class ScopedChoicesMixin:
    """Foreign keys and many-to-many fields offer only the user's own publishers' objects."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        choices = scoped_choices(db_field.related_model, request.user)
        if choices is not None and "queryset" not in kwargs:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        choices = scoped_choices(db_field.related_model, request.user)
        if choices is not None and "queryset" not in kwargs:
            kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PublisherScopedAdmin(ScopedChoicesMixin):
    """For a ModelAdmin of content owned by a publisher (its QuerySet has `editable_by`)."""

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def _owns(self, request, obj) -> bool:
        return obj is None or may_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._owns(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owns(request, obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "does not exist"; someone else's object (or a
        # missing one – the two must look alike) is simply not found. An address that is no
        # id at all (a stylesheet a tool resolved against the page) keeps Django's answer.
        try:
            self.model._meta.pk.to_python(object_id)
        except ValidationError:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        raise Http404

    def get_list_filter(self, request):
        """Filters on a related model list only the related objects in the user's own rows
        (a filter on all frameworks would show other publishers' titles)."""
        filters = list(super().get_list_filter(request))
        if is_national(request.user):
            return filters
        return [self._own_rows_only(entry) for entry in filters]

    def _own_rows_only(self, entry):
        if not isinstance(entry, str):
            return entry
        try:
            field = get_fields_from_path(self.model, entry)[-1]
        except (FieldDoesNotExist, NotRelationField):
            return entry
        return (entry, admin.RelatedOnlyFieldListFilter) if field.is_relation else entry

    # Import: the resource checks every row against the same rule.

    def get_import_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        kwargs["user"] = request.user
        return kwargs

    # History: a version is restored with its whole revision, so all of it must be the user's.

    def revision_is_editable(self, request, revision) -> bool:
        if is_national(request.user):
            return True
        for version in revision.version_set.all():
            if version._model is None:
                continue
            if not may_edit(request.user, version._object_version.object):
                return False
        return True

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        version = (
            Version.objects.get_for_object(obj)
            .select_related("revision")
            .filter(pk=version_id)
            .first()
        )
        if version is None:
            raise Http404
        if not self.revision_is_editable(request, version.revision):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if is_national(request.user):
            return super().recoverlist_view(request, extra_context)
        deleted = [
            version
            for version in Version.objects.get_deleted(self.model).select_related("revision")
            if may_edit(request.user, version._object_version.object)
        ]
        return super().recoverlist_view(request, {**(extra_context or {}), "deleted": deleted})

    def recover_view(self, request, version_id, extra_context=None):
        version = (
            Version.objects.get_deleted(self.model)
            .select_related("revision")
            .filter(pk=version_id)
            .first()
        )
        if version is None:
            raise Http404
        if not self.revision_is_editable(request, version.revision):
            raise Http404
        return super().recover_view(request, version_id, extra_context)
