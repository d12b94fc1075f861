"""The staff overview at /admin/oversigt/: what the editor has to do (drafts, content that needs
attention, changes since their last visit – values.admin.worklist), content per framework and
kind, and how boards use the worksheets – counted only, never a board's answers or names.
Content is shown only for the publishers the user edits (values.owners).
"""

from __future__ import annotations

from datetime import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from reflections.models import Worksheet, WorksheetQuestion, WorksheetTemplate
from values.admin import worklist
from values.models import Framework, Item, ReflectionQuestion, Status, Theme

from .models import DashboardVisit

TOP_QUESTIONS = 10


def bars(rows: list[dict], *keys: str) -> list[dict]:
    """Add a percentage of the largest figure for each key, for the bar charts."""
    largest = max((row[key] for row in rows for key in keys), default=0) or 1
    for row in rows:
        for key in keys:
            row[f"{key}_pct"] = round(100 * row[key] / largest, 1)
    return rows


def content_figures(user) -> dict:
    frameworks = list(
        Framework.objects.editable_by(user)
        .select_related("publisher")
        .annotate(
            theme_total=Count("themes", distinct=True),
            draft_themes=Count("themes", filter=Q(themes__status=Status.DRAFT), distinct=True),
        )
        .order_by("position", "title")
    )
    own_items = Item.objects.editable_by(user)
    own_themes = Theme.objects.editable_by(user)
    items = {
        row["theme__framework"]: row["n"]
        for row in own_items.values("theme__framework").annotate(n=Count("id")).order_by()
    }
    questions = {
        row["theme__framework"]: row["n"]
        for row in ReflectionQuestion.objects.editable_by(user)
        .values("theme__framework")
        .annotate(n=Count("id"))
        .order_by()
    }
    kinds_by_framework: dict[int, list[tuple[str, int]]] = {}
    labels = dict(Item.Kind.choices)
    for row in own_items.values("theme__framework", "kind").annotate(n=Count("id")).order_by("-n"):
        kinds_by_framework.setdefault(row["theme__framework"], []).append(
            (str(labels.get(row["kind"], row["kind"])), row["n"])
        )
    per_framework = bars(
        [
            {
                "framework": f,
                "themes": f.theme_total,
                "draft_themes": f.draft_themes,
                "items": items.get(f.pk, 0),
                "questions": questions.get(f.pk, 0),
                "kinds": kinds_by_framework.get(f.pk, []),
            }
            for f in frameworks
        ],
        "items",
        "questions",
    )
    per_kind = bars(
        [
            {"label": str(labels.get(row["kind"], row["kind"])), "count": row["n"]}
            for row in own_items.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
        ],
        "count",
    )
    status = {
        "frameworks_published": sum(1 for f in frameworks if f.status == Status.PUBLISHED),
        "frameworks_draft": sum(1 for f in frameworks if f.status == Status.DRAFT),
        "themes_published": own_themes.published().count(),
        "themes_hidden": own_themes.count() - own_themes.published().count(),
    }
    return {"per_framework": per_framework, "per_kind": per_kind, "status": status}


def last_visit(user) -> datetime | None:
    """When `user` last opened the overview (None the first time); this visit is remembered."""
    visit = DashboardVisit.objects.filter(user=user).first()
    if visit is None:
        DashboardVisit.objects.create(user=user, seen_at=timezone.now())
        return None
    DashboardVisit.objects.filter(pk=visit.pk).update(seen_at=timezone.now())
    return visit.seen_at


def worksheet_figures() -> dict:
    """Counts only: how many worksheets per template, how many done, which questions are used."""
    templates = [
        {"label": t.title, "created": t.created, "done": t.done}
        for t in WorksheetTemplate.objects.annotate(
            created=Count("worksheets", distinct=True),
            done=Count("worksheets", filter=Q(worksheets__done_at__isnull=False), distinct=True),
        ).order_by("-created", "position", "title")
    ]
    own = Worksheet.objects.filter(template__isnull=True).aggregate(
        created=Count("id"), done=Count("id", filter=Q(done_at__isnull=False))
    )
    if own["created"]:
        templates.append({"label": _("Egen sammensætning"), **own})
    used_questions = bars(
        [
            {"label": row["source_question__text"], "count": row["n"]}
            for row in WorksheetQuestion.objects.filter(source_question__isnull=False)
            .values("source_question", "source_question__text")
            .annotate(n=Count("worksheet", distinct=True))
            .order_by("-n", "source_question")[:TOP_QUESTIONS]
        ],
        "count",
    )
    used_items = bars(
        [
            {"label": row["source_item__title"] or row["source_item__text"], "count": row["n"]}
            for row in WorksheetQuestion.objects.filter(source_item__isnull=False)
            .values("source_item", "source_item__title", "source_item__text")
            .annotate(n=Count("worksheet", distinct=True))
            .order_by("-n", "source_item")[:TOP_QUESTIONS]
        ],
        "count",
    )
    return {
        "templates": bars(templates, "created", "done"),
        "worksheets_total": sum(t["created"] for t in templates),
        "worksheets_done": sum(t["done"] for t in templates),
        "used_questions": used_questions,
        "used_items": used_items,
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("values.view_framework"):
        raise PermissionDenied
    since = last_visit(request.user)
    recent = worklist.change_sets(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Oversigt"),
        **worklist.drafts(request.user),
        "attention": worklist.needs_attention(request.user),
        "since": since,
        "recent": recent,
        "new_since_last_visit": sum(1 for line in recent if since and line["when"] > since),
        **content_figures(request.user),
        **worksheet_figures(),
    }
    return TemplateResponse(request, "admin/dashboard.html", context)


dashboard_view = admin.site.admin_view(dashboard)
