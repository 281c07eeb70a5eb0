"""What the webhooks app adds: its API routes, a subscriber to every event, audit labels and
the privacy handler for subscriptions."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core import events
from samenspraak.core.components import Manifest
from samenspraak.webhooks import privacy
from samenspraak.webhooks.services import AuditAction

MANIFEST = Manifest(
    app="webhooks",
    api_urls="samenspraak.webhooks.api.urls",
    subscribers=((events.ALL, "samenspraak.webhooks.services.deliver_event"),),
    audit_actions={
        AuditAction.SUBSCRIBED: _("Webhook-abonnement gemaakt"),
        AuditAction.UNSUBSCRIBED: _("Webhook-abonnement verwijderd"),
        AuditAction.REPLAYED: _("Webhook opnieuw verstuurd"),
        AuditAction.CHANGED: _("Webhook-abonnement gewijzigd"),
        AuditAction.VALIDATED: _("Webhook-ontvanger gaf toestemming"),
        AuditAction.VALIDATION_FAILED: _("Webhook-ontvanger gaf geen toestemming"),
        AuditAction.GONE: _("Webhook uitgezet: ontvanger antwoordde 410 Gone"),
        AuditAction.REACTIVATED: _("Webhook weer aangezet"),
    },
    privacy=(privacy.handler(),),
)
