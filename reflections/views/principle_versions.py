"""Approving a principle, its approved versions and the difference between two of them, and
publishing one version (or taking it offline)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..access import private
from ..models import PrincipleLine, PrincipleVersion
from ..principles import approval
from ..principles.access import principle_for, writer_for
from ..principles.diff import version_diff
from ..principles.forms import ApproveForm
from ..principles.published import embed_html
from .principles import workbench_page


@private
@require_POST
def approve(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    acc, principle = writer_for(request, key, principle_id)
    form = ApproveForm(request.POST, prefix="approve")
    if form.is_valid() and not PrincipleLine.objects.filter(section__principle=principle).exists():
        form.add_error(None, _("Skriv mindst én linje i udkastet, før I godkender det."))
    if not form.is_valid():
        return workbench_page(request, acc, principle, 400, approve=form)
    version = approval.approve(principle, **form.cleaned_data)
    messages.success(
        request,
        _("Version %(number)d er godkendt den %(date)s og gemt uændret.")
        % {"number": version.number, "date": formats.date_format(version.approved_on)},
    )
    return redirect("reflections:principle_versions", key, principle.pk)


def _chosen(versions: list[PrincipleVersion], value: str | None, default):
    return next((v for v in versions if str(v.number) == value), default)


@private
@require_GET
def versions(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    """Every approved version; the difference between two (?fra=1&til=2, newest two by default)."""
    acc, principle = principle_for(request, key, principle_id)
    found = list(principle.versions.all())
    newer = _chosen(found, request.GET.get("til"), found[0] if found else None)
    older = _chosen(found, request.GET.get("fra"), found[1] if len(found) > 1 else None)
    diff = version_diff(older.content, newer.content) if older and newer else []
    published = principle.published_version
    context = {
        "space": acc.space,
        "principle": principle,
        "is_chair": acc.is_chair,
        "versions": found,
        "older": older,
        "newer": newer,
        "diff": diff,
        "public_url": request.build_absolute_uri(principle.public_url()) if published else "",
        "embed": embed_html(principle, published, request) if published else "",
    }
    return render(request, "reflections/principles/versions.html", context)


@private
@require_POST
def publish(request: HttpRequest, key: str, principle_id: int) -> HttpResponse:
    """Publish an approved version, or take the principle offline (chair and co-chair)."""
    _acc, principle = principle_for(request, key, principle_id, chair=True)
    if request.POST.get("action") == "unpublish":
        approval.unpublish(principle)
        messages.success(
            request, _("Princippet er taget offline. Den offentlige adresse virker ikke længere.")
        )
    else:
        number = request.POST.get("version", "")
        if not number.isdigit():
            raise Http404
        version = get_object_or_404(PrincipleVersion, principle=principle, number=int(number))
        approval.publish(principle, version)
        messages.success(
            request,
            _("Version %(number)d er offentliggjort. Del adressen nedenfor.")
            % {"number": version.number},
        )
    return redirect("reflections:principle_versions", key, principle.pk)
