"""Who needs a second factor, and which devices a staff member has."""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# Set at a password login of someone who must set up a second factor and has none yet.
ENROL_SESSION_KEY = "second_factor_enrolment_required"

# The permission that lets staff read board members' names and answers.
READ_ANSWERS = "reflections.read_answers"


def must_use_second_factor(user) -> bool:
    """Superusers and anyone who may read boards' answers (when the setting requires it)."""
    if not settings.SECOND_FACTOR_REQUIRED:
        return False
    return user.is_superuser or user.has_perm(READ_ANSWERS)


def confirmed_devices(user) -> list:
    """The user's authenticator app first, then their backup codes (if any are left)."""
    apps = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    codes = [
        device
        for device in StaticDevice.objects.filter(user=user, confirmed=True)
        if device.token_set.exists()
    ]
    return apps + codes
