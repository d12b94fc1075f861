"""Static files in production: whitenoise's compressed, content-hashed storage, with each file's
address remembered.

The manifest is read once when the process starts and never changes while it runs, so the
address of `css/site.css` is the same on every page. Working it out anew (the manifest lookup,
quoting and joining it to STATIC_URL) for each of a page's ten or so `{% static %}` tags was a
twentieth of a short page's time.
"""

from __future__ import annotations

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberedManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Per instance (collectstatic and the tests make their own), and bounded.
        self._remembered_url = lru_cache(maxsize=1024)(super().url)

    def url(self, name: str | None, force: bool = False) -> str:
        return self._remembered_url(name, force)
