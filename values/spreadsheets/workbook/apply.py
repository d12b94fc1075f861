"""Writing a checked workbook to the database, and the report the preview and the import show.

A new framework is created as a draft. Uploading an edited workbook again updates the framework
it names (by its slug, or the slug of its title) among its publisher's own frameworks instead of
creating a second one – never another publisher's framework (values.owners): themes are
matched by slug; items and questions by their text within their theme, then by their order.
Rows that are gone from the workbook are not deleted, only reported. A preview is the same
import run inside a transaction that is rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...models import Framework, Item, Publisher, ReflectionQuestion, Status, Theme, unique_slug
from ...owners import is_national, publishers_of
from ...search import index as search_index
from ..approval import NEEDS_APPROVAL
from .check import ImportPlan, plan_import
from .read import SheetProblem, WorkbookInvalid, read_sheets
from .schema import FRAMEWORK_SHEET, ITEMS_SHEET, QUESTIONS_SHEET, SHEET_COLUMNS, THEMES_SHEET


@dataclass
class RowChange:
    sheet: str
    row: int
    action: str  # "new", "update" or "same"
    label: str

    @property
    def action_label(self) -> str:
        return {"new": _("Ny"), "update": _("Ændres"), "same": _("Uændret")}[self.action]


@dataclass
class WorkbookReport:
    """What importing a workbook does (in the preview) or did: problems, or every row's change."""

    errors: list[SheetProblem] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    framework: Framework | None = None
    framework_is_new: bool = False
    framework_title: str = ""
    framework_status: str = ""
    outline: list[dict] = field(default_factory=list)
    left_alone: dict[str, int] = field(default_factory=dict)
    #: what the preview should say besides the changes (columns the workbook does not know)
    notes: list[SheetProblem] = field(default_factory=list)
    #: the framework is published, so confirming puts the changes on the public pages at once
    goes_live: bool = False

    def count(self, sheet: str, action: str) -> int:
        return sum(1 for c in self.changes if c.sheet == sheet and c.action == action)

    @property
    def summary(self) -> list[dict]:
        return [
            {
                "sheet": sheet,
                "new": self.count(sheet, "new"),
                "update": self.count(sheet, "update"),
                "same": self.count(sheet, "same"),
                "left_alone": self.left_alone.get(sheet, 0),
            }
            for sheet in SHEET_COLUMNS
        ]

    @property
    def changed_rows(self) -> list[RowChange]:
        return [c for c in self.changes if c.action != "same"]

    def record(self, sheet: str, row: int, new: bool, changed: bool, label: str) -> None:
        action = "new" if new else ("update" if changed else "same")
        self.changes.append(RowChange(sheet, row, action, label))


class _DryRun(Exception):
    pass


def import_workbook(
    data: bytes, user=None, dry_run: bool = True, file_name: str = ""
) -> WorkbookReport:
    """Check and import a workbook; with dry_run (the preview) nothing is kept."""
    report = WorkbookReport()
    try:
        plan = plan_import(read_sheets(data, report.notes))
        check_publisher(plan, user)
    except WorkbookInvalid as invalid:
        report.errors = invalid.problems
        return report
    try:
        # The search index is written after the commit; a preview writes none.
        with search_index.deferred(keep=not dry_run), transaction.atomic():
            if dry_run:
                apply_plan(plan, report)
                refuse_unapproved(report)
                raise _DryRun
            with reversion.create_revision():
                if user is not None:
                    reversion.set_user(user)
                reversion.set_comment(
                    _("Importeret fra regnearket %(name)s.") % {"name": file_name}
                    if file_name
                    else _("Importeret fra regneark.")
                )
                apply_plan(plan, report)
                refuse_unapproved(report)
    except _DryRun:
        pass
    except ValidationError as error:
        # A database rule the checks did not foresee: report it, keep nothing.
        report.errors = [SheetProblem("", None, message) for message in error.messages]
        report.changes = []
        report.outline = []
    return report


def refuse_unapproved(report: WorkbookReport) -> None:
    """A published framework whose publisher requires approval is not changed by a workbook:
    an import has no second editor (values.spreadsheets.approval)."""
    changed = any(change.action != "same" for change in report.changes)
    if report.goes_live and changed and report.framework.publisher.publish_needs_approval:
        raise ValidationError(str(NEEDS_APPROVAL), code="needs_approval")


