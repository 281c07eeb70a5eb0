from django.urls import reverse
from rest_framework import serializers

from samenspraak.webhooks.models import Delivery, Subscription


class SubscriptionSerializer(serializers.ModelSerializer):
    """A subscription as its integration sees it; the secret is never shown again."""

    eventTypes = serializers.ListField(source="event_types", child=serializers.CharField())  # noqa: N815
    targetUrl = serializers.URLField(source="target_url")  # noqa: N815
    active = serializers.BooleanField(
        source="is_active", help_text="Uit na 410 Gone van de ontvanger; een beheerder zet het aan."
    )
    validatedAt = serializers.DateTimeField(  # noqa: N815
        source="validated_at",
        allow_null=True,
        help_text="Wanneer de ontvanger toestemming gaf (OPTIONS-controle); leeg: er wordt "
        "niets verstuurd.",
    )
    validationError = serializers.CharField(  # noqa: N815
        source="validation_error", help_text="Waarom de controle mislukte (leeg als gelukt)."
    )
    allowedRate = serializers.IntegerField(  # noqa: N815
        source="allowed_rate",
        allow_null=True,
        help_text="Berichten per minuut die de ontvanger toestaat (WebHook-Allowed-Rate); "
        "leeg: geen grens.",
    )
    deactivatedAt = serializers.DateTimeField(source="deactivated_at", allow_null=True)  # noqa: N815
    deactivatedReason = serializers.CharField(source="deactivated_reason")  # noqa: N815
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Subscription
        fields = [
            "id",
            "eventTypes",
            "targetUrl",
            "active",
            "validatedAt",
            "validationError",
            "allowedRate",
            "deactivatedAt",
            "deactivatedReason",
            "createdAt",
            "_links",
        ]

    def get__links(self, subscription) -> dict:
        request = self.context["request"]
        url = reverse("api:v1:webhook_subscription", args=[subscription.pk])
        return {"self": {"href": request.build_absolute_uri(url)}}


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    secret = serializers.CharField(
        help_text="Het gedeelde geheim om de handtekening te controleren; alleen nu getoond."
    )

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]


class SubscriptionIn(serializers.Serializer):
    targetUrl = serializers.CharField(max_length=500, help_text="https-adres van de ontvanger.")  # noqa: N815
    eventTypes = serializers.ListField(  # noqa: N815
        child=serializers.CharField(max_length=120),
        min_length=1,
        max_length=50,
        help_text="Soorten gebeurtenissen, bijv. nl.samenspraak.consultation.input.answered.",
    )


class SubscriptionChange(serializers.Serializer):
    targetUrl = serializers.CharField(  # noqa: N815
        max_length=500, required=False, help_text="Nieuw https-adres; wordt opnieuw gecontroleerd."
    )
    eventTypes = serializers.ListField(  # noqa: N815
        child=serializers.CharField(max_length=120), min_length=1, max_length=50, required=False
    )


class DeliverySerializer(serializers.ModelSerializer):
    subscription = serializers.IntegerField(source="subscription_id")
    eventId = serializers.UUIDField(source="event_id")  # noqa: N815
    eventType = serializers.CharField(source="event_type")  # noqa: N815
    statusCode = serializers.IntegerField(source="status_code", allow_null=True)  # noqa: N815
    responseMs = serializers.IntegerField(source="response_ms", allow_null=True)  # noqa: N815
    lastError = serializers.CharField(source="last_error")  # noqa: N815
    nextAttemptAt = serializers.DateTimeField(source="next_attempt_at", allow_null=True)  # noqa: N815
    deliveredAt = serializers.DateTimeField(source="delivered_at", allow_null=True)  # noqa: N815
    failedAt = serializers.DateTimeField(source="failed_at", allow_null=True)  # noqa: N815
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815

    class Meta:
        model = Delivery
        fields = [
            "id",
            "subscription",
            "eventId",
            "eventType",
            "attempts",
            "statusCode",
            "responseMs",
            "lastError",
            "nextAttemptAt",
            "deliveredAt",
            "failedAt",
            "createdAt",
        ]
