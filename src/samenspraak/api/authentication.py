"""Token authentication for integrations: ``Authorization: Bearer ssp_…``.

No session and so no CSRF: a browser's cookies do not count on the API. A valid token makes
the request act as the staff member who created the integration (``request.user``) with the
integration as ``request.auth``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from samenspraak.api import selectors, services


class IntegrationTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _sep, token = header.strip().partition(" ")
        token = token.strip()
        if keyword.lower() != self.keyword.lower() or not token or " " in token:
            raise AuthenticationFailed(
                _("Stuur de sleutel mee als: Authorization: Bearer <sleutel>.")
            )
        integration = selectors.integration_for_token(token)
        if integration is None:
            raise AuthenticationFailed(_("Deze sleutel is onbekend."))
        if not integration.is_active:
            raise AuthenticationFailed(_("Deze koppeling is uitgezet."))
        user = integration.created_by
        if user is None or not user.is_active:
            raise AuthenticationFailed(
                _("Er is geen actieve medewerker meer die voor deze koppeling verantwoordelijk is.")
            )
        services.integration_used(integration)
        return user, integration

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'
