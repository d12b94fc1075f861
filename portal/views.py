from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control

from values.models import Concept
from values.visibility import frameworks_with_counts_for

HOME_FRAMEWORKS = 12  # cards on the home page; the framework list has them all


def home(request: HttpRequest) -> HttpResponse:
    frameworks = list(frameworks_with_counts_for(request)[: HOME_FRAMEWORKS + 1])
    context = {
        "frameworks": frameworks[:HOME_FRAMEWORKS],
        "more_frameworks": len(frameworks) > HOME_FRAMEWORKS,
        "concepts": Concept.objects.all(),
    }
    return render(request, "portal/home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on every site, the admin included: send them to the icon.

    A temporary redirect, cached for a day: the icon's hashed name changes when the icon does.
    """
    response = HttpResponseRedirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
