"""Webhook subscriptions of integrations, and the log of every delivery.

The shared secret is stored as it is: the receiver checks an HMAC-SHA256 signature made with
it, so the site must be able to use the secret itself (a hash cannot sign). It is shown once,
never returned by the API afterwards, and only signs; see docs/api/webhooks.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    integration = models.ForeignKey(
        "api.Integration",
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("koppeling"),
    )
    event_types = models.JSONField(_("soorten gebeurtenissen"), default=list)
    target_url = models.URLField(_("adres van de ontvanger"), max_length=500)
    secret = models.CharField(_("gedeeld geheim"), max_length=128, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    #: When the receiver last agreed to receive (the CloudEvents validation handshake); None:
    #: not (yet) validated, and then nothing is sent.
    validated_at = models.DateTimeField(_("gevalideerd op"), null=True, blank=True)
    validation_error = models.TextField(_("waarom niet gevalideerd"), blank=True)
    #: Requests per minute the receiver allows (WebHook-Allowed-Rate); None: no limit.
    allowed_rate = models.PositiveIntegerField(
        _("toegestane berichten per minuut"), null=True, blank=True
    )
    #: Switched off by the system (the receiver answered 410 Gone); staff switch it on again.
    deactivated_at = models.DateTimeField(_("uitgezet op"), null=True, blank=True)
    deactivated_reason = models.CharField(_("waarom uitgezet"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook-abonnement")
        verbose_name_plural = _("webhook-abonnementen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.integration} → {self.target_url}"

    @property
    def receives(self) -> bool:
        """Whether events are sent to it now: switched on and validated."""
        return self.is_active and self.validated_at is not None


class Delivery(models.Model):
    """One event sent (or being sent) to one subscription; `body` is the CloudEvent as sent."""

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("abonnement"),
    )
    event_id = models.UUIDField(_("id van de gebeurtenis"))
    event_type = models.CharField(_("soort gebeurtenis"), max_length=120)
    body = models.TextField(_("bericht"))
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    status_code = models.PositiveIntegerField(_("antwoordcode"), null=True, blank=True)
    response_ms = models.PositiveIntegerField(_("antwoordtijd (ms)"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    failed_at = models.DateTimeField(_("opgegeven op"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook-aflevering")
        verbose_name_plural = _("webhook-afleveringen")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhooks_one_delivery_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → {self.subscription_id}"
