"""Worksheet views. Every view with a worksheet key goes through access.access_for (else 404)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access, exports, picks, services
from .access import access_for, private, question_for
from .charts import ratings_chart
from .forms import AnswerForm, CreateFromTemplateForm, CreateOwnForm, JoinForm, NextStepForm
from .models import (
    PORTAL_QUESTION_CONTEXT,
    NextStep,
    Participant,
    QuestionKind,
    Rating,
    Worksheet,
    WorksheetTemplate,
    hash_token,
    source_label,
)
from .results import build_result, digest, progress

NEW_LINKS_KEY = "reflections_new_links"


def done_message() -> str:
    return _("Arbejdsarket er markeret som færdigt. Formanden kan genåbne det.")


# --- Landing page, templates and the visitor's own collection ---------------------------------


def index(request):
    templates = WorksheetTemplate.objects.published().with_question_counts()
    collected = picks.resolve(request, picks.keys(request))
    mine = access.worksheets_in_session(request)
    response = render(
        request,
        "reflections/index.html",
        {"templates": templates, "collected": collected, "form": CreateOwnForm(), "mine": mine},
    )
    if mine or collected:
        # This visitor's own worksheets are listed: keep the page out of shared caches.
        response["Cache-Control"] = "no-store, private"
    return response


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def collect(request):
    """Add, remove or reorder a collected question; JSON for the enhanced button, else redirect."""
    action, key = request.POST.get("action", "add"), request.POST.get("pick", "")
    picked = picks.keys(request)
    message = None
    if action == "add":
        if picks.parse(key) is None or not picks.exists(request, key):
            raise Http404
        if key in picked:
            message = _("Spørgsmålet er allerede på dit arbejdsark.")
        elif len(picked) >= picks.MAX_PICKS:
            message = _("Dit arbejdsark har allerede %(max)d spørgsmål – det er max.") % {
                "max": picks.MAX_PICKS
            }
        else:
            picked.append(key)
            message = _("Tilføjet til dit arbejdsark (%(count)d spørgsmål i alt).") % {
                "count": len(picked)
            }
    elif action == "remove" and key in picked:
        picked.remove(key)
        message = _("Spørgsmålet er fjernet fra dit arbejdsark.")
    elif action in {"up", "down"}:
        picked = picks.move(picked, key, -1 if action == "up" else 1)
    elif action == "clear":
        picked = []
        message = _("Din samling er tømt.")
    picks.store(request, picked)
    if _wants_json(request):
        return JsonResponse({"count": len(picked), "message": message or ""})
    if message:
        messages.success(request, message)
    return redirect(_safe_next(request, reverse("reflections:index") + "#egne"))


def _start_session(request, new: services.NewWorksheet) -> None:
    access.grant(request, new.worksheet, chair=True)
    if new.participant:
        access.remember_participant(request, new.worksheet, new.participant)
        _remember_name(request, new.worksheet, new.participant.display_name)
    _show_links_once(request, new.worksheet, member=new.member_token, chair=new.chair_token)


def _remember_name(request, worksheet: Worksheet, name: str) -> None:
    entries = request.session.get(access.SESSION_KEY, {})
    entries[worksheet.key] = {**entries.get(worksheet.key, {}), "n": name}
    request.session[access.SESSION_KEY] = entries


def _show_links_once(request, worksheet: Worksheet, *, member=None, chair=None) -> None:
    """Tokens are stored hashed, so a new link can be shown exactly once: on the next page."""
    links = request.session.get(NEW_LINKS_KEY, {})
    entry = links.get(worksheet.key, {})
    if member:
        url = reverse("reflections:member_link", args=[member])
        entry["member"] = request.build_absolute_uri(url)
    if chair:
        url = reverse("reflections:chair_link", args=[chair])
        entry["chair"] = request.build_absolute_uri(url)
    links[worksheet.key] = entry
    request.session[NEW_LINKS_KEY] = links


@require_POST
def create_own(request):
    collected = picks.resolve(request, picks.keys(request))
    form = CreateOwnForm(request.POST)
    if not collected:
        messages.error(request, _("Tilføj mindst ét spørgsmål, før du opretter arbejdsarket."))
        return redirect(reverse("reflections:index") + "#egne")
    if not form.is_valid():
        templates = WorksheetTemplate.objects.published().with_question_counts()
        context = {
            "templates": templates,
            "collected": collected,
            "form": form,
            "mine": access.worksheets_in_session(request),
        }
        return render(request, "reflections/index.html", context, status=400)
    data = form.cleaned_data
    new = services.create_from_picks(
        [pick for _, pick in collected],
        title=data["title"],
        school_name=data["school_name"],
        board_name=data["board_name"],
        display_name=data["display_name"],
        next_steps_title=_("Næste skridt") if data["next_steps"] else "",
        next_steps_question=_("Hvilke næste skridt aftaler vi – hvad, hvem og hvornår?"),
    )
    picks.store(request, [])
    _start_session(request, new)
    return redirect("reflections:manage", new.worksheet.key)


@require_http_methods(["GET", "HEAD", "POST"])
def template_detail(request, slug):
    template = get_object_or_404(WorksheetTemplate.objects.published(), slug=slug)
    form = CreateFromTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = services.create_from_template(template, **form.cleaned_data)
        _start_session(request, new)
        return redirect("reflections:manage", new.worksheet.key)
    sections, number = [], 0
    for section in template.sections_with_public_questions():
        questions = []
        for q in section.questions.all():
            number += 1
            context = source_label(q.source) if q.source else PORTAL_QUESTION_CONTEXT
            questions.append(
                {"number": number, "kind": q.kind, "text": q.wording, "context": context}
            )
        sections.append((section, questions))
    return render(
        request,
        "reflections/template_detail.html",
        {"template": template, "sections": sections, "form": form, "ratings": Rating.choices},
        status=400 if form.is_bound else 200,
    )


# --- Secret links ------------------------------------------------------------------------------


def _open_link(request, token: str, *, chair: bool):
    field = "chair_token_hash" if chair else "member_token_hash"
    worksheet = Worksheet.objects.filter(**{field: hash_token(token)}).first()
    if worksheet is None:
        raise Http404
    request.session.cycle_key()
    access.grant(request, worksheet, chair=chair)
    services.touch(worksheet)
    # Redirect so the token leaves the address bar, the history and any Referer header.
    return redirect("reflections:worksheet", worksheet.key)


@private
@require_GET
def member_link(request, token):
    return _open_link(request, token, chair=False)


@private
@require_GET
def chair_link(request, token):
    return _open_link(request, token, chair=True)


# --- The workspace -----------------------------------------------------------------------------


def _context(acc: access.Access, request, **extra) -> dict:
    entry = request.session.get(access.SESSION_KEY, {}).get(acc.worksheet.key, {})
    return {
        "worksheet": acc.worksheet,
        "is_chair": acc.is_chair,
        "display_name": entry.get("n", ""),
        **extra,
    }


@private
@require_GET
def worksheet(request, key):
    acc = access_for(request, key)
    if acc.participant_id is None:
        return render(request, "reflections/join.html", _context(acc, request, form=JoinForm()))
    rows = progress(acc.worksheet, acc.participant_id)
    return render(
        request,
        "reflections/worksheet.html",
        _context(
            acc,
            request,
            rows=rows,
            total=sum(r.total for r in rows),
            answered=sum(r.answered for r in rows),
            own=sum(r.own for r in rows),
        ),
    )


@private
@require_POST
def join(request, key):
    acc = access_for(request, key)
    form = JoinForm(request.POST)
    if not form.is_valid():
        context = _context(acc, request, form=form)
        return render(request, "reflections/join.html", context, status=400)
    if acc.participant_id is None:
        participant = Participant.objects.create(
            worksheet=acc.worksheet, display_name=form.cleaned_data["display_name"]
        )
        access.remember_participant(request, acc.worksheet, participant)
        _remember_name(request, acc.worksheet, participant.display_name)
        services.touch(acc.worksheet)
    return redirect("reflections:worksheet", key)


class QuestionBlock:
    """One question on a section page: its forms, the others' answers, steps and any conflict."""

    def __init__(self, result, participant_id, data=None):
        self.result = result
        self.question = result.question
        self.own = next((a for a in result.members if a.participant_id == participant_id), None)
        self.others = [a for a in result.members if a.participant_id != participant_id]
        self.agreed = result.agreed
        kind = self.question.kind
        self.own_form = AnswerForm(
            data, kind=kind, prefix=f"own-{self.question.pk}", initial=self._initial(self.own)
        )
        self.agreed_form = None
        if kind != QuestionKind.NEXT_STEPS:
            self.agreed_form = AnswerForm(
                data,
                kind=kind,
                prefix=f"agreed-{self.question.pk}",
                initial={**self._initial(self.agreed), "version": self.version},
            )
        self.step_form = (
            NextStepForm(data, prefix=f"step-{self.question.pk}")
            if kind == QuestionKind.NEXT_STEPS
            else None
        )
        self.conflict = None
        self.conflict_mine = None

    @property
    def version(self) -> int:
        return self.agreed.version if self.agreed else 0

    @staticmethod
    def _initial(answer) -> dict:
        if answer is None:
            return {"digest": digest()}
        return {
            "text": answer.text,
            "rating": answer.rating,
            "evidence": answer.evidence,
            "digest": digest(answer.text, answer.rating, answer.evidence),
        }

    @staticmethod
    def submitted(form) -> bool:
        """Whether the page sent this answer at all (a partial post leaves the rest alone)."""
        return any(f"{form.prefix}-{name}" in form.data for name in ("text", "rating", "evidence"))

    @staticmethod
    def digests(form) -> tuple[str, str]:
        """The fingerprint the page was rendered with, and that of what was sent back."""
        return form.cleaned_data.get("digest", ""), digest(**form.content())

    def forms(self):
        return [f for f in (self.own_form, self.agreed_form, self.step_form) if f is not None]

    def show_conflict(self, current, mine: dict) -> None:
        """Both texts side by side, and the agreed field pre-filled with them merged."""
        self.conflict = current
        self.conflict_mine = mine
        merged = {
            "text": merge_texts(current.text, mine["text"]),
            "rating": mine["rating"] or current.rating,
            "evidence": merge_texts(current.evidence, mine["evidence"]),
        }
        self.agreed_form = AnswerForm(
            kind=self.question.kind,
            prefix=f"agreed-{self.question.pk}",
            initial={
                **merged,
                "version": current.version,
                "digest": digest(current.text, current.rating, current.evidence),
            },
        )


