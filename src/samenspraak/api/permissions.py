"""Who manages integrations, and the scope check every API endpoint goes through."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from samenspraak.accounts.models import Role


def can_manage_integrations(user) -> bool:
    """Administrators create integrations and switch them off."""
    return bool(user and user.is_authenticated and user.has_role(Role.ADMINISTRATOR))


class ScopesRequired(BasePermission):
    """Reads are public. A view with ``required_scopes`` needs a token that holds all of them;
    an unsafe request to a view without ``required_scopes`` is refused (no write without scope).
    """

    message = _("Deze sleutel heeft niet het recht dat hiervoor nodig is.")

    def has_permission(self, request, view) -> bool:
        method = request.method.lower()
        if method not in view.http_method_names or not hasattr(view, method):
            return True  # DRF answers 405 Method Not Allowed
        required = tuple(getattr(view, "required_scopes", ()))
        if not required and request.method in SAFE_METHODS:
            return True
        integration = request.auth
        if integration is None:
            return False  # DRF answers 401 with WWW-Authenticate: no token was given
        return bool(required) and integration.has_scopes(*required)
