"""Perspectives: the chair's rounds for other groups, and the open page where a group answers.

The chair's views go through reflections.access like every board page. The answering page is
public: it is found by the hash of its link's token, stores nothing about the respondent, and
answers anything it cannot take with a 4xx and a Danish page, never touching other responses.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import round_guard, rounds, services, sessions
from ..access import Access, access_for, private
from ..models import QuestionKind, Round, RoundRating, RoundResponse, RoundState
from ..round_forms import ResponseForm, RoundForm
from .shared import board_context

# Far more than a phone's ratings and a 1,000-character comment in any script; larger is not a
# response, and is refused before the body is read.
MAX_BODY_BYTES = 64 * 1024


def _rounds_page(request: HttpRequest, acc: Access, form: RoundForm | None = None, status=200):
    fresh = sessions.take_round_links(request, acc.worksheet.key)
    found = rounds.rounds_with_counts(acc.worksheet)
    for round_ in found:
        round_.state_label = RoundState(round_.state()).label
        round_.link_id = f"round-link-{round_.pk}"
        round_.fresh_link = fresh.get(round_.pk, "")
        if round_.fresh_link:
            qr = segno.make(round_.fresh_link, error="m")
            round_.qr_code = qr.svg_data_uri(scale=4, dark="#000", light="#fff")
    context = board_context(
        acc,
        request,
        rounds=found,
        form=form or RoundForm(),
        has_rated=acc.worksheet.questions.filter(kind=QuestionKind.RATING).exists(),
        states=RoundState,
    )
    return render(request, "reflections/rounds.html", context, status=status)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def manage_rounds(request: HttpRequest, key: str) -> HttpResponse:
    acc = access_for(request, key, chair=True)
    if request.method != "POST":
        return _rounds_page(request, acc)
    form = RoundForm(request.POST)
    if not form.is_valid():
        return _rounds_page(request, acc, form, status=400)
    created, token = rounds.open_round(acc.worksheet, **form.cleaned_data)
    services.touch(acc.worksheet)
    sessions.show_round_link_once(request, acc.worksheet, created.pk, token)
    messages.success(
        request, _("Runden “%(name)s” er oprettet. Del linket nedenfor.") % {"name": created.name}
    )
    return redirect("reflections:rounds", key)


def _round_of(acc: Access, round_id: int) -> Round:
    return get_object_or_404(Round, pk=round_id, worksheet_id=acc.worksheet.pk)


@private
@require_POST
def change_round(request: HttpRequest, key: str, round_id: int) -> HttpResponse:
    """A new link, closing the round early, or deleting it with its responses."""
    acc = access_for(request, key, chair=True)
    round_ = _round_of(acc, round_id)
    action = request.POST.get("action")
    if action == "renew":
        token = rounds.renew_link(round_)
        sessions.show_round_link_once(request, acc.worksheet, round_.pk, token)
        message = _("Runden har fået et nyt link. Det gamle virker ikke længere.")
    elif action == "close":
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
        message = _("Runden er lukket. Svarene står på resultatsiden.")
    elif action == "delete":
        round_.delete()
        message = _("Runden og alle dens svar er slettet.")
    else:
        raise Http404
    services.touch(acc.worksheet)
    messages.success(request, message)
    return redirect("reflections:rounds", key)


# --- The open answering page ---------------------------------------------------------------------


def _closed_page(request: HttpRequest, round_: Round | None) -> HttpResponse:
    state = round_.state() if round_ else RoundState.ENDED
    status = 200 if state == RoundState.NOT_STARTED else 410
    context = {"round": round_, "state": state, "states": RoundState}
    return render(request, "reflections/round_closed.html", context, status=status)


def _answer_page(request, round_: Round, form: ResponseForm, status: int = 200) -> HttpResponse:
    context = {"round": round_, "worksheet": round_.worksheet, "form": form}
    return render(request, "reflections/round_answer.html", context, status=status)


def _thanks(request: HttpRequest, round_: Round, status: int = 200) -> HttpResponse:
    context = {"round": round_, "worksheet": round_.worksheet, "again": status != 200}
    return render(request, "reflections/round_thanks.html", context, status=status)


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


@private
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST" and _too_large(request):
        return render(request, "reflections/round_too_large.html", status=413)
    round_ = rounds.round_for_token(token)
    if round_ is None or round_.state() != RoundState.OPEN:
        return _closed_page(request, round_)
    if round_guard.has_answered(request, round_):
        return _thanks(request, round_, status=409 if request.method == "POST" else 200)
    questions = rounds.rating_questions(round_.worksheet, plain=round_.plain_wording)
    if request.method != "POST":
        return _answer_page(request, round_, ResponseForm(round_=round_, questions=questions))
    form = ResponseForm(request.POST, round_=round_, questions=questions)
    if not form.is_valid():
        if "nonce" in form.errors:  # keep what they chose, with a form that may be sent
            form.data = form.data.copy()
            form.data["nonce"] = round_guard.new_nonce(round_)
        return _answer_page(request, round_, form, status=400)
    try:
        _save(round_, form)
    except IntegrityError:  # this very form was saved already: a double tap or a replay
        return _thanks(request, round_, status=409)
    response = redirect("reflections:round_answer", token)
    round_guard.remember_answered(response, round_)
    return response


def _save(round_: Round, form: ResponseForm) -> None:
    with transaction.atomic():
        saved = RoundResponse.objects.create(
            round=round_,
            nonce_hash=round_guard.nonce_hash(form.cleaned_data["nonce"]),
            comment=form.cleaned_data["comment"].strip(),
        )
        RoundRating.objects.bulk_create(
            RoundRating(response=saved, question=question, rating=rating)
            for question, rating in form.ratings().items()
        )
