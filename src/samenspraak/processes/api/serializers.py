from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenspraak.organisations.models import Area
from samenspraak.organisations.selectors import area_get, current_municipality
from samenspraak.processes import selectors
from samenspraak.processes.models import ParticipationLevel, PolicyPhase, Process

WHEN = [
    ("current", _("loopt nu")),
    ("upcoming", _("komt nog")),
    ("past", _("afgelopen")),
]


def _link(request, path: str) -> dict:
    return {"href": request.build_absolute_uri(path)}


class PhaseSerializer(serializers.Serializer):
    title = serializers.CharField(source="phase.title")
    kind = serializers.CharField(source="phase.kind")
    description = serializers.CharField(source="phase.description")
    startsAt = serializers.DateTimeField(source="phase.starts_at")  # noqa: N815
    endsAt = serializers.DateTimeField(source="phase.ends_at")  # noqa: N815
    state = serializers.ChoiceField(choices=["past", "current", "upcoming"])


class ProcessSerializer(serializers.ModelSerializer):
    level = serializers.ChoiceField(choices=ParticipationLevel.choices)
    state = serializers.SerializerMethodField()
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    topics = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    publishedAt = serializers.DateTimeField(source="published_at")  # noqa: N815
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Process
        fields = ["slug", "title", "summary", "level", "state", "areas", "topics", "publishedAt"]
        fields += ["_links"]

    def get_state(self, process) -> str:
        return selectors.process_state(process)

    def get__links(self, process) -> dict:
        request = self.context["request"]
        return {
            "self": _link(request, reverse("api:v1:process", args=[process.slug])),
            "inputs": _link(request, reverse("api:v1:inputs") + f"?process={process.slug}"),
            "html": _link(request, reverse("processes:process_detail", args=[process.slug])),
        }


class ProcessDetailSerializer(ProcessSerializer):
    policyPhase = serializers.ChoiceField(  # noqa: N815
        source="policy_phase", choices=PolicyPhase.choices
    )
    commitmentOwner = serializers.CharField(source="commitment_owner")  # noqa: N815
    decisionMaker = serializers.CharField(source="decision_maker")  # noqa: N815
    department = serializers.SlugRelatedField(slug_field="name", read_only=True)
    phases = serializers.SerializerMethodField()

    class Meta(ProcessSerializer.Meta):
        fields = ProcessSerializer.Meta.fields[:-1] + [
            "description",
            "goal",
            "commitment",
            "commitmentOwner",
            "decisionMaker",
            "policyPhase",
            "department",
            "phases",
            "_links",
        ]

    def get_phases(self, process) -> list[dict]:
        return PhaseSerializer(selectors.timeline(process), many=True).data


class ProcessQuery(serializers.Serializer):
    area = serializers.SlugField(required=False, help_text="Korte naam van een gebied.")
    level = serializers.ChoiceField(choices=ParticipationLevel.choices, required=False)
    when = serializers.ChoiceField(choices=WHEN, required=False)

    def validate_area(self, slug) -> Area:
        try:
            return area_get(municipality=current_municipality(), slug=slug)
        except Area.DoesNotExist:
            raise serializers.ValidationError(_("Er is geen gebied met deze korte naam.")) from None
