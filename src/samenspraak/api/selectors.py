"""Reads for integrations."""

from __future__ import annotations

import hashlib
import hmac

from django.db.models import QuerySet

from samenspraak.api.models import Integration

TOKEN_START = "ssp"  # noqa: S105 (the start every token shares, not a secret)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    """``ssp_<prefix>_<secret>`` → ``<prefix>`` (empty when the token has another shape)."""
    parts = token.split("_")
    if len(parts) != 3 or parts[0] != TOKEN_START or not parts[1] or not parts[2]:
        return ""
    return parts[1]


def integration_for_token(token: str) -> Integration | None:
    """The integration this token belongs to (active or not), or None. One query."""
    prefix = token_prefix(token)
    if not prefix:
        return None
    integration = (
        Integration.objects.select_related("created_by").filter(token_prefix=prefix).first()
    )
    if integration is None or not hmac.compare_digest(integration.token_hash, token_hash(token)):
        return None
    return integration


def integration_list() -> QuerySet[Integration]:
    return Integration.objects.select_related("created_by").order_by("name")
