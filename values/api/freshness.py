"""ETag and Last-Modified for the API, so a client that asks again gets 304 Not Modified.

Both come from one query over the content tables: the latest `updated_at` and how many rows each
table (and each concept tag table) has, so an edit, a new row and a deletion all change them.
Computed before the endpoint runs; a 304 costs that one query and nothing else.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import condition

from ..models import Concept, Framework, Item, Material, Publisher, ReflectionQuestion, Theme

STAMPED = (Publisher, Concept, Framework, Theme, Item, ReflectionQuestion, Material)
TAGGED = (Theme, Item, ReflectionQuestion)


def _stamp_sql() -> str:
    """Raw SQL, as the ORM cannot put several tables' aggregates into one query; only table and
    column names from the models' own metadata, quoted, and no value from outside."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT MAX({quote('updated_at')}), COUNT(*) FROM {quote(m._meta.db_table)}"  # noqa: S608
        for m in STAMPED
    ]
    parts += [
        f"SELECT NULL, COUNT(*) FROM {quote(m.concepts.through._meta.db_table)}"  # noqa: S608
        for m in TAGGED
    ]
    return " UNION ALL ".join(parts)


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))  # SQLite answers an aggregate as text
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def content_stamp(request: HttpRequest | None = None) -> tuple[datetime | None, str]:
    """(latest change, a fingerprint of all content), once per request."""
    cached = getattr(request, "_api_stamp", None)
    if cached is not None:
        return cached
    with connection.cursor() as cursor:
        # Table names from the models' own metadata, quoted: no value from outside.
        cursor.execute(_stamp_sql())
        rows = cursor.fetchall()
    times = [t for t in (_as_datetime(row[0]) for row in rows) if t is not None]
    latest = max(times) if times else None
    fingerprint = "|".join(f"{_as_datetime(m)}:{n}" for m, n in rows)
    stamp = (latest, fingerprint)
    if request is not None:
        request._api_stamp = stamp
    return stamp


def _etag(request: HttpRequest, *args, **kwargs) -> str:
    _, fingerprint = content_stamp(request)
    where = request.build_absolute_uri()  # the answers carry absolute addresses
    return hashlib.sha256(f"{fingerprint}#{where}".encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args, **kwargs) -> datetime | None:
    latest, _ = content_stamp(request)
    return latest


# For every read endpoint: answers If-None-Match / If-Modified-Since with 304.
conditional = condition(etag_func=_etag, last_modified_func=_last_modified)
