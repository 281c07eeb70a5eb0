"""What the API shows of a burgerberaad: the settings, the commitment, and after publication the
anonymised lottery and selection probabilities (public ids only). Never a name, an address or
anyone's characteristics."""

from rest_framework import serializers


class QuotaSerializer(serializers.Serializer):
    feature = serializers.CharField()
    value = serializers.CharField()
    min = serializers.IntegerField()
    max = serializers.IntegerField()
    panel = serializers.IntegerField(help_text="panel members with this value")
    pool = serializers.IntegerField(help_text="volunteers with this value")


class LotteryPanelSerializer(serializers.Serializer):
    panel = serializers.ListField(child=serializers.CharField(), help_text="public ids")
    probability = serializers.FloatField()


class PublicationSerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    seed = serializers.CharField(help_text="the revealed seed of the draw")
    panel = serializers.ListField(child=serializers.CharField(), help_text="public ids")
    reserves = serializers.ListField(
        child=serializers.CharField(), help_text="public ids, in order"
    )
    probabilities = serializers.DictField(
        child=serializers.FloatField(), help_text="public id -> selection probability"
    )
    lottery = LotteryPanelSerializer(many=True)
    quotas = QuotaSerializer(many=True)


class AssemblySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    process = serializers.CharField(source="process.slug", help_text="the process's slug")
    title = serializers.CharField()
    stage = serializers.CharField(help_text="setup, invited, closed, drawn or published")
    panelSize = serializers.IntegerField(source="panel_size")  # noqa: N815
    algorithm = serializers.CharField()
    householdRule = serializers.BooleanField(source="household_rule")  # noqa: N815
    seedCommitment = serializers.CharField(  # noqa: N815
        source="seed_commitment",
        help_text="sha256 of the draw's seed, published before the draw (empty until then)",
    )
    publishedAt = serializers.DateTimeField(source="published_at", allow_null=True)  # noqa: N815


class AssemblyDetailSerializer(AssemblySerializer):
    publication = PublicationSerializer(
        allow_null=True, help_text="null until the panel is published"
    )
