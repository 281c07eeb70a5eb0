from django.urls import reverse
from rest_framework import serializers

from samenspraak.budgeting.models import BallotType, Budget, OutcomeRule
from samenspraak.consultation.api.serializers import TraceStep


class BudgetSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    ballotType = serializers.ChoiceField(source="ballot_type", choices=BallotType.choices)  # noqa: N815
    rule = serializers.ChoiceField(choices=OutcomeRule.choices)
    resultPublished = serializers.BooleanField(source="result_published")  # noqa: N815
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Budget
        fields = ["id", "process", "title", "description", "area", "amount", "ballotType"]
        fields += ["rule", "resultPublished", "_links"]

    def get__links(self, budget) -> dict:
        request = self.context["request"]
        links = {}
        if budget.result_published:
            path = reverse("api:v1:budget_result", args=[budget.pk])
            links["result"] = {"href": request.build_absolute_uri(path)}
        return links


class ResultProjectSerializer(serializers.Serializer):
    input = serializers.IntegerField(source="project.input_id")
    title = serializers.CharField()
    cost = serializers.DecimalField(source="project.cost", max_digits=14, decimal_places=2)
    funded = serializers.BooleanField()
    order = serializers.IntegerField(allow_null=True, help_text="Volgorde van toekennen.")
    votes = serializers.IntegerField()
    score = serializers.FloatField()
    explanation = serializers.CharField(source="sentence")


class ResultSerializer(serializers.Serializer):
    budget = serializers.IntegerField(source="result.budget_id")
    rule = serializers.ChoiceField(source="result.rule", choices=OutcomeRule.choices)
    ballots = serializers.IntegerField(source="result.ballots")
    publishedAt = serializers.DateTimeField(source="result.published_at")  # noqa: N815
    projects = ResultProjectSerializer(source="rows", many=True)


class BudgetProjectTrace(serializers.Serializer):
    """What happened with a budget project: proposed, reviewed, on the ballot, chosen or not
    (with the votes and the amount in the text), and what other components add (delivery),
    each step dated and linked, in order."""

    project = serializers.IntegerField()
    budget = serializers.IntegerField()
    input = serializers.IntegerField(help_text="The input the project was proposed as.")
    steps = TraceStep(many=True)
