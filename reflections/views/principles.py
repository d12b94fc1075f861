"""The principle workbench: starting a principle, the draft with its sections and lines beside
the worksheet it builds on, and who writes."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import evaluation
from ..access import SpaceAccess, private, space_access_for
from ..models import STUDENTS_SECTION, Principle, PrincipleLine, PrincipleSection
from ..principles import drafting
from ..principles.access import may_write, principle_for, writer_for
from ..principles.approval import draft_sections
from ..principles.forms import (
    ApproveForm,
    NewLineForm,
    SectionForm,
    StartPrincipleForm,
    WritersForm,
)
from ..principles.sources import sources_for


@private
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, key: str) -> HttpResponse:
    acc = space_access_for(request, key, chair=True)
    worksheets = list(acc.space.worksheets.only("pk", "title").order_by("-created_at"))
    # "?ark=<id>" from a worksheet's page: start from that worksheet.
    initial = {"worksheet": request.GET.get("ark", "")}
    form = StartPrincipleForm(request.POST or None, initial=initial, worksheets=worksheets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next((ws for ws in worksheets if ws.pk == data["worksheet"]), None)
        principle = drafting.start_principle(
            acc.space, title=data["title"], area=data["area"], worksheet=chosen
        )
        messages.success(request, _("Udkastet er oprettet. Skriv videre i afsnittene."))
        return redirect("reflections:principle", key, principle.pk)
    status = 400 if form.is_bound else 200
    context = {"space": acc.space, "form": form}
    return render(request, "reflections/principles/start.html", context, status=status)


def _lines_with_open_comments():
    open_comments = Count("comments", filter=Q(comments__resolved_at__isnull=True))
    return PrincipleLine.objects.annotate(open_comments=open_comments)


def workbench_page(
    request: HttpRequest, acc: SpaceAccess, principle: Principle, status: int = 200, **bad
) -> HttpResponse:
    """The draft, the worksheet beside it, and one form per action. `bad` holds a form sent
    with errors, shown in place of its empty twin so nothing written is lost."""
    sections = draft_sections(principle, _lines_with_open_comments())
    evaluated = evaluation.beside_lines(principle)
    groups = evaluation.groups_beside_lines(principle)
    versions = list(principle.versions.only("pk", "principle_id", "number", "review_by"))
    for section in sections:
        for line in section.lines.all():
            line.evaluated = evaluated.get(line.pk)
            line.groups = groups.get(line.pk, [])
        section.rename_form = bad.get(f"rename{section.pk}") or SectionForm(
            prefix=f"s{section.pk}", initial={"title": section.title}
        )
        section.line_form = bad.get(f"line{section.pk}") or NewLineForm(prefix=f"l{section.pk}")
    context = {
        "space": acc.space,
        "principle": principle,
        "sections": sections,
        "writer": may_write(acc, principle),
        "is_chair": acc.is_chair,
        "sources": sources_for(principle.worksheet),
        "section_form": bad.get("section") or SectionForm(prefix="new"),
        # The optional section of the usual shape, offered until the board has one.
        "students_section": ""
        if any(s.title == STUDENTS_SECTION for s in sections)
        else STUDENTS_SECTION,
        "writers_form": WritersForm(initial={"writers": principle.writers}, prefix="writers"),
        "approve_form": bad.get("approve") or ApproveForm(prefix="approve"),
        # Numbers and dates only: the versions' content is not needed here.
        "version_count": len(versions),
        "latest_version": versions[0] if versions else None,
        "review_due": bool(versions) and evaluation.review_due(versions[0].review_by),
        # For the page's error summary (portal/templatetags/page_errors.py).
        "bad_form": next(iter(bad.values()), None),
    }
    return render(request, "reflections/principles/workbench.html", context, status=status)


@private
@require_GET
def workbench(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    acc, principle = principle_for(request, key, principle_id)
    return workbench_page(request, acc, principle)


@private
@require_POST
def add_section(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    acc, principle = writer_for(request, key, principle_id)
    form = SectionForm(request.POST, prefix="new")
    if not form.is_valid():
        return workbench_page(request, acc, principle, 400, section=form)
    section = drafting.add_section(principle, form.cleaned_data["title"])
    messages.success(request, _("Afsnittet “%(title)s” er tilføjet.") % {"title": section.title})
    return redirect(f"{principle.get_absolute_url()}#afsnit-{section.pk}")


@private
@require_POST
def change_section(request: HttpRequest, key: str, principle_id: int, section_id: int):
    """Rename, move up or down, or delete an empty section."""
    acc, principle = writer_for(request, key, principle_id)
    section = get_object_or_404(PrincipleSection, pk=section_id, principle=principle)
    back = f"{principle.get_absolute_url()}#afsnit-{section.pk}"
    action = request.POST.get("action")
    if action in ("up", "down"):
        drafting.move(section, principle.sections.all(), -1 if action == "up" else 1)
        return redirect(back)
    if action == "delete":
        if section.lines.exists():
            messages.error(
                request, _("Flyt eller slet afsnittets linjer, før I sletter afsnittet.")
            )
            return redirect(back)
        section.delete()
        messages.success(request, _("Afsnittet er slettet."))
        return redirect(principle.get_absolute_url())
    form = SectionForm(request.POST, prefix=f"s{section.pk}")
    if not form.is_valid():
        return workbench_page(request, acc, principle, 400, **{f"rename{section.pk}": form})
    section.title = form.cleaned_data["title"]
    section.save(update_fields=["title"])
    messages.success(request, _("Overskriften er gemt."))
    return redirect(back)


@private
@require_POST
def add_line(request: HttpRequest, key: str, principle_id: int, section_id: int):
    acc, principle = writer_for(request, key, principle_id)
    section = get_object_or_404(PrincipleSection, pk=section_id, principle=principle)
    form = NewLineForm(request.POST, prefix=f"l{section.pk}")
    if not form.is_valid():
        return workbench_page(request, acc, principle, 400, **{f"line{section.pk}": form})
    line = drafting.add_line(section, form.cleaned_data["text"], form.cleaned_data["kind"])
    messages.success(request, _("Linjen er tilføjet."))
    return redirect(f"{principle.get_absolute_url()}#linje-{line.pk}")


@private
@require_POST
def set_writers(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    """The chair decides whether everyone on the board writes the draft."""
    acc, principle = principle_for(request, key, principle_id, chair=True)
    form = WritersForm(request.POST, prefix="writers")
    if form.is_valid():
        principle.writers = form.cleaned_data["writers"]
        principle.save(update_fields=["writers", "updated_at"])
        messages.success(request, _("Indstillingen er gemt."))
    return redirect(principle.get_absolute_url())


@private
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    """The chair deletes a principle with every version, and its public page with it."""
    acc, principle = principle_for(request, key, principle_id, chair=True)
    if request.method == "POST":
        title = principle.title
        principle.delete()
        messages.success(request, _("“%(title)s” er slettet for altid.") % {"title": title})
        return redirect(acc.space.get_absolute_url())
    context = {"space": acc.space, "principle": principle}
    return render(request, "reflections/principles/delete.html", context)
