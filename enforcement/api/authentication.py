"""Bearer tokens (``Authorization: Bearer edk_…``) made on the user's API tokens page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from clients import two_factor

from ..services import access


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Bearer <token>."))
        token = access.api_token_for(header[1])
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token."))
        user = token.user
        # A token is made only past a second factor; once that factor is reset (lost
        # phone), the tokens stop too, until the user sets up a new one.
        if two_factor.is_staff_user(user) and not two_factor.has_factor(user):
            raise exceptions.AuthenticationFailed(
                _("Your second factor was reset: set it up again to use your tokens.")
            )
        access.touch_api_token(token)
        return user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _("A token from your account's API tokens page (shown once when made).")
            ),
        }