def merge_texts(theirs: str, mine: str) -> str:
    if not theirs or theirs == mine:
        return mine
    if not mine or mine in theirs:
        return theirs
    return f"{theirs}\n\n{mine}"


def _section_blocks(acc, section, data=None):
    result = build_result(acc.worksheet, [section])
    questions = result.sections[0].questions
    return [QuestionBlock(q, acc.participant_id, data) for q in questions], result


@private
@require_http_methods(["GET", "HEAD", "POST"])
def section(request, key, section_id):
    acc = access_for(request, key)
    if acc.participant_id is None:
        return redirect("reflections:worksheet", key)
    ws = acc.worksheet
    sections = list(ws.sections.all())
    current = next((s for s in sections if s.pk == section_id), None)
    if current is None:
        raise Http404
    index = sections.index(current)
    following = sections[index + 1] if index + 1 < len(sections) else None
    if request.method == "POST":
        if ws.is_done:
            messages.error(request, done_message())
            return redirect(current.get_absolute_url())
        blocks, _result = _section_blocks(acc, current, request.POST)
        conflicts, invalid, deleted = _save_section(request, acc, blocks)
        if not conflicts and not invalid:
            messages.success(request, _("Skridtet er slettet.") if deleted else _("Gemt."))
            if "save_next" in request.POST and following:
                return redirect(following.get_absolute_url())
            return redirect(current.get_absolute_url())
        if conflicts:
            messages.warning(
                request,
                _(
                    "Bestyrelsens fælles svar blev ændret af en anden, mens du skrev. Begge "
                    "tekster står nedenfor og er sat sammen i feltet – ret til og gem igen."
                ),
            )
        if invalid:
            messages.error(
                request,
                _("Noget kunne ikke gemmes – se beskeden ved feltet. Resten er gemt."),
            )
        status = 409 if conflicts else 400
    else:
        blocks, _result = _section_blocks(acc, current)
        status = 200
    return render(
        request,
        "reflections/section.html",
        _context(
            acc,
            request,
            section=current,
            blocks=blocks,
            sections=sections,
            number=index + 1,
            following=following,
            previous=sections[index - 1] if index > 0 else None,
            answered=sum(1 for b in blocks if b.result.answered),
            ratings=Rating.choices,
        ),
        status=status,
    )


