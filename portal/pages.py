"""The pages a Danish public site must have (privacy policy, the WAS-Tool redirect) and the
visitor's own selection of questions for every page's selection bar."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from reflections import picks
from reflections.management.commands.delete_stale_worksheets import DEFAULT_MONTHS


def retention_months() -> int:
    """How long an untouched worksheet is kept: the deletion command's own default."""
    return getattr(settings, "WORKSHEET_RETENTION_MONTHS", DEFAULT_MONTHS)


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"retention_months": retention_months()})


def was(request: HttpRequest) -> HttpResponse:
    """The accessibility statement as published in Digitaliseringsstyrelsen's WAS-Tool."""
    if not settings.PORTAL_WAS_URL:
        raise Http404
    return HttpResponseRedirect(settings.PORTAL_WAS_URL)


class Selection:
    """The keys this visitor has collected ("Tilføj til arbejdsark"), read from the session.

    Only a visitor who already has a session cookie can have a selection, and the public page
    cache never stores or serves a page for such a request (portal.middleware), so a page that
    shows a selection is never shared with another visitor. Without a session cookie nothing is
    read and the page is the same for everyone.
    """

    def __init__(self, request: HttpRequest):
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        self.keys = picks.keys(request) if has_session else []

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: str) -> bool:
        return key in self.keys


def picks_context(request: HttpRequest) -> dict:
    """Context processor: `selection`, read only when a template asks for it."""
    return {"selection": SimpleLazyObject(lambda: Selection(request))}
