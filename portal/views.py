from django.db.models import Count, Q
from django.shortcuts import render

from values.models import Framework, Status


def home(request):
    published_themes = Q(themes__status=Status.PUBLISHED)
    frameworks = (
        Framework.objects.published()
        .select_related("publisher")
        .annotate(
            theme_count=Count("themes", filter=published_themes, distinct=True),
            question_count=Count("themes__questions", filter=published_themes, distinct=True),
        )
    )
    return render(request, "portal/home.html", {"frameworks": frameworks})


def accessibility(request):
    return render(request, "portal/accessibility.html")
