"""The open-data zip and its DCAT-AP-DK record at stable addresses (/api/v1/data/…)."""

from __future__ import annotations

import hashlib
import json
import threading

from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.http import condition, require_safe

from ..api.freshness import conditional
from . import dcat as dcat_record
from .dump import FILE_NAME, build_dump, dump_path, is_current, stamp


def _dump_etag(request: HttpRequest, *args, **kwargs) -> str:
    # No Last-Modified: it cannot see a principle taken offline or a municipality's list
    # switched off, which must leave the zip at the next request.
    return hashlib.sha256(f"{stamp()}#{request.build_absolute_uri()}".encode()).hexdigest()[:32]


# One request at a time rebuilds a missing or stale zip; the others wait for it.
_building = threading.Lock()


@require_safe
@condition(etag_func=_dump_etag)
def dump(request: HttpRequest) -> FileResponse:
    if not is_current():
        with _building:
            if not is_current():
                build_dump()
    response = FileResponse(
        dump_path().open("rb"),
        as_attachment=True,
        filename=FILE_NAME,
        content_type="application/zip",
    )
    # Cacheable, but asked again every time: the ETag answers 304 while nothing changed, and a
    # principle taken offline is gone at once, not after a cache's lifetime.
    response["Cache-Control"] = "public, no-cache"
    return response


@require_safe
@conditional
def dcat(request: HttpRequest) -> HttpResponse:
    body = json.dumps(dcat_record.record(request.build_absolute_uri), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
