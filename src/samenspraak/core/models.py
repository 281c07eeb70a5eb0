from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class AuditLogEntry(models.Model):
    """Who (staff) changed what, when. Written through core.audit.record; never edited."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=60)
    target_type = models.CharField(_("soort object"), max_length=100, blank=True)
    target_id = models.CharField(_("object-id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class OutboxEvent(models.Model):
    """A domain event, written in the transaction of the change it reports (core.events).

    Holds ids and labels only, never personal data. Delivered to each subscriber once
    (EventDelivery); `processed_at` is set when every subscriber has had it."""

    event_id = models.UUIDField(_("gebeurtenis-id"), unique=True)
    type = models.CharField(_("soort gebeurtenis"), max_length=120, db_index=True)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    payload = models.JSONField(_("gegevens"), default=dict, blank=True)
    occurred_at = models.DateTimeField(_("gebeurd op"))
    key = models.CharField(
        _("unieke sleutel"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Voor gebeurtenissen die maar één keer mogen bestaan, zoals 'fase begonnen'."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    failed_at = models.DateTimeField(_("opgegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis (outbox)")
        verbose_name_plural = _("gebeurtenissen (outbox)")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_pending",
                condition=models.Q(processed_at__isnull=True, failed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} #{self.pk}"


class EventDelivery(models.Model):
    """One subscriber's handling of one event: so a retry never repeats a delivery that
    succeeded."""

    event = models.ForeignKey(
        OutboxEvent,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("gebeurtenis"),
    )
    subscriber = models.CharField(_("ontvanger (code)"), max_length=200)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("aflevering van een gebeurtenis")
        verbose_name_plural = _("afleveringen van gebeurtenissen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscriber"], name="event_delivery_once_per_subscriber"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.subscriber}"
