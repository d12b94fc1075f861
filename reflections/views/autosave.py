"""Autosave: one answer as JSON each time a member pauses typing – the portal's busiest write."""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services, sessions
from ..access import StaleLink, private, question_for
from ..forms import AnswerForm
from ..models import Answer, WorksheetQuestion
from ..results import digest
from .shared import chairs_only_message, done_message, stale_link_message

SCOPES = {"own", "agreed"}
FIELDS = ("text", "rating", "evidence", "version")


def _json_error(status: int, code: str, message: str, errors=None) -> JsonResponse:
    body = {"status": code, "message": message}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def _json_body(request: HttpRequest) -> object:
    """The parsed JSON body, or None for anything that is not one (a form, a nest too deep for
    the parser, text that cannot be stored such as a lone surrogate)."""
    if request.content_type != "application/json":
        return None
    try:
        payload = json.loads(request.body or b"{}")
        # Strings with lone surrogates parse, but no database can store them.
        json.dumps(payload, ensure_ascii=False).encode()
    except (ValueError, RecursionError, RawPostDataException):
        return None
    return payload


def _payload(request: HttpRequest, question: WorksheetQuestion) -> dict | None:
    """The JSON body if it names a scope this question has, else None."""
    payload = _json_body(request)
    if not isinstance(payload, dict) or payload.get("scope") not in SCOPES:
        return None
    if payload["scope"] == "agreed" and question.is_next_steps:
        return None
    return payload


def _conflict(theirs: Answer, scope: str) -> JsonResponse:
    """Someone saved this answer since the page loaded: what they saved, to merge."""
    if scope == "own":
        message = _("Du har gemt dit svar et andet sted (fx i et andet vindue), mens du skrev.")
    else:
        message = _("%(name)s har ændret fællessvaret, mens du skrev.") % {
            "name": theirs.updated_by or _("En anden")
        }
    return JsonResponse(
        {
            "status": "conflict",
            "message": message,
            "version": theirs.version,
            "text": theirs.text,
            "rating": theirs.rating,
            "rating_label": theirs.get_rating_display() if theirs.rating else "",
            "evidence": theirs.evidence,
            "updated_by": theirs.updated_by,
            "digest": digest(theirs.text, theirs.rating, theirs.evidence),
        },
        status=409,
    )


def _removed() -> JsonResponse:
    return _json_error(
        403,
        "removed",
        _(
            "Formanden har fjernet dit navn fra arbejdsarket eller lagt det sammen med et "
            "andet. Genindlæs siden, eller åbn dit personlige link."
        ),
    )


@private
@require_POST
def autosave(request: HttpRequest, key: str, question_id: int) -> JsonResponse:
    """Save one answer as JSON; answers only after the write is committed (autocommit)."""
    try:
        acc, question = question_for(request, key, question_id)
    except StaleLink:
        return _json_error(403, "link_renewed", stale_link_message())
    ws = acc.worksheet
    if ws.is_done:
        return _json_error(409, "closed", done_message())
    if acc.participant_id is None:
        if acc.participant_removed:
            return _removed()
        return _json_error(403, "no_name", _("Skriv dit navn, før du svarer."))
    payload = _payload(request, question)
    if payload is None:
        return _json_error(400, "bad_request", _("Forkert forespørgsel."))
    if payload["scope"] == "agreed" and not acc.writes_agreed:
        return _json_error(403, "chairs_only", chairs_only_message())
    data = {f: payload[f] for f in FIELDS if isinstance(payload.get(f), str | int)}
    form = AnswerForm(data, kind=question.kind)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        first = next(iter(errors.values()))[0]
        return _json_error(400, "invalid", first, errors)
    content = form.content()
    save = services.save_own_answer if payload["scope"] == "own" else services.save_agreed_answer
    owner = {"participant_id": acc.participant_id} if payload["scope"] == "own" else {}
    outcome = save(
        ws,
        question,
        base_version=form.cleaned_data.get("version") or 0,
        by=sessions.display_name(request, ws.key),
        **owner,
        **content,
    )
    if outcome.conflict is not None:
        return _conflict(outcome.conflict, payload["scope"])
    if not outcome.saved:
        return _removed()
    return JsonResponse(
        {"status": "saved", "version": outcome.version, "digest": digest(**content)}
    )
