"""Until someone who must use a second factor has set one up, the admin shows only that page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .policy import ENROL_SESSION_KEY


class SecondFactorEnrolmentMiddleware:
    """After django_otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.session.get(ENROL_SESSION_KEY) and self._blocked(request):
            return redirect("second_factor_enrol")
        return self.get_response(request)

    @staticmethod
    def _blocked(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        allowed = (
            reverse("second_factor_enrol"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
        )
        return request.path.startswith("/admin/") and request.path not in allowed