def _save_section(request, acc, blocks) -> tuple[int, int, bool]:
    """Save what changed on a section page; returns (conflicts, invalid forms, step deleted)."""
    ws, conflicts, invalid = acc.worksheet, 0, 0
    name = request.session.get(access.SESSION_KEY, {}).get(ws.key, {}).get("n", "")
    for block in blocks:
        if not block.submitted(block.own_form):
            pass
        elif not block.own_form.is_valid():
            invalid += 1
        else:
            sent, now = block.digests(block.own_form)
            if sent != now:
                services.save_own_answer(
                    ws, block.question, acc.participant_id, **block.own_form.content()
                )
        if block.agreed_form is not None and block.submitted(block.agreed_form):
            form = block.agreed_form
            if not form.is_valid():
                invalid += 1
            else:
                sent, now = block.digests(form)
                if sent != now:
                    content = form.content()
                    outcome = services.save_agreed_answer(
                        ws,
                        block.question,
                        base_version=form.cleaned_data.get("version") or 0,
                        by=name,
                        **content,
                    )
                    if outcome.conflict is not None:
                        conflicts += 1
                        block.show_conflict(outcome.conflict, content)
        if block.step_form is not None:
            if not block.step_form.is_valid():
                invalid += 1
            elif block.step_form.has_step():
                data = block.step_form.cleaned_data
                services.add_next_step(
                    ws, block.question, what=data["what"], who=data["who"], when=data["when"]
                )
                block.step_form = NextStepForm(prefix=f"step-{block.question.pk}")
    delete, deleted = request.POST.get("delete_step", ""), False
    if delete.isdigit():
        deleted = NextStep.objects.filter(worksheet=ws, pk=int(delete)).delete()[0] > 0
        services.touch(ws)
    return conflicts, invalid, deleted