def check_publisher(plan: ImportPlan, user) -> None:
    """An editor imports only for a publisher they edit (values.owners); None: the operator."""
    if user is None or is_national(user):
        return
    name = plan.framework["publisher"]
    if publishers_of(user).filter(name__iexact=name).exists():
        return
    own = ", ".join(publishers_of(user).values_list("name", flat=True)) or "–"
    message = _(
        "I er ikke redaktør for udgiveren «%(name)s». I kan kun importere rammer for de "
        "udgivere, I er redaktør for: %(own)s."
    ) % {"name": name, "own": own}
    raise WorkbookInvalid([SheetProblem(FRAMEWORK_SHEET, plan.framework["row"], message)])


def apply_plan(plan: ImportPlan, report: WorkbookReport) -> None:
    framework, is_new = apply_framework(plan.framework, report)
    themes = apply_themes(plan, framework, is_new, report)
    items = apply_items(plan, themes, report)
    apply_questions(plan, themes, items, report)
    report.changes.sort(key=lambda c: (list(SHEET_COLUMNS).index(c.sheet), c.row))
    # What the framework will look like, as plain text (the preview is rolled back).
    report.outline = [
        {
            "title": str(theme),
            "items": [str(i) for i in theme.items.order_by("position", "pk")],
            "questions": [str(q) for q in theme.questions.order_by("position", "pk")],
        }
        for theme in framework.themes.order_by("position", "pk")
    ]


# Matching rows with what is stored ----------------------------------------------------------------


