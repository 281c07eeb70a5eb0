"""Start-up check: webhooks name this system by the municipality's OIN."""

import ipaddress

from django.conf import settings
from django.core import checks

from samenspraak.webhooks.cloudevents import OIN_PATTERN


@checks.register()
def check_oin(app_configs=None, **kwargs):
    """A malformed OIN stops start-up. None at all (production without webhooks) is allowed:
    then subscribing is refused with the reason, and events wait in the outbox."""
    oin = getattr(settings, "SAMENSPRAAK_OIN", "")
    if not oin or OIN_PATTERN.match(oin):
        return []
    return [
        checks.Error(
            f"SAMENSPRAAK_OIN is {oin!r}: webhooks need the municipality's OIN (20 digits, "
            "see the Digikoppeling OIN register) for their CloudEvents source "
            "urn:nld:oin:<OIN>:systeem:samenspraak.",
            id="webhooks.E001",
        )
    ]


@checks.register()
def check_allowed_networks(app_configs=None, **kwargs):
    """Every entry of SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS must be an address or network."""
    errors = []
    for entry in getattr(settings, "SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS", ()) or ():
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            errors.append(
                checks.Error(
                    f"SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS holds {entry!r}, which is not an "
                    "address or network (e.g. 10.1.2.3 or 10.1.0.0/16).",
                    id="webhooks.E002",
                )
            )
    return errors
