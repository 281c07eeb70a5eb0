from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenspraak.core.richtext import render_markdown
from samenspraak.information.models import Update


class UpdateSerializer(serializers.ModelSerializer):
    """`body` is the text as written (core.richtext's Markdown subset); `bodyHtml` is the
    sanitised HTML the site shows."""

    process = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    publishedAt = serializers.DateTimeField(source="published_at")  # noqa: N815
    bodyHtml = serializers.SerializerMethodField()  # noqa: N815

    class Meta:
        model = Update
        fields = ["id", "process", "title", "body", "bodyHtml", "publishedAt"]

    @extend_schema_field(serializers.CharField())
    def get_bodyHtml(self, update: Update) -> str:  # noqa: N802
        return str(render_markdown(update.body))


class UpdateIn(serializers.Serializer):
    """A news update; `body` is the text as written: the Markdown subset of the staff
    page (paragraphs, **bold**, *italic*, lists, links, ## headings; simple HTML is cleaned)."""

    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
