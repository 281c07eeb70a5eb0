from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenspraak.consultation.api.serializers import TraceStep
from samenspraak.initiatives.models import (
    PUBLIC_STATUSES,
    CouncilDecision,
    Initiative,
    InitiativeKind,
    Outcome,
    Status,
    Step,
)


class StepSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Status.choices)

    class Meta:
        model = Step
        fields = ["status", "at", "note"]


class InitiativeSerializer(serializers.ModelSerializer):
    """An initiative as its public page shows it: the status and the number of signatures,
    never who signed."""

    kind = serializers.ChoiceField(choices=InitiativeKind.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    councilAsk = serializers.CharField(source="council_ask")  # noqa: N815
    signatureCount = serializers.IntegerField(source="signature_count")  # noqa: N815
    signaturesNeeded = serializers.IntegerField(source="signatures_needed")  # noqa: N815
    lastDay = serializers.DateField(source="last_day", allow_null=True)  # noqa: N815
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815
    steps = StepSerializer(many=True, read_only=True)
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "kind",
            "title",
            "problem",
            "proposal",
            "councilAsk",
            "area",
            "status",
            "signatureCount",
            "signaturesNeeded",
            "lastDay",
            "createdAt",
            "steps",
            "_links",
        ]

    def get__links(self, item) -> dict:
        request = self.context["request"]
        return {
            "self": {
                "href": request.build_absolute_uri(reverse("api:v1:initiative", args=[item.pk]))
            },
            "html": {"href": request.build_absolute_uri(item.get_absolute_url())},
        }


class CouncilDecisionSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    initiative = serializers.SerializerMethodField()
    meeting = serializers.CharField(source="meeting.title")
    decidedOn = serializers.DateField(source="decided_on")  # noqa: N815
    decisionUrl = serializers.URLField(source="decision_url")  # noqa: N815

    class Meta:
        model = CouncilDecision
        fields = [
            "id",
            "initiative",
            "meeting",
            "outcome",
            "motivation",
            "decidedOn",
            "decisionUrl",
        ]

    def get_initiative(self, decision) -> dict:
        request = self.context["request"]
        return {
            "id": decision.initiative_id,
            "title": decision.initiative.title,
            "href": request.build_absolute_uri(
                reverse("api:v1:initiative", args=[decision.initiative_id])
            ),
        }


class InitiativeQuery(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Status.choices,
        required=False,
        help_text="Een openbare status (niet concept of in_review).",
    )

    def validate_status(self, status: str) -> str:
        if status not in PUBLIC_STATUSES:
            raise serializers.ValidationError(_("Deze status is niet openbaar."))
        return status


class DecisionQuery(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)


class InitiativeTrace(serializers.Serializer):
    """What happened with an initiative: every step with its date (kind `initiative`), the
    council's decisions (kind `decision`, with the official record under `_links.official`)
    and what other components add (delivery), in order, with links."""

    initiative = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    steps = TraceStep(many=True)
