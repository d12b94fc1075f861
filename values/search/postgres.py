"""PostgreSQL: the entries' generated `document` tsvector (config `danish`, GIN index), matched
with `to_tsquery` and ranked with `ts_rank`.

Migration 0004 adds the column on PostgreSQL only, so it is no model field and the ORM cannot
name it; the match and the rank around it are written as SQL too. django.contrib.postgres's
SearchQuery/SearchRank say the same but took twice as long to build (about 1.2 ms instead of
0.6 ms per search, measured on this project's content).
"""

from __future__ import annotations

from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from .query import PREFIX_MIN_LENGTH, Query, stem

DOCUMENT = '"values_searchentry"."document"'


def _tsquery(query: Query, prefix: bool) -> str:
    # Words contain only letters and digits (see query.WORD), so they are safe inside a tsquery.
    return " & ".join(
        f"{word}:*" if prefix and len(stem(word)) >= PREFIX_MIN_LENGTH else word
        for word in query.words
    )


def matches(entries, query: Query):
    """`entries` that match every word of `query` (also as a prefix), annotated with their
    `rank`: the prefix match's rank plus the exact match's, so exact words rank higher."""
    prefix_query, exact_query = _tsquery(query, prefix=True), _tsquery(query, prefix=False)
    # The only values are passed as parameters; the SQL around them is constant.
    return entries.filter(
        RawSQL(  # noqa: S611
            f"{DOCUMENT} @@ to_tsquery('danish'::regconfig, %s)",
            (prefix_query,),
            output_field=BooleanField(),
        )
    ).annotate(
        rank=RawSQL(  # noqa: S611
            f"ts_rank({DOCUMENT}, to_tsquery('danish'::regconfig, %s))"
            f" + ts_rank({DOCUMENT}, to_tsquery('danish'::regconfig, %s))",
            (prefix_query, exact_query),
            output_field=FloatField(),
        )
    )
