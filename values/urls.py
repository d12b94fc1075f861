from django.urls import path

from . import source_documents, views

app_name = "values"

urlpatterns = [
    path("rammer/", views.framework_list, name="framework_list"),
    path("rammer/<slug:slug>/", views.framework_detail, name="framework"),
    path(
        "rammer/<slug:slug>/kildedokument.pdf",
        source_documents.source_document,
        name="source_document",
    ),
    path("rammer/<slug:framework_slug>/<slug:slug>/", views.theme_detail, name="theme"),
    path("begreber/", views.concept_list, name="concept_list"),
    path("begreber/<slug:slug>/", views.concept_detail, name="concept"),
    path("soeg/", views.search, name="search"),
]
