"""Keeping an uploaded workbook between its preview and the editor's confirmation.

The file waits in a private temporary folder under a random name; the form carries only a
signed token that names it and the user who uploaded it, and expires after an hour.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path

from django.core import signing

MAX_FILE_BYTES = 10 * 1024 * 1024

UPLOAD_DIR = Path(tempfile.gettempdir()) / "foraeldresamarbejde-regneark"
UPLOAD_SALT = "values.workbook.upload"
UPLOAD_MAX_AGE = 60 * 60
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def store_upload(data: bytes, user) -> str:
    """Keep the previewed file until it is confirmed; returns a signed token for the form."""
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    token = secrets.token_hex(16)
    (UPLOAD_DIR / f"{token}.xlsx").write_bytes(data)
    return signing.dumps({"t": token, "u": user.pk}, salt=UPLOAD_SALT)


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