def _json_error(status: int, code: str, message: str, errors=None) -> JsonResponse:
    body = {"status": code, "message": message}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status)


@private
@require_POST
def autosave(request, key, question_id):
    """Save one answer as JSON; answers only after the write is committed (autocommit)."""
    acc, question = question_for(request, key, question_id)
    ws = acc.worksheet
    if ws.is_done:
        return _json_error(409, "closed", done_message())
    if acc.participant_id is None:
        return _json_error(403, "no_name", _("Skriv dit navn, før du svarer."))
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict) or payload.get("scope") not in {"own", "agreed"}:
        return _json_error(400, "bad_request", _("Forkert forespørgsel."))
    scope = payload["scope"]
    if scope == "agreed" and question.is_next_steps:
        return _json_error(400, "bad_request", _("Forkert forespørgsel."))
    fields = ("text", "rating", "evidence", "version")
    data = {f: payload[f] for f in fields if isinstance(payload.get(f), str | int)}
    form = AnswerForm(data, kind=question.kind)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        first = next(iter(errors.values()))[0]
        return _json_error(400, "invalid", first, errors)
    content = form.content()
    if scope == "own":
        services.save_own_answer(ws, question, acc.participant_id, **content)
        return JsonResponse({"status": "saved", "digest": digest(**content)})
    name = request.session.get(access.SESSION_KEY, {}).get(ws.key, {}).get("n", "")
    outcome = services.save_agreed_answer(
        ws, question, base_version=form.cleaned_data.get("version") or 0, by=name, **content
    )
    if outcome.conflict is not None:
        theirs = outcome.conflict
        return JsonResponse(
            {
                "status": "conflict",
                "message": _("%(name)s har ændret fællessvaret, mens du skrev.")
                % {"name": theirs.updated_by or _("En anden")},
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
    return JsonResponse(
        {"status": "saved", "version": outcome.version, "digest": digest(**content)}
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def step_edit(request, key, step_id):
    acc = access_for(request, key)
    step = get_object_or_404(
        NextStep.objects.select_related("question"), worksheet=acc.worksheet, pk=step_id
    )
    back = reverse("reflections:section", args=[key, step.question.section_id])
    initial = {"what": step.what, "who": step.who, "when": step.when, "version": step.version}
    form = NextStepForm(request.POST or None, initial=initial, require_what=True)
    conflict = False
    if request.method == "POST" and acc.worksheet.is_done:
        messages.error(request, done_message())
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if services.update_next_step(
            step,
            base_version=data.get("version") or 0,
            what=data["what"],
            who=data["who"],
            when=data["when"],
        ):
            messages.success(request, _("Skridtet er gemt."))
            return redirect(back)
        step.refresh_from_db()
        conflict = True
        form = NextStepForm(
            initial={
                "what": merge_texts(step.what, data["what"])[:500],
                "who": data["who"] or step.who,
                "when": data["when"] or step.when,
                "version": step.version,
            },
            require_what=True,
        )
    return render(
        request,
        "reflections/step_edit.html",
        _context(acc, request, step=step, form=form, conflict=conflict, back=back),
        status=409 if conflict else (400 if form.is_bound and form.errors else 200),
    )


# --- Result, print and exports -------------------------------------------------------------------


def _result_context(acc, request) -> dict:
    result = build_result(acc.worksheet)
    chart = ratings_chart(result.rated, _("ikke vurderet"), _("Fælles"))
    return _context(acc, request, result=result, chart=chart, ratings=Rating.choices)


@private
@require_GET
def result(request, key):
    acc = access_for(request, key)
    return render(request, "reflections/result.html", _result_context(acc, request))


@private
@require_GET
def blank(request, key):
    acc = access_for(request, key)
    result = build_result(acc.worksheet)
    return render(
        request,
        "reflections/blank.html",
        _context(acc, request, result=result, ratings=Rating.choices),
    )


def _download(worksheet: Worksheet, content: bytes, content_type: str, extension: str):
    response = HttpResponse(content, content_type=content_type)
    name = exports.filename(worksheet, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@private
@require_GET
def result_pdf(request, key):
    acc = access_for(request, key)
    with_members = request.GET.get("medlemmer") == "1"
    content = exports.result_pdf(build_result(acc.worksheet), with_members=with_members)
    return _download(acc.worksheet, content, "application/pdf", "pdf")


@private
@require_GET
def export_csv(request, key):
    acc = access_for(request, key)
    content = exports.answers_csv(build_result(acc.worksheet))
    return _download(acc.worksheet, content, "text/csv; charset=utf-8", "csv")


@private
@require_GET
def export_xlsx(request, key):
    acc = access_for(request, key)
    content = exports.answers_xlsx(build_result(acc.worksheet))
    return _download(acc.worksheet, content, exports.XLSX_TYPE, "xlsx")


# --- The chair's page ----------------------------------------------------------------------------


@private
@require_GET
def manage(request, key):
    acc = access_for(request, key, chair=True)
    links = request.session.get(NEW_LINKS_KEY, {})
    fresh = links.pop(key, None)
    if fresh is not None:
        request.session[NEW_LINKS_KEY] = links
    participants = list(acc.worksheet.participants.all())
    return render(
        request,
        "reflections/manage.html",
        _context(acc, request, fresh=fresh or {}, participants=participants),
    )


@private
@require_POST
def rotate(request, key):
    acc = access_for(request, key, chair=True)
    which = request.POST.get("link")
    if which == "member":
        token = services.rotate_member_link(acc.worksheet)
        _show_links_once(request, acc.worksheet, member=token)
        messages.success(
            request,
            _("Der er lavet et nyt medlemslink. Det gamle virker ikke længere – del det nye."),
        )
    elif which == "chair":
        token = services.rotate_chair_link(acc.worksheet)
        access.grant(request, acc.worksheet, chair=True)
        _show_links_once(request, acc.worksheet, chair=token)
        messages.success(
            request, _("Der er lavet et nyt formandslink. Det gamle virker ikke længere.")
        )
    else:
        raise Http404
    return redirect("reflections:manage", key)


@private
@require_POST
def set_status(request, key):
    acc = access_for(request, key, chair=True)
    done = request.POST.get("done") == "1"
    services.mark_done(acc.worksheet, done)
    if done:
        messages.success(request, _("Arbejdsarket er markeret som færdigt."))
        return redirect("reflections:result", key)
    messages.success(request, _("Arbejdsarket er genåbnet, og svarene kan rettes igen."))
    return redirect("reflections:worksheet", key)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, key):
    acc = access_for(request, key, chair=True)
    if request.method == "POST":
        title = acc.worksheet.title
        services.delete_worksheet(acc.worksheet)
        access.forget(request, key)
        messages.success(
            request,
            _("“%(title)s” og alle svar er slettet for altid.") % {"title": title},
        )
        return redirect("reflections:index")
    counts = {
        "participants": acc.worksheet.participants.count(),
        "answers": acc.worksheet.answers.count(),
    }
    return render(request, "reflections/delete.html", _context(acc, request, counts=counts))
