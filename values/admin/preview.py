"""Preview: editors see the public pages with drafts, from a button on each change form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from portal.redirects import safe_next

from .. import visibility


class PreviewMixin:
    """A "Forhåndsvis" button on the change form: the public page, drafts included."""

    def preview_url(self, obj) -> str | None:
        return obj.get_absolute_url() if obj is not None else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["preview_url"] = self.preview_url(obj)
        return super().change_view(request, object_id, form_url, extra_context)


class PreviewSwitchMixin:
    """The addresses that switch preview on and off (values.visibility keeps the flag)."""

    def get_urls(self):
        urls = [
            path(
                "forhaandsvisning/",
                self.admin_site.admin_view(require_POST(self.preview_on_view)),
                name="values_preview_on",
            ),
            path(
                "forhaandsvisning/slaa-fra/",
                self.admin_site.admin_view(require_POST(self.preview_off_view)),
                name="values_preview_off",
            ),
        ]
        return urls + super().get_urls()

    def preview_on_view(self, request):
        if not visibility.may_preview(request.user):
            raise PermissionDenied
        visibility.start_preview(request)
        return HttpResponseRedirect(safe_next(request, reverse("values:framework_list")))

    def preview_off_view(self, request):
        visibility.stop_preview(request)
        messages.info(request, gettext("Forhåndsvisningen er slået fra."))
        return HttpResponseRedirect(safe_next(request, reverse("values:framework_list")))
