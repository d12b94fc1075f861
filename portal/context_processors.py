from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.page_cache import page_cache_version
from values.models import Framework

FOOTER_FRAMEWORKS = 8


def site(request):
    return {
        "SITE_NAME": "Forældresamarbejde",
        "DEBUG": settings.DEBUG,
        # The admin's login page: the identity provider's button, and the password form.
        "oidc_login": settings.OIDC_ENABLED,
        "password_login": settings.STAFF_PASSWORD_LOGIN,
        # How long fragments that are the same on every page may be kept (0: not at all).
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        # The version every content save bumps: part of the key of fragments that show content,
        # so a fragment is never older than the content. Read only where a fragment asks.
        "content_version": SimpleLazyObject(page_cache_version),
        # Lazy: one small query, only on pages whose footer lists the source documents; the first
        # few, however many there are, with a link to all of them.
        "footer_frameworks": Framework.objects.published()
        .select_related("publisher")
        .only("title", "slug", "year", "publisher__name")[:FOOTER_FRAMEWORKS],
    }
