from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.page_cache import content_version
from values.models import Framework
from values.visibility import preview_active

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
        "content_version": SimpleLazyObject(lambda: content_version(request)),
        # How long a fragment of public content (`{% public_fragment %}`) may be kept: as long as
        # whole pages, and never while a preview shows drafts, so no draft is kept for anyone.
        # Called by the tag only where a fragment asks.
        "content_fragment_seconds": lambda: (
            0 if preview_active(request) else settings.PAGE_CACHE_SECONDS
        ),
        # Built and run only when the footer's fragment is not kept: one small query, the first
        # few source documents, however many there are, with a link to all of them.
        "footer_frameworks": lambda: (
            Framework.objects.published()
            .select_related("publisher")
            .only("title", "slug", "year", "publisher__name")[:FOOTER_FRAMEWORKS]
        ),
    }
