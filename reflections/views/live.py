"""What changed on a section page while it is open: the others' answers, the agreed answer and
the visitor's own answer from another device, polled every few seconds by the page's script.

Each reply carries an ETag for the section's answers as this visitor may see them; a poll that
sends it back in If-None-Match gets an empty 304 for an unchanged section, after one small query.
"""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from ..access import Access, access_for, private
from ..blocks import QuestionBlock, section_blocks
from ..models import Answer, WorksheetSection
from ..results import digest


def _etag(acc: Access, section_id: int) -> str:
    """Changes whenever an answer in the section is saved, added or removed, or the rules change.

    Every save of an answer bumps its version and its time, a removal lowers the count. Scoped
    to the visitor's worksheet, so another worksheet's section id only ever matches nothing.
    """
    answers = Answer.objects.filter(worksheet_id=acc.worksheet.pk, question__section_id=section_id)
    state = answers.aggregate(count=Count("pk"), versions=Sum("version"), latest=Max("updated_at"))
    ws = acc.worksheet
    parts = (
        state["count"],
        state["versions"],
        state["latest"].isoformat() if state["latest"] else "",
        acc.participant_id,
        acc.role,
        ws.agreed_by,
        ws.others_visible,
        ws.anonymous,
        ws.done_at.isoformat() if ws.done_at else "",
    )
    return '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:32] + '"'


def _answer(answer: Answer | None) -> dict | None:
    if answer is None:
        return None
    return {
        "text": answer.text,
        "rating": answer.rating,
        "evidence": answer.evidence,
        "version": answer.version,
        "updated_by": answer.updated_by,
        "digest": digest(answer.text, answer.rating, answer.evidence),
    }


def _question(request: HttpRequest, acc: Access, block: QuestionBlock) -> dict:
    context = {"block": block, "worksheet": acc.worksheet}
    data = {
        "others_html": render_to_string(
            "reflections/includes/others_answers.html", context, request=request
        ),
        "own": _answer(block.own),
        "agreed": _answer(block.agreed),
    }
    if block.agreed_form is None and not block.question.is_next_steps:
        data["agreed_html"] = render_to_string(
            "reflections/includes/agreed_readonly.html", {"q": block.result}, request=request
        )
    return data


@private
@require_GET
def section_live(request: HttpRequest, key: str, section_id: int) -> HttpResponse:
    acc = access_for(request, key)
    if acc.participant_id is None:
        return JsonResponse({"status": "no_name"}, status=403)
    etag = _etag(acc, section_id)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    section = get_object_or_404(WorksheetSection, pk=section_id, worksheet_id=acc.worksheet.pk)
    section.worksheet = acc.worksheet
    blocks = section_blocks(acc, section)
    response = JsonResponse(
        {
            "done": acc.worksheet.is_done,
            "questions": {str(b.question.pk): _question(request, acc, b) for b in blocks},
        }
    )
    response["ETag"] = etag
    return response
