"""The admin's "Vis på websted" address (/admin/r/<content type>/<id>/), behind permissions.

Django's own shortcut sends any staff member to any object's public address. For a worksheet
that address holds the worksheet's private key, so staff are sent on only for objects they may
see in the admin; everyone else gets the same 404 as for an object that does not exist.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404, HttpRequest, HttpResponse


def view_on_site(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ValueError, ContentType.DoesNotExist):
        raise Http404 from None
    label, model = content_type.app_label, content_type.model
    if not any(request.user.has_perm(f"{label}.{action}_{model}") for action in ("view", "change")):
        raise Http404
    return shortcut(request, content_type_id, object_id)
