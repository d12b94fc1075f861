"""Published principles' public addresses: /principper/<random slug>/ (and its PDF)."""

from django.urls import path

from ..views import published

app_name = "principles"

urlpatterns = [
    path("<str:slug>/", published.public, name="public"),
    path("<str:slug>/princip.pdf", published.public_pdf, name="public_pdf"),
]
