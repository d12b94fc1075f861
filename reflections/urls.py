from django.urls import path

from .views import (
    autosave,
    board,
    chair,
    collect,
    links,
    live,
    meeting,
    principle_lines,
    principle_versions,
    principles,
    results,
    spaces,
    yearly,
)

app_name = "reflections"

urlpatterns = [
    path("", collect.index, name="index"),
    path("saml/", collect.collect, name="collect"),
    path("opret/", collect.create_own, name="create_own"),
    path("skabelon/<slug:slug>/", collect.template_detail, name="template"),
    # Secret links: the token is exchanged for a session and never stays in the address bar.
    path("m/<str:token>/", links.member_link, name="member_link"),
    path("f/<str:token>/", links.chair_link, name="chair_link"),
    path("d/<str:token>/", links.personal_link, name="personal_link"),
    # A board's space; every view below goes through access.space_access_for or access_for.
    path("rum/<str:key>/", spaces.space, name="space"),
    path("rum/<str:key>/slet/", spaces.delete, name="space_delete"),
    path("ark/<str:key>/", board.worksheet, name="worksheet"),
    path("ark/<str:key>/navn/", board.join, name="join"),
    path("ark/<str:key>/mit-link/", board.personal_link, name="new_personal_link"),
    path("ark/<str:key>/afsnit/<int:section_id>/", board.section, name="section"),
    path("ark/<str:key>/gem/<int:question_id>/", autosave.autosave, name="autosave"),
    path("ark/<str:key>/skridt/<int:step_id>/", board.step_edit, name="step_edit"),
    path("ark/<str:key>/resultat/", results.result, name="result"),
    path("ark/<str:key>/resultat.pdf", results.result_pdf, name="result_pdf"),
    path("ark/<str:key>/svar.csv", results.export_csv, name="export_csv"),
    path("ark/<str:key>/svar.xlsx", results.export_xlsx, name="export_xlsx"),
    path("ark/<str:key>/tomt-ark/", results.blank, name="blank"),
    path("ark/<str:key>/formand/", chair.manage, name="manage"),
    path("ark/<str:key>/formand/nyt-link/", chair.rotate, name="rotate"),
    path("ark/<str:key>/formand/status/", chair.set_status, name="status"),
    path("ark/<str:key>/formand/slet/", chair.delete, name="delete"),
    path("ark/<str:key>/formand/overdrag/", chair.hand_over, name="hand_over"),
    path("ark/<str:key>/formand/svarform/", chair.answering, name="answering"),
    path("ark/<str:key>/afsnit/<int:section_id>/nyt/", live.section_live, name="section_live"),
    path("ark/<str:key>/formand/nyt-skoleaar/", yearly.start_next_year, name="next_year"),
    path("ark/<str:key>/formand/deltagere/", chair.change_participants, name="participants"),
    path("ark/<str:key>/formand/moedet/", meeting.prepare, name="prepare"),
    path("ark/<str:key>/formand/overblik/", meeting.overview, name="overview"),
    path("ark/<str:key>/formand/overblik.pdf", meeting.overview_download, name="overview_pdf"),
    path("ark/<str:key>/kalender.ics", meeting.calendar_file, name="calendar"),
    path("ark/<str:key>/formand/moedevisning/", meeting.meeting_mode, name="meeting_start"),
    path("ark/<str:key>/formand/moedevisning/<int:number>/", meeting.meeting_mode, name="meeting"),
    # A space's principles; every view below goes through reflections.principles.access.
    path("rum/<str:key>/principper/ny/", principles.start, name="principle_start"),
    path("rum/<str:key>/principper/<int:principle_id>/", principles.workbench, name="principle"),
    path(
        "rum/<str:key>/principper/<int:principle_id>/afsnit/",
        principles.add_section,
        name="principle_add_section",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/afsnit/<int:section_id>/",
        principles.change_section,
        name="principle_section",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/afsnit/<int:section_id>/ny-linje/",
        principles.add_line,
        name="principle_add_line",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/linje/<int:line_id>/",
        principle_lines.line,
        name="principle_line",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/linje/<int:line_id>/flyt/",
        principle_lines.change_line,
        name="principle_change_line",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/linje/<int:line_id>/kommentar/",
        principle_lines.comment,
        name="principle_comment",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/kommentar/<int:comment_id>/loest/",
        principle_lines.resolve,
        name="principle_resolve",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/skrivere/",
        principles.set_writers,
        name="principle_writers",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/godkend/",
        principle_versions.approve,
        name="principle_approve",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/versioner/",
        principle_versions.versions,
        name="principle_versions",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/slet/",
        principles.delete,
        name="principle_delete",
    ),
    path(
        "rum/<str:key>/principper/<int:principle_id>/offentliggoer/",
        principle_versions.publish,
        name="principle_publish",
    ),
]
