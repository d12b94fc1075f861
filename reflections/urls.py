from django.urls import path

from . import views

app_name = "reflections"

urlpatterns = [
    path("", views.index, name="index"),
    path("saml/", views.collect, name="collect"),
    path("opret/", views.create_own, name="create_own"),
    path("skabelon/<slug:slug>/", views.template_detail, name="template"),
    # Secret links: the token is exchanged for a session and never stays in the address bar.
    path("m/<str:token>/", views.member_link, name="member_link"),
    path("f/<str:token>/", views.chair_link, name="chair_link"),
    # A board's workspace; every view below goes through access.access_for.
    path("ark/<str:key>/", views.worksheet, name="worksheet"),
    path("ark/<str:key>/navn/", views.join, name="join"),
    path("ark/<str:key>/afsnit/<int:section_id>/", views.section, name="section"),
    path("ark/<str:key>/gem/<int:question_id>/", views.autosave, name="autosave"),
    path("ark/<str:key>/skridt/<int:step_id>/", views.step_edit, name="step_edit"),
    path("ark/<str:key>/resultat/", views.result, name="result"),
    path("ark/<str:key>/resultat.pdf", views.result_pdf, name="result_pdf"),
    path("ark/<str:key>/svar.csv", views.export_csv, name="export_csv"),
    path("ark/<str:key>/svar.xlsx", views.export_xlsx, name="export_xlsx"),
    path("ark/<str:key>/tomt-ark/", views.blank, name="blank"),
    path("ark/<str:key>/formand/", views.manage, name="manage"),
    path("ark/<str:key>/formand/nyt-link/", views.rotate, name="rotate"),
    path("ark/<str:key>/formand/status/", views.set_status, name="status"),
    path("ark/<str:key>/formand/slet/", views.delete, name="delete"),
]
