from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenspraak.consultation.models import Input, InputStatus, OfficialAnswer, Outcome
from samenspraak.organisations.models import Area
from samenspraak.organisations.selectors import area_get, current_municipality
from samenspraak.processes.models import Process
from samenspraak.processes.selectors import process_get_public


class AnswerSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    publishedAt = serializers.DateTimeField(source="published_at")  # noqa: N815

    class Meta:
        model = OfficialAnswer
        fields = ["body", "outcome", "reason", "publishedAt"]


class InputSerializer(serializers.ModelSerializer):
    """An input as its public page shows it: the author only by their public name."""

    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    topic = serializers.SlugRelatedField(slug_field="name", read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=InputStatus.choices)
    authorName = serializers.CharField(source="public_name")  # noqa: N815
    supportCount = serializers.IntegerField(source="support_count")  # noqa: N815
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815
    dueDate = serializers.DateField(source="due_date")  # noqa: N815
    placeName = serializers.CharField(  # noqa: N815
        source="place_name",
        help_text="De straat bij de plek (als de gemeente een opzoekdienst instelde), anders leeg.",
    )
    answeredAt = serializers.DateTimeField(source="answered_at", allow_null=True)  # noqa: N815
    answer = serializers.SerializerMethodField()
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Input
        fields = [
            "id",
            "process",
            "title",
            "body",
            "area",
            "topic",
            "latitude",
            "longitude",
            "placeName",
            "status",
            "authorName",
            "supportCount",
            "createdAt",
            "dueDate",
            "answeredAt",
            "answer",
            "_links",
        ]

    def get_answer(self, item) -> AnswerSerializer(allow_null=True):  # type: ignore[valid-type]
        answer = getattr(item, "answer", None) if hasattr(item, "answer") else None
        return AnswerSerializer(answer).data if answer is not None else None

    def get__links(self, item) -> dict:
        request = self.context["request"]
        return {
            "self": {"href": request.build_absolute_uri(reverse("api:v1:input", args=[item.pk]))},
            "html": {"href": request.build_absolute_uri(item.get_absolute_url())},
        }


class InputQuery(serializers.Serializer):
    process = serializers.SlugField(required=False, help_text="Korte naam van een proces.")
    area = serializers.SlugField(required=False, help_text="Korte naam van een gebied.")
    status = serializers.ChoiceField(choices=InputStatus.choices, required=False)

    def validate_process(self, slug) -> Process:
        try:
            return process_get_public(slug)
        except Process.DoesNotExist:
            raise serializers.ValidationError(
                _("Er is geen openbaar proces met deze korte naam.")
            ) from None

    def validate_area(self, slug) -> Area:
        try:
            return area_get(municipality=current_municipality(), slug=slug)
        except Area.DoesNotExist:
            raise serializers.ValidationError(_("Er is geen gebied met deze korte naam.")) from None


class AnswerIn(serializers.Serializer):
    """The municipality's answer; the rules on length are the same as on the staff page."""

    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    reason = serializers.CharField(allow_blank=True, trim_whitespace=False)


class TraceStep(serializers.Serializer):
    """One dated step of the golden thread (core.trace), as every `…/trace` resource gives it."""

    kind = serializers.CharField(
        help_text="What kind of step: `input`, `answer`, `initiative` (a status the initiative "
        "reached), `decision` (the council decided), `ballot`, `result`, `delivery`, "
        "`milestone`, or another kind an app adds."
    )
    at = serializers.DateTimeField(help_text="When it happened (a day counts from its start).")
    title = serializers.CharField(help_text="One plain-language line, in the request's language.")
    text = serializers.CharField(allow_blank=True, help_text="More, as plain text; may be empty.")
    status = serializers.CharField(
        allow_blank=True,
        help_text="A stable status where the step has one (an answer's outcome, an initiative's "
        "status, a council decision's outcome, `funded`/`not_funded`); may be empty.",
    )
    source = serializers.CharField(help_text="The component that told this step.")
    _links = serializers.DictField(
        child=serializers.DictField(child=serializers.URLField()),
        help_text="`html`: the page that shows it; `api`: its resource; `official`: the "
        "official record, where there is one.",
    )


class InputTrace(serializers.Serializer):
    """What happened with an input: every step with its date, in order, with links."""

    input = serializers.IntegerField()
    steps = TraceStep(many=True)
