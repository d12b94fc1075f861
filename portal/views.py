from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from values.models import Concept
from values.views import with_counts
from values.visibility import frameworks_for


def home(request: HttpRequest) -> HttpResponse:
    frameworks = with_counts(request, frameworks_for(request).select_related("publisher"))
    context = {"frameworks": frameworks, "concepts": Concept.objects.all()}
    return render(request, "portal/home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
