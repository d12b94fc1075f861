"""Staff sign in with the municipality's identity provider over OpenID Connect
(mozilla-django-oidc): Entra ID, AD FS, or a broker such as KOMBIT's.

The provider's claims decide who is an editor and of which publishers' content, at every sign-in:
the editor role (settings.OIDC_EDITOR_ROLE in the claim settings.OIDC_ROLES_CLAIM) gives staff
status and the "Redaktør" group, and nobody without it gets in; the publishers claim lists the
publishers whose content the editor edits; the all-publishers role gives the national
administrators' permission. Accounts made here are named "sso.<id>", so no provider can sign in
as a local account with the same name.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from values.models import Publisher

security_log = logging.getLogger("portal.security")

EDITOR_GROUP = "Redaktør"
USERNAME_PREFIX = "sso."


def claim_values(claims: dict, name: str) -> list[str]:
    """A claim as a list of strings, whether the provider sends a list or one string."""
    value = claims.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def username_for(claims: dict) -> str:
    return (USERNAME_PREFIX + str(claims.get(settings.OIDC_USERNAME_CLAIM, "")))[:150]


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims (where Entra ID sends roles), with the userinfo endpoint's."""
        claims = dict(payload)
        if getattr(settings, "OIDC_OP_USER_ENDPOINT", ""):
            claims.update(super().get_userinfo(access_token, id_token, payload))
        return claims

    def verify_claims(self, claims) -> bool:
        roles = claim_values(claims, settings.OIDC_ROLES_CLAIM)
        allowed = bool(claims.get(settings.OIDC_USERNAME_CLAIM)) and (
            settings.OIDC_EDITOR_ROLE in roles
        )
        if not allowed:
            security_log.warning(
                "oidc_refused user=%r reason=%s",
                username_for(claims),
                "no editor role" if claims.get(settings.OIDC_USERNAME_CLAIM) else "no identity",
            )
        return allowed

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=username_for(claims))

    def create_user(self, claims):
        user = self.UserModel(username=username_for(claims))
        user.set_unusable_password()  # signs in through the provider only
        user.save()
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.email = str(claims.get("email", ""))[:254]
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=EDITOR_GROUP))
        _sync_all_publishers(user, claims)
        names = claim_values(claims, settings.OIDC_PUBLISHERS_CLAIM)
        user.edited_publishers.set(Publisher.objects.filter(Q(name__in=names) | Q(slug__in=names)))
        return user


def _sync_all_publishers(user, claims) -> None:
    permission = Permission.objects.get(
        codename="edit_all_publishers", content_type__app_label="values"
    )
    if settings.OIDC_ALL_PUBLISHERS_ROLE in claim_values(claims, settings.OIDC_ROLES_CLAIM):
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)


def _only_when_configured(view):
    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


authentication_init = _only_when_configured(OIDCAuthenticationRequestView.as_view())
authentication_callback = _only_when_configured(OIDCAuthenticationCallbackView.as_view())
