"""Starting the boards of many schools at once: a board space per school, its links shown once.

For each chosen school a board space with a first worksheet from a published template, linked to
the school (so the municipality's overview counts it), and the space's chair and member links on
one page for the municipality to hand to each school. The links
are shown only on that page: only their hashes are stored, and the page is never cached.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

FORM_TEMPLATE = "admin/values/school/start_boards.html"
LINKS_TEMPLATE = "admin/values/school/board_links.html"
MAX_SCHOOLS = 100


class StartBoardsForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Skabelon til arbejdsarket"),
        queryset=None,
        help_text=_("Hver valgt skoles bestyrelse får sit eget arbejdsark ud fra skabelonen."),
    )

    def __init__(self, *args, **kwargs):
        from reflections.models import WorksheetTemplate

        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = WorksheetTemplate.objects.published()


@admin.action(
    description=_("Opret arbejdsark til de valgte skolers bestyrelser"), permissions=["change"]
)
def start_boards(modeladmin, request, queryset):
    from reflections import services

    schools = list(queryset.select_related("municipality")[: MAX_SCHOOLS + 1])
    if len(schools) > MAX_SCHOOLS:
        modeladmin.message_user(
            request,
            gettext("Vælg højst %(max)s skoler ad gangen.") % {"max": MAX_SCHOOLS},
            level="error",
        )
        return None
    form = StartBoardsForm(request.POST if "template" in request.POST else None)
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "schools": schools,
        "form": form,
        "action": "start_boards",
    }
    if not form.is_valid():
        context["title"] = gettext("Opret arbejdsark til skolernes bestyrelser")
        return TemplateResponse(request, FORM_TEMPLATE, context)
    started = []
    for school in schools:
        new = services.create_from_template(
            form.cleaned_data["template"],
            school_name=school.name,
            board_name=gettext("Skolebestyrelsen"),
            school=school,
        )
        started.append(
            {
                "school": school,
                "chair": request.build_absolute_uri(
                    reverse("reflections:chair_link", args=[new.chair_token])
                ),
                "member": request.build_absolute_uri(
                    reverse("reflections:member_link", args=[new.member_token])
                ),
            }
        )
    context["title"] = gettext("Links til skolernes bestyrelser")
    context["started"] = started
    response = TemplateResponse(request, LINKS_TEMPLATE, context)
    # The links open the boards' worksheets: never kept by a cache or the browser.
    patch_cache_control(response, no_store=True, no_cache=True, private=True)
    return response
