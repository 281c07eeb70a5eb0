from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenspraak.delivery.models import DeliveryProject, Milestone, ProjectStatus


class DeliveryMilestoneSerializer(serializers.ModelSerializer):
    plannedOn = serializers.DateField(source="planned_on")  # noqa: N815
    doneOn = serializers.DateField(source="done_on", allow_null=True)  # noqa: N815

    class Meta:
        model = Milestone
        fields = ["title", "plannedOn", "doneOn"]


class DeliveryOriginSerializer(serializers.Serializer):
    """What led to the project, with a link to its API resource."""

    kind = serializers.ChoiceField(
        choices=[
            ("consultation.Input", "consultation.Input"),
            ("budgeting.BudgetProject", "budgeting.BudgetProject"),
            ("initiatives.Initiative", "initiatives.Initiative"),
            ("initiatives.CouncilDecision", "initiatives.CouncilDecision"),
        ],
        source="key",
        help_text="`budgeting.BudgetProject` links to the input the project was proposed as.",
    )
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    _links = serializers.SerializerMethodField()

    def get__links(self, item) -> dict:
        request = self.context["request"]
        return {
            "self": {"href": request.build_absolute_uri(item.api_url)},
            "html": {"href": request.build_absolute_uri(item.url)},
        }


class DeliveryBudgetSerializer(serializers.Serializer):
    planned = serializers.DecimalField(
        source="budget_planned", max_digits=14, decimal_places=2, allow_null=True
    )
    spent = serializers.DecimalField(source="budget_spent", max_digits=14, decimal_places=2)


class DeliveryProjectSerializer(serializers.ModelSerializer):
    """A public delivery project: status, progress, budget, milestones and origins."""

    status = serializers.ChoiceField(choices=ProjectStatus.choices)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    department = serializers.CharField(source="department.name", allow_null=True, default=None)
    budget = DeliveryBudgetSerializer(source="*")
    startsOn = serializers.DateField(source="starts_on", allow_null=True)  # noqa: N815
    endsOn = serializers.DateField(source="ends_on", allow_null=True)  # noqa: N815
    deliveredOn = serializers.DateField(source="delivered_on", allow_null=True)  # noqa: N815
    milestones = DeliveryMilestoneSerializer(many=True, read_only=True)
    origins = serializers.SerializerMethodField()
    _links = serializers.SerializerMethodField()

    class Meta:
        model = DeliveryProject
        fields = [
            "id",
            "title",
            "description",
            "status",
            "progress",
            "budget",
            "area",
            "department",
            "latitude",
            "longitude",
            "startsOn",
            "endsOn",
            "deliveredOn",
            "milestones",
            "origins",
            "_links",
        ]

    @extend_schema_field(DeliveryOriginSerializer(many=True))
    def get_origins(self, item):
        origins = self.context.get("origins", {}).get(item.pk, [])
        return DeliveryOriginSerializer(origins, many=True, context=self.context).data

    def get__links(self, item) -> dict:
        request = self.context["request"]
        return {
            "self": {
                "href": request.build_absolute_uri(
                    reverse("api:v1:delivery_project", args=[item.pk])
                )
            },
            "html": {"href": request.build_absolute_uri(item.get_absolute_url())},
        }


class DeliveryProjectQuery(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    area = serializers.SlugField(
        required=False, help_text="De korte naam van een gebied; ook zijn buurten tellen mee."
    )
