"""Who runs this portal: the owner's name, address, logo and contact, from settings.

Every page's header and footer and the accessibility and privacy pages show them. With nothing
set the portal names only itself and invents no owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.templatetags.static import static


@dataclass(frozen=True)
class Owner:
    name: str = ""
    url: str = ""
    logo: str = ""
    email: str = ""
    phone: str = ""
    was_url: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name)

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone)

    @property
    def logo_url(self) -> str:
        """The logo's address on this site (the Content-Security-Policy allows only our own)."""
        if not self.logo:
            return ""
        return self.logo if self.logo.startswith("/") else static(self.logo)

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")


def check_logo(logo: str) -> str:
    if "://" in logo or logo.startswith("//"):
        raise ImproperlyConfigured(
            "PORTAL_OWNER_LOGO must be a static file name or a path on this site (/…): the "
            "Content-Security-Policy only loads images from the portal itself."
        )
    return logo


def owner() -> Owner:
    return Owner(
        name=settings.PORTAL_OWNER_NAME,
        url=settings.PORTAL_OWNER_URL,
        logo=check_logo(settings.PORTAL_OWNER_LOGO),
        email=settings.PORTAL_CONTACT_EMAIL,
        phone=settings.PORTAL_CONTACT_PHONE,
        was_url=settings.PORTAL_WAS_URL,
    )


def owner_context(request: HttpRequest) -> dict:
    """Context processor: `owner` on every page."""
    return {"owner": owner()}
