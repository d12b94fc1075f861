"""/api/v1/: the API's operations and schema (django-ninja), its documentation page, and the
open-data dump with its metadata record."""

from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from ..opendata import views as opendata
from .endpoints import api


@require_safe
def docs(request):
    return render(
        request,
        "api/docs.html",
        {
            "schema_url": reverse("api:openapi-json"),
            "dump_url": reverse("opendata_dump"),
            "dcat_url": reverse("opendata_dcat"),
        },
    )


urlpatterns = [
    path("docs/", docs, name="api_docs"),
    path("data/foraeldresamarbejde.zip", opendata.dump, name="opendata_dump"),
    path("data/dcat.jsonld", opendata.dcat, name="opendata_dcat"),
    path("", api.urls),
]
