"""A municipality's public list of its schools' published principles (/kommuner/<slug>/…)."""

from django.urls import path

from ..views import listed

app_name = "municipal_principles"

urlpatterns = [
    path("<slug:slug>/principper/", listed.municipality_principles, name="list"),
]
