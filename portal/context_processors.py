from django.conf import settings


def site(request):
    return {"SITE_NAME": "Forældresamarbejde", "DEBUG": settings.DEBUG}
