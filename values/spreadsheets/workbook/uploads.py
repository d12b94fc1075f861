"""Keeping an uploaded file between its preview and the editor's confirmation.

The file waits in a private temporary folder under a random name; the form carries only a
signed token that names it and the user who uploaded it, and expires after an hour. The
per-model imports keep their files there too (PreviewedFileStorage). A file whose preview was
never confirmed is deleted after a day, the next time anyone uploads.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.core import signing
from import_export.tmp_storages import BaseStorage

UPLOAD_DIR = Path(tempfile.gettempdir()) / "foraeldresamarbejde-regneark"
UPLOAD_SALT = "values.workbook.upload"
UPLOAD_MAX_AGE = 60 * 60
#: Files older than this are deleted: their previews have long expired.
KEEP_SECONDS = 24 * 60 * 60
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def sweep(now: float | None = None) -> int:
    """Delete the files of previews nobody confirmed within a day; returns how many."""
    if not UPLOAD_DIR.exists():
        return 0
    cutoff = (now or time.time()) - KEEP_SECONDS
    removed = 0
    for path in UPLOAD_DIR.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process swept it first
            continue
    return removed


def store_upload(data: bytes, user, name: str = "") -> str:
    """Keep the previewed file until it is confirmed; returns a signed token for the form."""
    sweep()
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    token = secrets.token_hex(16)
    (UPLOAD_DIR / f"{token}.xlsx").write_bytes(data)
    return signing.dumps({"t": token, "u": user.pk, "n": name[:200]}, salt=UPLOAD_SALT)


def upload_name(signed: str) -> str:
    """The uploaded file's own name, for the history's comment."""
    try:
        return str(signing.loads(signed, salt=UPLOAD_SALT).get("n", ""))
    except signing.BadSignature:
        return ""


def _upload_path(signed: str, user) -> Path | None:
    try:
        payload = signing.loads(signed, salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    token = str(payload.get("t", ""))
    if payload.get("u") != user.pk or not TOKEN_RE.fullmatch(token):
        return None
    return UPLOAD_DIR / f"{token}.xlsx"


def load_upload(signed: str, user) -> bytes | None:
    """The stored file, if the token is this user's and has not expired."""
    upload = _upload_path(signed, user)
    if upload is None or not upload.exists():
        return None
    return upload.read_bytes()


def discard_upload(signed: str) -> None:
    try:
        payload = signing.loads(signed, salt=UPLOAD_SALT)
    except signing.BadSignature:
        return
    token = str(payload.get("t", ""))
    if TOKEN_RE.fullmatch(token):
        path = UPLOAD_DIR / f"{token}.xlsx"
        if path.exists():
            os.remove(path)


class PreviewedFileStorage(BaseStorage):
    """django-import-export's file between preview and confirmation, in the same private folder
    under a random name (the confirmation form can name no other file), swept after a day."""

    def save(self, data):
        sweep()
        UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
        self.name = secrets.token_hex(16)
        self._path().write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    def read(self):
        data = self._path().read_bytes()
        if "b" in (self.read_mode or ""):
            return data
        return data.decode(self.encoding or "utf-8-sig")

    def remove(self):
        self._path().unlink(missing_ok=True)

    def _path(self) -> Path:
        if not TOKEN_RE.fullmatch(str(self.name or "")):
            raise FileNotFoundError("no such preview")
        return UPLOAD_DIR / f"{self.name}.upload"
