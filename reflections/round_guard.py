"""One response per browser, and each answering form saved at most once.

The form carries a one-time number, signed with the round's id and the time it was made; the
response stores the number's hash under a unique constraint, so a form sent twice (a double tap,
a replayed request) is saved once. After answering, the browser keeps a signed cookie for the
round, and the page thanks it instead of asking again. Neither says who the respondent is.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .models import Round, hash_token

SALT = "reflections.rounds.nonce"
COOKIE_SALT = "reflections.rounds.answered"
# A form older than this is refused (with the answers kept on the page and a fresh form).
NONCE_MAX_AGE = 60 * 60 * 24
COOKIE_MAX_AGE = 60 * 60 * 24 * 400


def new_nonce(round_: Round) -> str:
    return signing.dumps([round_.pk, secrets.token_urlsafe(16)], salt=SALT, compress=False)


def nonce_is_valid(round_: Round, nonce: str) -> bool:
    try:
        round_id, _random = signing.loads(nonce, salt=SALT, max_age=NONCE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return round_id == round_.pk


def nonce_hash(nonce: str) -> str:
    return hash_token(nonce)


def _cookie_name(round_: Round) -> str:
    return f"runde{round_.pk}"


def has_answered(request: HttpRequest, round_: Round) -> bool:
    value = request.get_signed_cookie(
        _cookie_name(round_), default=None, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
    )
    return value == "1"


def remember_answered(response: HttpResponse, round_: Round) -> None:
    response.set_signed_cookie(
        _cookie_name(round_),
        "1",
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
        # Only the answering pages see it: the public pages' cache stays open to this browser.
        path=reverse("reflections:index") + "runde/",
    )
