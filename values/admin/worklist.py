"""What an editor has to do, for the overview (portal.dashboard): their drafts, content that
needs attention, and what changed since they last looked – each only for the publishers they
edit (values.owners), in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from reversion.models import Revision, Version

from ..bases import Status
from ..models import (
    DraftChange,
    Framework,
    Item,
    Publisher,
    ReflectionQuestion,
    Theme,
    publish_due,
)
from ..owners import is_national

#: how many rows each list shows; the rest are counted
SHOWN = 10
CHANGE_SETS = 15
OWNED_MODELS = (Publisher, Framework, Theme, Item, ReflectionQuestion)


def drafts(user) -> dict:
    """Draft changes waiting, and frameworks and themes that are drafts. Scheduled draft
    changes whose time has come are published first, so none is shown as waiting."""
    publish_due()
    changes = (
        DraftChange.objects.pending()
        .editable_by(user)
        .select_related("content_type", "author")
        .order_by("-updated_at")
    )
    frameworks = Framework.objects.editable_by(user).filter(status=Status.DRAFT)
    themes = (
        Theme.objects.editable_by(user)
        .filter(status=Status.DRAFT, framework__status=Status.PUBLISHED)
        .select_related("framework")
    )
    return {
        "draft_changes": list(changes[:SHOWN]),
        "draft_frameworks": list(frameworks.order_by("title")[:SHOWN]),
        "draft_themes": list(themes.order_by("framework__title", "position")[:SHOWN]),
    }


def needs_attention(user) -> list[dict]:
    """Lists of content an editor should look at, each with its first rows and its count."""
    items = Item.objects.editable_by(user).select_related("theme")
    themes = Theme.objects.editable_by(user).select_related("framework")
    checks = [
        ("items_without_concepts", items.filter(concepts__isnull=True), "item"),
        ("themes_without_lead", themes.filter(lead=""), "theme"),
        ("empty_items", items.filter(text="", title=""), "item"),
        ("empty_themes", themes.filter(body="", lead=""), "theme"),
    ]
    found = []
    for key, rows, model_name in checks:
        rows = rows.order_by("pk")
        shown = list(rows[: SHOWN + 1])
        if not shown:
            continue
        found.append(
            {
                "key": key,
                "rows": [
                    (str(row), reverse(f"admin:values_{model_name}_change", args=[row.pk]))
                    for row in shown[:SHOWN]
                ],
                "more": len(shown) > SHOWN,
            }
        )
    return found


def change_sets(user) -> list[dict]:
    """One line per revision (an edit, an import, a bulk action), newest first, showing only
    revisions that touched the user's own publishers' content."""
    revisions = Revision.objects.select_related("user").order_by("-date_created", "-pk")
    revisions = list(
        revisions.prefetch_related(
            Prefetch("version_set", queryset=Version.objects.select_related("content_type"))
        )[: CHANGE_SETS * 3]
    )
    own = _own_versions(user, [v for r in revisions for v in r.version_set.all()])
    lines = []
    for revision in revisions:
        versions = [v for v in revision.version_set.all() if v.pk in own]
        if not versions:
            continue
        first = versions[0]
        lines.append(
            {
                "when": revision.date_created,
                "who": revision.user.get_username() if revision.user else "",
                "comment": revision.get_comment(),
                "what": first.object_repr,
                "kind": first.content_type.name,
                "url": reverse(
                    f"admin:values_{first.content_type.model}_change", args=[first.object_id]
                ),
                "others": len(versions) - 1,
            }
        )
        if len(lines) == CHANGE_SETS:
            break
    return lines


def _own_versions(user, versions: list[Version]) -> set[int]:
    """The ids of the versions whose objects exist and belong to the user's publishers."""
    types = {ContentType.objects.get_for_model(model).pk: model for model in OWNED_MODELS}
    wanted: dict[type, set[str]] = defaultdict(set)
    for version in versions:
        model = types.get(version.content_type_id)
        if model is not None:
            wanted[model].add(version.object_id)
    existing: dict[type, set[str]] = {}
    for model, ids in wanted.items():
        rows = model.objects.filter(pk__in=[i for i in ids if i.isdigit()])
        if not is_national(user):
            rows = rows.editable_by(user)
        existing[model] = {str(pk) for pk in rows.values_list("pk", flat=True)}
    return {
        version.pk
        for version in versions
        if version.object_id in existing.get(types.get(version.content_type_id), ())
    }
