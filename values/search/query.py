"""A visitor's query, and the words and Danish stems of any text.

The Snowball stemmer here is the algorithm PostgreSQL's `danish` configuration uses, and the stop
words are PostgreSQL's list, so SQLite's index and the highlighting agree with PostgreSQL's
matching.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MAX_QUERY_LENGTH = 200
PREFIX_MIN_LENGTH = 3

# PostgreSQL's Danish stop word list (tsearch_data/danish.stop, from the Snowball project), so that
# SQLite ignores the same words.
_STOP_WORDS_TEXT = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
    min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle
    vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også
    under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange
    ad bliver hendes været thi jer sådan
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

WORD = re.compile(r"[^\W_]+")
_local = threading.local()


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, without punctuation."""
    return WORD.findall(normalise(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # Snowball stemmers keep state between calls: one per thread.
        stemmer = _local.stemmer = snowballstemmer.stemmer("danish")
    return stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


@dataclass(frozen=True)
class Query:
    """A visitor's query, cleaned: at most MAX_WORDS distinct words that can be searched for."""

    raw: str
    words: tuple[str, ...]

    @classmethod
    def parse(cls, raw: str | None) -> Query:
        raw = (raw or "").strip()[:MAX_QUERY_LENGTH]
        unique: list[str] = []
        for word in words(raw):
            word = word[:MAX_WORD_LENGTH]
            if word not in STOP_WORDS and word not in unique:
                unique.append(word)
        return cls(raw=raw, words=tuple(unique[:MAX_WORDS]))

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stem(word) for word in self.words))

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, word_stem: str) -> bool:
        return any(
            word_stem == s or (len(s) >= PREFIX_MIN_LENGTH and word_stem.startswith(s))
            for s in self.stems
        )

    @cached_property
    def _marked(self) -> dict[str, bool]:
        return {}

    def marks(self, word: str) -> bool:
        """Whether `word`, as written in a text, is one to highlight (remembered per query: a
        page of hits repeats the same words hundreds of times)."""
        marked = self._marked.get(word)
        if marked is None:
            normalised = normalise(word)
            marked = normalised not in STOP_WORDS and self.matches(stem(normalised))
            self._marked[word] = marked
        return marked
