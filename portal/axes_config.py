"""django-axes (admin login limits) with a Danish name in the Danish admin.

django-axes ships no Danish catalogue and its app has no translatable name, so the admin index
said "AXES"; its model names are translated in locale/da/ (see the note there).
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class DanishAxesConfig(AxesAppConfig):
    verbose_name = _("Login-forsøg")
