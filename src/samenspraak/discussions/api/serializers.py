"""What the API shows of discussion spaces and threads: public data only (no authors)."""

from rest_framework import serializers

from samenspraak.discussions.models import Space, Thread


class SpaceSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    isOpen = serializers.BooleanField(source="is_open")  # noqa: N815
    premoderated = serializers.SerializerMethodField()
    houseRules = serializers.SerializerMethodField()  # noqa: N815

    class Meta:
        model = Space
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "area",
            "topic",
            "intro",
            "isOpen",
            "premoderated",
            "houseRules",
        ]

    def get_premoderated(self, space: Space) -> bool:
        return space.moderation == "pre"

    def get_houseRules(self, space: Space) -> list[str]:  # noqa: N802
        return [f"{title}: {text}" if text else title for title, text in space.rule_list()]


class ThreadSerializer(serializers.ModelSerializer):
    byMunicipality = serializers.BooleanField(source="by_staff")  # noqa: N815
    isOpen = serializers.BooleanField(source="is_open")  # noqa: N815
    closedReason = serializers.CharField(source="closed_reason")  # noqa: N815
    summaryAt = serializers.DateTimeField(source="summary_at", allow_null=True)  # noqa: N815
    comments = serializers.IntegerField(source="comment_count")
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815
    lastActivity = serializers.DateTimeField(source="last_activity")  # noqa: N815

    class Meta:
        model = Thread
        fields = [
            "id",
            "title",
            "body",
            "byMunicipality",
            "isOpen",
            "closedReason",
            "pinned",
            "summary",
            "summaryAt",
            "comments",
            "createdAt",
            "lastActivity",
        ]
