"""Who manages webhook subscriptions."""

from __future__ import annotations

from samenspraak.api.permissions import can_manage_integrations

SCOPE = "webhooks:manage"


def can_manage_webhooks(user, integration) -> bool:
    """An active integration holding the scope, acting as its (active) staff member, manages
    its own subscriptions. The scope is given only by an administrator (api.services)."""
    return bool(
        integration is not None
        and integration.is_active
        and integration.has_scopes(SCOPE)
        and user is not None
        and user.is_authenticated
        and user.is_active
        and integration.created_by_id == user.pk
    )


def can_oversee_webhooks(user) -> bool:
    """Staff who manage integrations (administrators) see every subscription, ask a receiver
    to validate again and switch a subscription on again after 410 Gone."""
    return can_manage_integrations(user)
