"""What the API app holds about a person: the integrations they created.

An integration acts as the staff member who created it. On erasure it loses that person and is
switched off (no one is responsible for it any more); its name and scopes stay for the audit.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.api.models import Integration


def export(user) -> dict:
    return {
        "integrations": [
            {
                "name": integration.name,
                "scopes": list(integration.scopes),
                "active": integration.is_active,
                "created_at": integration.created_at.isoformat(),
            }
            for integration in Integration.objects.filter(created_by=user).order_by(
                "created_at", "pk"
            )
        ]
    }


def erase(user) -> None:
    Integration.objects.filter(created_by=user).update(created_by=None, is_active=False)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "api",
        label=_("Koppelingen die u maakte"),
        exporter=export,
        anonymiser=erase,
        covers=["api.Integration.created_by"],
    )
