"""The admin's login form with the second factor, and the form that sets one up."""

from __future__ import annotations

import django_otp
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .policy import ENROL_SESSION_KEY, confirmed_devices, must_use_second_factor


def _clean_code(value: str) -> str:
    return "".join(value.split()).lower()


class StaffLoginForm(AdminAuthenticationForm):
    """Username, password and – for staff who have set it up – the code from their app."""

    otp_token = forms.CharField(
        label=_("Kode fra godkendelses-appen"),
        help_text=_(
            "Kun hvis du har slået to-trins-login til: de seks cifre fra appen eller en af dine "
            "reservekoder."
        ),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        if not settings.STAFF_PASSWORD_LOGIN and not user.is_superuser:
            raise forms.ValidationError(
                _("Log ind med din kommunale konto med knappen ovenfor."), code="sso_only"
            )
        devices = confirmed_devices(user)
        if devices:
            user.otp_device = self._verified_device(user, devices)
        elif must_use_second_factor(user) and self.request is not None:
            # django.contrib.auth.login keeps what an anonymous session holds.
            self.request.session[ENROL_SESSION_KEY] = True
        return cleaned

    def _verified_device(self, user, devices):
        code = _clean_code(self.cleaned_data.get("otp_token") or "")
        if not code:
            raise forms.ValidationError(
                _("Skriv koden fra din godkendelses-app eller en af dine reservekoder."),
                code="otp_required",
            )
        # Six digits come from the app, anything else is a backup code: only that device is
        # tried, so a mistyped backup code does not slow down the app's codes.
        from_app = code.isdigit() and len(code) == 6
        for device in devices:
            if isinstance(device, TOTPDevice) != from_app:
                continue
            verified = django_otp.verify_token(user, device.persistent_id, code)
            if verified is not None:
                return verified
        # Counts towards the login limits like a wrong password, and is logged as one.
        user_login_failed.send(
            sender=__name__,
            credentials={"username": user.get_username()},
            request=self.request,
        )
        raise forms.ValidationError(
            _("Koden er forkert eller for gammel. Skriv den kode, appen viser nu."),
            code="otp_invalid",
        )


class ConfirmAppForm(forms.Form):
    code = forms.CharField(
        label=_("Kode fra appen"),
        help_text=_("De seks cifre, appen viser, efter du har scannet QR-koden."),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = _clean_code(self.cleaned_data["code"])
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "Koden passer ikke. Tjek at appen viser koden for Forældresamarbejde, og prøv "
                    "igen med den kode, den viser nu."
                ),
                code="otp_invalid",
            )
        return code
