"""What the API shows of conversations: statements with totals and the opinion groups; never a
participant's votes."""

from rest_framework import serializers

from samenspraak.conversations.models import Conversation, Statement


class ConversationSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    allowStatements = serializers.BooleanField(source="allow_statements")  # noqa: N815
    opensAt = serializers.DateTimeField(source="phase.starts_at")  # noqa: N815
    closesAt = serializers.DateTimeField(source="phase.ends_at")  # noqa: N815

    class Meta:
        model = Conversation
        fields = ["id", "process", "title", "intro", "allowStatements", "opensAt", "closesAt"]


class StatementSerializer(serializers.ModelSerializer):
    byMunicipality = serializers.BooleanField(source="seeded")  # noqa: N815
    agree = serializers.IntegerField(source="n_agree")
    disagree = serializers.IntegerField(source="n_disagree")
    passed = serializers.IntegerField(source="n_pass")
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815

    class Meta:
        model = Statement
        fields = ["id", "text", "byMunicipality", "agree", "disagree", "passed", "createdAt"]


class GroupStatementSerializer(serializers.Serializer):
    statement = serializers.IntegerField()
    text = serializers.CharField()
    repfulFor = serializers.ChoiceField(choices=["agree", "disagree"], source="for")  # noqa: N815
    nSuccess = serializers.IntegerField(source="n_success")  # noqa: N815
    nTrials = serializers.IntegerField(source="n_trials")  # noqa: N815
    pSuccess = serializers.FloatField(source="p_success")  # noqa: N815


class GroupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    size = serializers.IntegerField()
    representative = GroupStatementSerializer(many=True)


class ConsensusSerializer(serializers.Serializer):
    agree = GroupStatementSerializer(many=True)
    disagree = GroupStatementSerializer(many=True)


class OpinionGroupsSerializer(serializers.Serializer):
    conversation = serializers.IntegerField()
    state = serializers.CharField(help_text="none, queued, running, done or failed")
    computedAt = serializers.DateTimeField(allow_null=True)  # noqa: N815
    k = serializers.IntegerField(help_text="the number of groups")
    participants = serializers.IntegerField()
    groups = GroupSerializer(many=True)
    consensus = ConsensusSerializer()
