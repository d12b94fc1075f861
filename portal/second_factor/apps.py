"""django-otp's apps under Danish names in the admin (their model names are not translatable)."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class DanishTOTPConfig(TOTPConfig):
    verbose_name = _("To-trins-login: godkendelses-apps")


class DanishStaticConfig(StaticConfig):
    verbose_name = _("To-trins-login: reservekoder")
