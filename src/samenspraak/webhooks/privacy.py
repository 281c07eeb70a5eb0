"""What webhooks hold about a person: the subscriptions they created (through an integration).

On erasure a subscription loses that person; it stays with its integration (which api's own
handler switches off), so nothing is sent on their behalf any more.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.webhooks.models import Subscription


def export(user) -> dict:
    return {
        "webhook_subscriptions": [
            {
                "integration": subscription.integration.name,
                "target_url": subscription.target_url,
                "event_types": list(subscription.event_types),
                "active": subscription.is_active,
                "created_at": subscription.created_at.isoformat(),
            }
            for subscription in Subscription.objects.filter(created_by=user)
            .select_related("integration")
            .order_by("created_at", "pk")
        ]
    }


def erase(user) -> None:
    Subscription.objects.filter(created_by=user).update(created_by=None, is_active=False)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "webhooks",
        label=_("Webhooks die u instelde"),
        exporter=export,
        anonymiser=erase,
        covers=["webhooks.Subscription.created_by"],
    )
