from django.urls import path

from . import views

app_name = "embed"

urlpatterns = [
    path("rammer/<slug:framework_slug>/<slug:slug>/", views.theme_items, name="theme"),
    path(
        "rammer/<slug:framework_slug>/<slug:slug>/spoergsmaal/",
        views.theme_questions,
        name="theme_questions",
    ),
    path("spoergsmaal/", views.chosen_questions, name="questions"),
]
