"""Danish full-text search over the frameworks' content.

Every searchable unit (a theme's own text, an item, a reflection question) has one SearchEntry row,
kept in step by `index` (signals on save, a rebuild after `load_content`). Queries:

- `postgres`: the generated `document` tsvector (config `danish`, GIN index, see migration 0004)
  matched with `to_tsquery('danish', …)` and ranked with `ts_rank`.
- `sqlite`: the Danish Snowball stemmer (the algorithm PostgreSQL's `danish` config uses) writes one
  SearchTerm row per entry and stem; a query stem matches exactly or as a prefix, through the
  (term, entry) index.

On both, every word of the query must match, a word also matches longer words that start with its
stem (Danish compounds: "forældre" finds "forældremøder"), case and æ/ø/å do not matter, and exact
matches and title matches rank higher. `query` cleans what the visitor typed, `results` runs the
search a page at a time, and `highlight` marks the matching words, in Python for both databases:
escape first, then mark.
"""

from .highlight import highlight
from .index import connect_signals, index_item, index_question, index_theme, rebuild_index
from .query import Query, stem, stems, words
from .results import RESULT_LIMIT, Hit, HitGroup, Results, search

__all__ = [
    "RESULT_LIMIT",
    "Hit",
    "HitGroup",
    "Query",
    "Results",
    "connect_signals",
    "highlight",
    "index_item",
    "index_question",
    "index_theme",
    "rebuild_index",
    "search",
    "stem",
    "stems",
    "words",
]
