from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Concept, Framework, Item, ReflectionQuestion, Theme


def framework_list(request):
    frameworks = Framework.objects.published().select_related("publisher")
    return render(request, "values/framework_list.html", {"frameworks": frameworks})


def framework_detail(request, slug):
    framework = get_object_or_404(
        Framework.objects.published().select_related("publisher"), slug=slug
    )
    themes = framework.themes.published()
    return render(
        request, "values/framework_detail.html", {"framework": framework, "themes": themes}
    )


def theme_detail(request, framework_slug, slug):
    theme = get_object_or_404(
        Theme.objects.published()
        .select_related("framework__publisher")
        .prefetch_related(
            Prefetch("items", queryset=Item.objects.prefetch_related("children")),
            Prefetch("questions", queryset=ReflectionQuestion.objects.all()),
        ),
        framework__slug=framework_slug,
        slug=slug,
    )
    return render(request, "values/theme_detail.html", {"theme": theme})


def concept_list(request):
    return render(request, "values/concept_list.html", {"concepts": Concept.objects.all()})


def concept_detail(request, slug):
    concept = get_object_or_404(Concept, slug=slug)
    themes = concept.themes.published().select_related("framework__publisher")
    return render(request, "values/concept_detail.html", {"concept": concept, "themes": themes})
