"""What a request may see of the content.

Every public view takes its base querysets from here, so that what the public sees (published only)
and what an editor may preview is decided in one place.

Preview: a staff user who may view frameworks turns it on from a change form in the admin (a
session flag). While it is on, the public pages also show the drafts of the publishers the user
edits (every draft for a national administrator, values.owners), a banner says so, and the
responses are marked private and not stored, so no cache ever hands a draft to the public.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from .models import Framework, Item, ReflectionQuestion, SearchEntry, Theme
from .owners import is_national

PREVIEW_SESSION_KEY = "values_preview"
#: the draft change being previewed (its id), shown over the live object it changes
PREVIEW_DRAFT_SESSION_KEY = "values_preview_draft"
PREVIEW_PERMISSION = "values.view_framework"


def may_preview(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(PREVIEW_PERMISSION)
    )


def preview_active(request: HttpRequest) -> bool:
    """True when this request shows drafts. Touches the session only if there is one."""
    cached = getattr(request, "_values_preview", None)
    if cached is not None:
        return cached
    active = False
    session = getattr(request, "session", None)
    if (
        session is not None
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and session.get(PREVIEW_SESSION_KEY)
    ):
        active = may_preview(getattr(request, "user", None))
    request._values_preview = active
    return active


def start_preview(request: HttpRequest, draft=None) -> None:
    request.session[PREVIEW_SESSION_KEY] = True
    if draft is not None:
        request.session[PREVIEW_DRAFT_SESSION_KEY] = draft.pk
    else:
        request.session.pop(PREVIEW_DRAFT_SESSION_KEY, None)
    request._values_preview = None


def stop_preview(request: HttpRequest) -> None:
    request.session.pop(PREVIEW_SESSION_KEY, None)
    request.session.pop(PREVIEW_DRAFT_SESSION_KEY, None)
    request._values_preview = False


# Previewing a draft change: while a previewing editor's page is read, the object the draft
# changes shows the drafted values. Only in memory, only for GET, only for that editor.

_current_request: ContextVar[HttpRequest | None] = ContextVar("values_request", default=None)


def previewed_draft(request: HttpRequest):
    """The draft change this request previews, or None (the usual answer, without a query
    unless the editor started a draft's preview)."""
    if hasattr(request, "_values_preview_draft"):
        return request._values_preview_draft
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None  # before the view: decided once the page is known
    request._values_preview_draft = None  # also while the draft itself is loaded
    if (
        request.method in ("GET", "HEAD")
        # Public pages only: an admin form must show (and save against) the live values.
        and "admin" not in match.app_names
        and preview_active(request)  # reads the session only where a preview could be on
        and request.session.get(PREVIEW_DRAFT_SESSION_KEY)
    ):
        from .models import DraftChange

        request._values_preview_draft = (
            DraftChange.objects.pending()
            .editable_by(request.user)
            .select_related("content_type")
            .filter(pk=request.session[PREVIEW_DRAFT_SESSION_KEY])
            .first()
        )
    return request._values_preview_draft


def show_previewed_draft(sender, instance, **kwargs) -> None:
    """post_init of the content models: the previewed draft's values over the live ones."""
    request = _current_request.get()
    if request is None or instance.pk is None:
        return
    draft = previewed_draft(request)
    if draft is not None and draft.object_id == instance.pk and draft.model is sender:
        show_draft(draft, instance)


def show_draft(draft, instance) -> None:
    """The drafted values on `instance` for a preview: plain fields and chosen relations (the
    concepts); not an address (slug), which the public pages look up by its live value."""
    draft.apply_to(instance, keep_address=True)
    relations = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for field in draft.fields():
        if field.many_to_many:
            # As if prefetched: `theme.concepts.all()` then lists the drafted choice.
            pks = draft.changes[field.name]
            relations[field.name] = field.related_model._default_manager.filter(pk__in=pks)


def with_own_drafts(request: HttpRequest, model):
    """Published content, and the drafts of the publishers the previewing user edits."""
    if is_national(request.user):
        return model.objects.all()
    return model.objects.published() | model.objects.editable_by(request.user)


def frameworks_for(request: HttpRequest):
    if preview_active(request):
        return with_own_drafts(request, Framework)
    return Framework.objects.published()


def frameworks_with_counts_for(request: HttpRequest):
    """The visible frameworks with their publishers and how many visible themes and reflection
    questions each has (`theme_count`, `question_count`), in one query."""
    return (
        frameworks_for(request)
        .select_related("publisher")
        .with_counts(themes_for(request), questions_for(request))
    )


def themes_for(request: HttpRequest):
    if preview_active(request):
        return with_own_drafts(request, Theme)
    return Theme.objects.published()


def items_for(request: HttpRequest):
    if preview_active(request):
        return with_own_drafts(request, Item)
    return Item.objects.published()


def questions_for(request: HttpRequest):
    if preview_active(request):
        return with_own_drafts(request, ReflectionQuestion)
    return ReflectionQuestion.objects.published()


def search_entries_for(request: HttpRequest):
    if preview_active(request):
        return with_own_drafts(request, SearchEntry)
    return SearchEntry.objects.published()


class PreviewMiddleware:
    """Offers `request.content_preview` to templates and keeps preview pages out of caches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.content_preview = SimpleLazyObject(lambda: preview_active(request))
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        if getattr(request, "_values_preview", None):
            # A page that may show drafts must never be stored by a shared cache or the browser.
            for directive in ("public", "max-age", "s-maxage"):
                _drop_cache_directive(response, directive)
            patch_cache_control(response, private=True, no_store=True, no_cache=True)
        return response


def _drop_cache_directive(response: HttpResponse, directive: str) -> None:
    header = response.get("Cache-Control")
    if not header:
        return
    parts = [p.strip() for p in header.split(",")]
    kept = [p for p in parts if p.split("=", 1)[0].strip().lower() != directive]
    if kept:
        response["Cache-Control"] = ", ".join(kept)
    else:
        del response["Cache-Control"]
