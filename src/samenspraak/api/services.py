"""Writes for integrations: create one (its token is returned once), switch one off."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.api import permissions
from samenspraak.api.models import Integration
from samenspraak.api.scopes import SCOPES
from samenspraak.api.selectors import TOKEN_START, token_hash
from samenspraak.core import audit


class AuditAction:
    CREATED = "api.integration_created"
    DEACTIVATED = "api.integration_deactivated"


def integration_create(*, actor, name: str, scopes, request=None) -> tuple[Integration, str]:
    """Make an integration that acts as `actor`; return it and its token (shown only now)."""
    if not permissions.can_manage_integrations(actor):
        raise PermissionDenied(_("U mag geen koppelingen maken."))
    name = (name or "").strip()
    scopes = sorted(set(scopes or ()))
    errors = {}
    if not name:
        errors["name"] = _("Geef de koppeling een naam.")
    elif len(name) > 80:
        errors["name"] = _("De naam mag hoogstens 80 tekens zijn.")
    elif Integration.objects.filter(name=name).exists():
        errors["name"] = _("Er is al een koppeling met deze naam.")
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown:
        errors["scopes"] = _("Onbekend recht: %(scopes)s. Kies uit: %(known)s.") % {
            "scopes": ", ".join(unknown),
            "known": ", ".join(SCOPES),
        }
    elif not scopes:
        errors["scopes"] = _("Kies minstens één recht.")
    if errors:
        raise ValidationError(errors)
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32).replace("_", "-")
    token = f"{TOKEN_START}_{prefix}_{secret}"
    with transaction.atomic():
        integration = Integration.objects.create(
            name=name,
            token_prefix=prefix,
            token_hash=token_hash(token),
            scopes=scopes,
            created_by=actor,
        )
        audit.record(actor, AuditAction.CREATED, integration, {"scopes": scopes}, request)
    return integration, token


def integration_deactivate(*, actor, integration: Integration, request=None) -> Integration:
    if not permissions.can_manage_integrations(actor):
        raise PermissionDenied(_("U mag geen koppelingen beheren."))
    if integration.is_active:
        with transaction.atomic():
            integration.is_active = False
            integration.save(update_fields=["is_active"])
            audit.record(actor, AuditAction.DEACTIVATED, integration, {}, request)
    return integration


def integration_used(integration: Integration) -> None:
    """Note the last use (at most once a minute, so reads do not write on every request)."""
    now = timezone.now()
    last = integration.last_used_at
    if last is None or (now - last).total_seconds() >= 60:
        Integration.objects.filter(pk=integration.pk).update(last_used_at=now)
        integration.last_used_at = now
