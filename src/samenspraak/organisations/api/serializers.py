from rest_framework import serializers

from samenspraak.organisations.models import Area, AreaKind


class AreaChildSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["slug", "name"]


class AreaSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=AreaKind.choices)
    cbsCode = serializers.CharField(source="cbs_code")  # noqa: N815 (API names are camelCase)
    children = AreaChildSerializer(many=True, read_only=True)

    class Meta:
        model = Area
        fields = ["slug", "name", "kind", "cbsCode", "description", "children"]
