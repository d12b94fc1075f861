from collections.abc import Callable
from functools import cached_property

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control

from values.models import Concept
from values.visibility import frameworks_with_counts_for

HOME_FRAMEWORKS = 12  # cards on the home page; the framework list has them all


class FirstFew:
    """The first `count` rows of the queryset `make()` builds, and whether there are more, built
    and read when first asked: a page whose fragment is kept (`{% cache %}`) does neither."""

    def __init__(self, make: Callable[[], QuerySet], count: int):
        self.make, self.count = make, count

    @cached_property
    def _rows(self) -> list:
        return list(self.make()[: self.count + 1])

    def __iter__(self):
        return iter(self._rows[: self.count])

    def __len__(self) -> int:
        return min(len(self._rows), self.count)

    @property
    def more(self) -> bool:
        return len(self._rows) > self.count


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "frameworks": FirstFew(lambda: frameworks_with_counts_for(request), HOME_FRAMEWORKS),
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
