from rest_framework import serializers

from samenspraak.information.models import Update


class UpdateSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    publishedAt = serializers.DateTimeField(source="published_at")  # noqa: N815

    class Meta:
        model = Update
        fields = ["id", "process", "title", "body", "publishedAt"]


class UpdateIn(serializers.Serializer):
    """A news update; `body` may hold simple HTML (it is cleaned as on the staff page)."""

    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
