"""The staff overview at /admin/oversigt/: content per framework and kind, drafts, recent changes,
and how boards use the worksheets – counted only, never a board's answers or names.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from reversion.models import Version

from reflections.models import Worksheet, WorksheetQuestion, WorksheetTemplate
from values.models import Framework, Item, ReflectionQuestion, Status, Theme

TOP_QUESTIONS = 10
RECENT_CHANGES = 12


def bars(rows: list[dict], *keys: str) -> list[dict]:
    """Add a percentage of the largest figure for each key, for the bar charts."""
    largest = max((row[key] for row in rows for key in keys), default=0) or 1
    for row in rows:
        for key in keys:
            row[f"{key}_pct"] = round(100 * row[key] / largest, 1)
    return rows


def content_figures() -> dict:
    frameworks = list(
        Framework.objects.select_related("publisher")
        .annotate(
            theme_total=Count("themes", distinct=True),
            draft_themes=Count("themes", filter=Q(themes__status=Status.DRAFT), distinct=True),
        )
        .order_by("position", "title")
    )
    items = {
        row["theme__framework"]: row["n"]
        for row in Item.objects.values("theme__framework").annotate(n=Count("id")).order_by()
    }
    questions = {
        row["theme__framework"]: row["n"]
        for row in ReflectionQuestion.objects.values("theme__framework")
        .annotate(n=Count("id"))
        .order_by()
    }
    kinds_by_framework: dict[int, list[tuple[str, int]]] = {}
    labels = dict(Item.Kind.choices)
    for row in (
        Item.objects.values("theme__framework", "kind").annotate(n=Count("id")).order_by("-n")
    ):
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
            for row in Item.objects.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
        ],
        "count",
    )
    status = {
        "frameworks_published": sum(1 for f in frameworks if f.status == Status.PUBLISHED),
        "frameworks_draft": sum(1 for f in frameworks if f.status == Status.DRAFT),
        "themes_published": Theme.objects.published().count(),
        "themes_hidden": Theme.objects.count() - Theme.objects.published().count(),
    }
    return {"per_framework": per_framework, "per_kind": per_kind, "status": status}


def recent_changes() -> list[dict]:
    versions = Version.objects.select_related("revision__user", "content_type").order_by(
        "-revision__date_created", "-pk"
    )[:RECENT_CHANGES]
    changes = []
    for version in versions:
        content_type: ContentType = version.content_type
        try:
            url = reverse(
                f"admin:{content_type.app_label}_{content_type.model}_change",
                args=[version.object_id],
            )
        except NoReverseMatch:
            url = ""
        changes.append(
            {
                "when": version.revision.date_created,
                "who": version.revision.user.get_username() if version.revision.user else "",
                "what": version.object_repr,
                "kind": content_type.name,
                "comment": version.revision.get_comment(),
                "url": url,
            }
        )
    return changes


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
    context = {
        **admin.site.each_context(request),
        "title": _("Oversigt"),
        **content_figures(),
        "recent": recent_changes(),
        **worksheet_figures(),
    }
    return TemplateResponse(request, "admin/dashboard.html", context)


dashboard_view = admin.site.admin_view(dashboard)
