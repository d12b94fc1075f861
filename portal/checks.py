"""Start-up checks for settings that are valid on their own but dangerous together."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security)
def check_proxy_addresses(app_configs=None, **kwargs) -> list[Warning]:
    """Production behind a proxy must say how many proxies append to X-Forwarded-For.

    With DJANGO_TRUSTED_PROXY_COUNT=0 every request seems to come from the proxy's own address,
    so the login limits count the whole town as one client: one person typing wrong passwords
    locks a named editor out for everyone.
    """
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    if settings.DEBUG or not behind_proxy or settings.TRUSTED_PROXY_COUNT > 0:
        return []
    return [
        Warning(
            "The portal runs behind a proxy (DJANGO_PROXY_SSL_HEADER) but "
            "DJANGO_TRUSTED_PROXY_COUNT is 0: every visitor has the proxy's address, and login "
            "limits then lock out everyone at once.",
            hint="Set DJANGO_TRUSTED_PROXY_COUNT to the number of your own proxies that append "
            "to X-Forwarded-For (usually 1); see docs/deployment.md.",
            id="portal.W001",
        )
    ]
