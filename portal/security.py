"""Security helpers shared by the whole portal: the client's address, login rate limiting, and the
`portal.security` log that operations watch.

To log a denied access anywhere (e.g. a wrong worksheet link), one line is enough:

    from portal.security import log_denied
    log_denied(request, "worksheet token unknown")
"""

from __future__ import annotations

import ipaddress
import logging
import re

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

security_log = logging.getLogger("portal.security")


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only as far as our own proxies reach.

    With DJANGO_TRUSTED_PROXY_COUNT=N the N-th address from the right of X-Forwarded-For is the
    one our outermost proxy saw; anything to its left was written by the client and can be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= hops and _is_address(forwarded[-hops]):
        return forwarded[-hops]
    return remote


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


# django-axes keeps the username in a 255-character column; Django's own limit is 150.
USERNAME_LIMIT = 150


def login_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username django-axes counts failures for, cut to a length its table can hold.

    A login form posted with a huge "username" must get the normal error, not a database error.
    """
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "")[:USERNAME_LIMIT]


class LoginRateLimitBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped for calls that carry no HTTP request, plus a limit
    per address across all usernames.

    Only requests from the outside can be brute-forced; `authenticate()` without a request (the
    test client's `login()`, a management command) has no address to count and would otherwise
    raise instead of simply authenticating.

    django-axes counts per username and address (AXES_LOCKOUT_PARAMETERS), so one person's typos
    never lock out a school network. That alone lets one address try a password on every
    username; settings.LOGIN_ADDRESS_FAILURE_LIMIT failures from one address, whatever the
    usernames, lock that address out too.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True  # AxesMiddleware answers with the 429 page
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off time, for any username."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    found = AccessAttempt.objects.filter(
        ip_address=client_ip(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))
    return found["total"] or 0


@receiver(user_login_failed)
def log_failed_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    where = client_ip(request) if request is not None else "-"
    path = request.path if request is not None else "-"
    security_log.warning("login_failed username=%r ip=%s path=%s", username, where, path)


@receiver(user_logged_in)
def end_staff_sessions_after_a_working_day(sender, request, user, **kwargs):
    """Staff sessions last settings.STAFF_SESSION_HOURS; board sessions keep their two weeks."""
    if user.is_staff and request is not None and hasattr(request, "session"):
        request.session.set_expiry(settings.STAFF_SESSION_HOURS * 3600)


def log_denied(request: HttpRequest, reason: str) -> None:
    """Record that a request was refused access to something private (answered with 404/403)."""
    security_log.warning(
        "access_denied reason=%r ip=%s path=%s",
        reason,
        client_ip(request),
        redact_path(request.path),
    )


def redact_path(path: str) -> str:
    """The path with secret-looking segments (link tokens) replaced, so logs never hold a key."""
    parts = path.split("/")
    return "/".join("[token]" if _looks_secret(part) else part for part in parts)


def _looks_secret(segment: str) -> bool:
    # Link tokens are url-safe base64 (`secrets.token_urlsafe`, mixed case) or hex
    # (`secrets.token_hex`); slugs are lower-case words joined by hyphens and never look like that.
    if len(segment) < 20 or not _TOKEN_CHARS.fullmatch(segment):
        return False
    mixed_case = segment.lower() != segment
    return mixed_case or (len(segment) >= 32 and _HEX.fullmatch(segment) is not None)


_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_-]+")
_HEX = re.compile(r"[0-9a-f]+")
