"""Start-up check: webhooks name this system by the municipality's OIN."""

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