def assign(obj, values: dict) -> bool:
    """Set the attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def set_concepts(obj, pks: list[int]) -> bool:
    current = set(obj.concepts.values_list("pk", flat=True))
    if current == set(pks):
        return False
    obj.concepts.set(pks)
    return True


def positions_in_order(matched: list) -> list[int]:
    """Positions for rows in workbook order: keep an existing position while the order holds."""
    result, last = [], 0
    for obj in matched:
        if obj is not None and obj.pk and obj.position > last:
            last = obj.position
        else:
            last += 10
        result.append(last)
    return result


def match_rows(rows: list[dict], existing: list, same) -> list:
    """Pair workbook rows with existing objects: first identical ones, then by order."""
    pool = list(existing)
    matched: list = [None] * len(rows)
    for i, row in enumerate(rows):
        for obj in pool:
            if same(row, obj):
                matched[i] = obj
                pool.remove(obj)
                break
    for i in range(len(rows)):
        if matched[i] is None and pool:
            matched[i] = pool.pop(0)
    return matched


def _save(obj, values: dict, concepts: list[int], exclude: list[str]) -> tuple[bool, bool]:
    """Assign `values`, save if anything differs; (new, changed)."""
    new = obj.pk is None
    changed = assign(obj, values)
    if new or changed:
        obj.full_clean(exclude=exclude)
        obj.save()
    changed = set_concepts(obj, concepts) or changed
    return new, changed


# One sheet at a time ------------------------------------------------------------------------------


def apply_framework(data: dict, report: WorkbookReport) -> tuple[Framework, bool]:
    publisher = Publisher.objects.filter(name__iexact=data["publisher"]).first()
    if publisher is None:
        publisher = Publisher.objects.create(name=data["publisher"], kind=data["publisher_kind"])
    # Only the publisher's own framework is updated; another publisher's framework with the
    # same title or short name is never touched, and the new one gets an address of its own.
    framework = Framework.objects.filter(slug=data["slug"], publisher=publisher).first()
    is_new = framework is None
    if is_new:
        framework = Framework(slug=data["slug"], status=Status.DRAFT)
        framework.slug = unique_slug(framework, data["slug"])
        last = Framework.objects.order_by("-position").values_list("position", flat=True).first()
        framework.position = (last or 0) + 10
    changed = assign(
        framework,
        {
            "title": data["title"],
            "publisher_id": publisher.pk,
            "year": data["year"],
            "document_kind": data["document_kind"],
            "theme_label": data["theme_label"],
            "source": data["source"],
            "source_url": data["source_url"],
            "introduction": data["introduction"],
            "references": data["references"],
        },
    )
    if is_new or changed:
        framework.full_clean()
        framework.save()
    report.framework = framework
    report.framework_is_new = is_new
    report.framework_title = framework.title
    report.framework_status = framework.get_status_display()
    report.goes_live = not is_new and framework.status == Status.PUBLISHED
    report.record(FRAMEWORK_SHEET, data["row"], is_new, changed, framework.title)
    return framework, is_new


def apply_themes(
    plan: ImportPlan, framework: Framework, is_new: bool, report: WorkbookReport
) -> dict[int, Theme]:
    """Themes by slug; returns each theme row's object, keyed by the row's id()."""
    existing = {t.slug: t for t in framework.themes.all()} if not is_new else {}
    matched = [existing.get(t["slug"]) for t in plan.themes]
    objects: dict[int, Theme] = {}
    for row, obj, position in zip(plan.themes, matched, positions_in_order(matched), strict=True):
        obj = obj or Theme(framework=framework, slug=row["slug"])
        values = {
            "number": row["number"],
            "title": row["title"],
            "lead": row["lead"],
            "body": row["body"],
            "position": position,
        }
        new, changed = _save(obj, values, row["concepts"], exclude=["framework"])
        objects[id(row)] = obj
        report.record(THEMES_SHEET, row["row"], new, changed, str(obj))
    report.left_alone[THEMES_SHEET] = len(set(existing) - {t["slug"] for t in plan.themes})
    return objects


def apply_items(
    plan: ImportPlan, themes: dict[int, Theme], report: WorkbookReport
) -> dict[int, Item]:
    """Items theme by theme; parents are set once every item of the workbook exists."""
    objects: dict[int, Item] = {}
    records: list[tuple[dict, Item, bool, bool]] = []
    left_alone = 0
    for theme_row in plan.themes:
        theme = themes[id(theme_row)]
        rows = [i for i in plan.items if i["theme"] is theme_row]
        existing = list(theme.items.order_by("position", "pk")) if theme.pk else []
        matched = match_rows(
            rows,
            existing,
            lambda r, o: (r["kind"], r["title"], r["text"]) == (o.kind, o.title, o.text),
        )
        left_alone += len(existing) - sum(1 for m in matched if m is not None)
        for row, obj, position in zip(rows, matched, positions_in_order(matched), strict=True):
            obj = obj or Item(theme=theme)
            values = {
                name: row[name]
                for name in ("kind", "group", "responsibility", "title", "place", "text")
            }
            values["position"] = position
            new, changed = _save(obj, values, row["concepts"], exclude=["theme", "parent"])
            objects[id(row)] = obj
            records.append((row, obj, new, changed))
    for row, obj, new, changed in records:
        parent = objects[id(row["parent"])] if row["parent"] else None
        if obj.parent_id != (parent.pk if parent else None):
            obj.parent = parent
            obj.save(update_fields=["parent", "updated_at"])
            changed = True
        report.record(ITEMS_SHEET, row["row"], new, changed, str(obj))
    report.left_alone[ITEMS_SHEET] = left_alone
    return objects


def apply_questions(
    plan: ImportPlan, themes: dict[int, Theme], items: dict[int, Item], report: WorkbookReport
) -> None:
    left_alone = 0
    for theme_row in plan.themes:
        theme = themes[id(theme_row)]
        rows = [q for q in plan.questions if q["theme"] is theme_row]
        existing = list(theme.questions.order_by("position", "pk")) if theme.pk else []
        matched = match_rows(rows, existing, lambda r, o: r["text"] == o.text)
        left_alone += len(existing) - sum(1 for m in matched if m is not None)
        for row, obj, position in zip(rows, matched, positions_in_order(matched), strict=True):
            obj = obj or ReflectionQuestion(theme=theme)
            item = items[id(row["item"])] if row["item"] else None
            values = {
                "item_id": item.pk if item else None,
                "group": row["group"],
                "text": row["text"],
                "position": position,
            }
            new, changed = _save(obj, values, row["concepts"], exclude=["theme", "item"])
            report.record(QUESTIONS_SHEET, row["row"], new, changed, str(obj))
    report.left_alone[QUESTIONS_SHEET] = left_alone
