"""What a request may see of the content.

Every public view takes its base querysets from here, so that what the public sees (published only)
and what an editor may preview is decided in one place.
"""

from django.http import HttpRequest

from .models import Framework, Item, ReflectionQuestion, Theme


def frameworks_for(request: HttpRequest):
    return Framework.objects.published()


def themes_for(request: HttpRequest):
    return Theme.objects.published()


def items_for(request: HttpRequest):
    return Item.objects.published()


def questions_for(request: HttpRequest):
    return ReflectionQuestion.objects.published()
