"""Admin: editors curate templates; staff see board worksheets as metadata only.

Editors see and change only the templates of the publishers they edit (values.owners); a
template without a publisher is national. Reading a board's answers needs the dedicated
permission reflections.read_answers; nobody edits them in the admin. Staff with the permission to
delete worksheets (reflections.delete_worksheet) erase one with everything under it, e.g. to
honour an erasure request; each deletion is logged.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from portal.security import security_log
from values.admin.scoping import PublisherScopedAdmin, ScopedChoicesMixin
from values.models import Publisher
from values.owners import is_national

from . import deletion, services
from .models import (
    Answer,
    PrincipleListing,
    TemplateQuestion,
    TemplateSection,
    Worksheet,
    WorksheetTemplate,
)


class TemplateSectionInline(ScopedChoicesMixin, admin.TabularInline):
    model = TemplateSection
    fields = ["position", "title", "introduction"]
    extra = 0
    show_change_link = True


@admin.register(WorksheetTemplate)
class WorksheetTemplateAdmin(PublisherScopedAdmin, admin.ModelAdmin):
    list_display = [
        "title",
        "publisher",
        "status",
        "estimated_minutes",
        "section_count",
        "position",
    ]
    list_editable = ["position"]
    list_filter = ["status", "publisher"]
    list_select_related = ["publisher"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TemplateSectionInline]
    fields = [
        "title",
        "slug",
        "publisher",
        ("status", "position"),
        "estimated_minutes",
        "introduction",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "publisher" in form.base_fields and not is_national(request.user):
            # Only national administrators make national templates.
            form.base_fields["publisher"].required = True
        return form

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(section_total=Count("sections"))

    @admin.display(description=_("afsnit"), ordering="section_total")
    def section_count(self, obj):
        return obj.section_total


class TemplateQuestionInline(ScopedChoicesMixin, admin.StackedInline):
    model = TemplateQuestion
    fields = [("position", "kind"), "reflection_question", "item", "text", "plain_text"]
    autocomplete_fields = ["reflection_question", "item"]
    extra = 0


@admin.register(TemplateSection)
class TemplateSectionAdmin(PublisherScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "template", "position", "question_count"]
    list_filter = ["template"]
    list_select_related = ["template"]
    search_fields = ["title", "template__title"]
    fields = ["template", "title", "position", "introduction"]
    inlines = [TemplateQuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    @admin.display(description=_("spørgsmål"), ordering="question_total")
    def question_count(self, obj):
        return obj.question_total


@admin.register(Worksheet)
class WorksheetAdmin(admin.ModelAdmin):
    """Metadata only: no answer text, no tokens, nothing editable. Staff with the permission
    “issue_chair_link” can give a board that lost its chair link a new one (logged)."""

    list_display = [
        "title",
        "template",
        "school_name",
        "created_at",
        "last_activity_at",
        "done_at",
        "participant_count",
        "answer_count",
    ]
    list_filter = ["template", ("done_at", admin.EmptyFieldListFilter)]
    list_select_related = ["template"]
    search_fields = ["title", "school_name", "board_name"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "template",
        "school_name",
        "board_name",
        "created_at",
        "last_activity_at",
        "done_at",
        "participant_count",
        "answer_count",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                participant_total=Count("participants", distinct=True),
                answer_total=Count(
                    "answers", filter=~Q(answers__text="", answers__rating=""), distinct=True
                ),
            )
        )

    @admin.display(description=_("deltagere"), ordering="participant_total")
    def participant_count(self, obj):
        return obj.participant_total

    @admin.display(description=_("svar"), ordering="answer_total")
    def answer_count(self, obj):
        return obj.answer_total

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_deleted_objects(self, objs, request):
        """Everything under a worksheet goes with it, whatever the permissions on answers; the
        confirmation counts what goes and names no board member."""
        worksheets = Worksheet.objects.filter(pk__in=[obj.pk for obj in objs])
        counts = worksheets.aggregate(
            members=Count("participants", distinct=True), answers=Count("answers", distinct=True)
        )
        model_count = {
            Worksheet._meta.verbose_name_plural: len(objs),
            _("deltagere"): counts["members"],
            _("svar"): counts["answers"],
        }
        return [str(obj) for obj in objs], model_count, set(), []

    def delete_model(self, request, obj):
        self.delete_queryset(request, Worksheet.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        deletion.delete_worksheets(queryset)
        security_log.warning(
            "worksheet_deleted by=%s worksheets=%s", request.user.get_username(), pks
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.issue_chair_link)
        return [
            path("<int:pk>/formandslink/", view, name="reflections_worksheet_chair_link"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        can_issue = request.user.has_perm("reflections.issue_chair_link")
        extra = {**(extra_context or {}), "can_issue_chair_link": can_issue}
        return super().change_view(request, object_id, form_url, extra)

    def issue_chair_link(self, request, pk: int):
        """Recovery when a board lost its chair link: a new one, shown once, and logged."""
        if not request.user.has_perm("reflections.issue_chair_link"):
            raise PermissionDenied
        worksheet = get_object_or_404(Worksheet, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "worksheet": worksheet,
            "title": _("Nyt formandslink"),
        }
        if request.method == "POST":
            token = services.rotate_chair_link(worksheet.space)
            self.log_change(request, worksheet, _("Udstedte et nyt formandslink."))
            # %r: a username's control characters are escaped, never written raw to the log.
            security_log.info(
                "chair_link_issued worksheet=%s user=%r", worksheet.pk, request.user.get_username()
            )
            url = reverse("reflections:chair_link", args=[token])
            context["link"] = request.build_absolute_uri(url)
        response = TemplateResponse(
            request, "admin/reflections/worksheet/issue_chair_link.html", context
        )
        add_never_cache_headers(response)
        return response


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """Board answers, readable only with the permission “Kan læse skolebestyrelsernes svar”."""

    list_display = ["question", "worksheet", "author", "rating", "updated_at"]
    list_select_related = ["question", "worksheet", "participant"]
    list_filter = ["rating"]
    fields = ["worksheet", "question", "author", "text", "rating", "evidence", "updated_at"]
    readonly_fields = fields

    @admin.display(description=_("svar fra"))
    def author(self, obj):
        return obj.participant.display_name if obj.participant else _("Bestyrelsens fælles svar")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("reflections.read_answers")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrincipleListing)
class PrincipleListingAdmin(PublisherScopedAdmin, admin.ModelAdmin):
    """Whether a municipality lists its schools' published principles on its own public page;
    each municipality's editors decide for their own municipality only."""

    list_display = ["municipality", "listed", "updated_at"]
    list_select_related = ["municipality"]
    ordering = ["municipality__name"]
    fields = ["municipality", "listed"]

    def get_readonly_fields(self, request, obj=None):
        # A listing stays with its municipality; another one gets a listing of its own.
        return ["municipality"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "municipality":  # KL and other publishers have no schools to list
            field.queryset = field.queryset.filter(kind=Publisher.Kind.MUNICIPALITY)
        return field
