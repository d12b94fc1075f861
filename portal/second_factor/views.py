"""Setting up the second factor and renewing backup codes, in the admin."""

from __future__ import annotations

import secrets

import segno
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ConfirmAppForm
from .policy import ENROL_SESSION_KEY, confirmed_devices

BACKUP_CODES = 10
# Lower-case letters and digits without the ones people confuse (0/o, 1/l/i).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_backup_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def _may_change(request: HttpRequest) -> bool:
    """Nobody changes a second factor they have not just used, nor one they don't have."""
    return request.user.is_verified() or not confirmed_devices(request.user)


def _page(request, template: str, context: dict) -> HttpResponse:
    response = TemplateResponse(request, template, {**admin.site.each_context(request), **context})
    add_never_cache_headers(response)  # a secret and codes shown once: never cached
    return response


def enrol(request: HttpRequest) -> HttpResponse:
    if not _may_change(request):
        raise PermissionDenied
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": _("Godkendelses-app")}
    )
    form = ConfirmAppForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        codes = _activate(request, device)
        return _page(
            request,
            "admin/second_factor/backup_codes.html",
            {"title": _("Dine reservekoder"), "codes": codes, "new_setup": True},
        )
    return _page(
        request,
        "admin/second_factor/enrol.html",
        {
            "title": _("Slå to-trins-login til"),
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": " ".join(_groups(device)),
            "required": request.session.get(ENROL_SESSION_KEY, False),
        },
    )


def _groups(device: TOTPDevice) -> list[str]:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


@transaction.atomic
def _activate(request: HttpRequest, device: TOTPDevice) -> list[str]:
    """The new app replaces any earlier one; fresh backup codes replace the old ones."""
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = _replace_backup_codes(request.user)
    otp_login(request, device)
    request.session.pop(ENROL_SESSION_KEY, None)
    return codes


def _replace_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Reservekoder"), confirmed=True)
    codes = [new_backup_code() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes(request: HttpRequest) -> HttpResponse:
    """How many backup codes are left; new ones (shown once) for a verified session."""
    has_app = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if request.method == "POST":
        if not (has_app and request.user.is_verified()):
            raise PermissionDenied
        codes = _replace_backup_codes(request.user)
        return _page(
            request,
            "admin/second_factor/backup_codes.html",
            {"title": _("Dine reservekoder"), "codes": codes},
        )
    left = StaticToken.objects.filter(device__user=request.user).count()
    return _page(
        request,
        "admin/second_factor/status.html",
        {
            "title": _("To-trins-login"),
            "has_app": has_app,
            "codes_left": left,
            "may_change": _may_change(request),
            "required": request.session.get(ENROL_SESSION_KEY, False),
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )
