"""Comments and moderation decisions emit domain events (core.events): ids and labels only."""

import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import OutboxEvent
from samenspraak.dialogue import services
from samenspraak.dialogue.events import CommentPosted, ContentModerated
from samenspraak.dialogue.factories import HouseRuleFactory
from samenspraak.dialogue.tests.test_comments import process_with_discussion

pytestmark = pytest.mark.django_db


def payloads(event_type):
    return list(
        OutboxEvent.objects.filter(type=event_type).order_by("pk").values_list("payload", flat=True)
    )


def test_posting_a_comment_emits_comment_posted():
    process = process_with_discussion("during")
    comment = services.comment_create(target=process, author=UserFactory(), body="Goed plan!")
    assert payloads(CommentPosted.type) == [
        {
            "comment_id": comment.pk,
            "target_type": "processes.process",
            "target_id": process.pk,
            "published": True,
        }
    ]
    assert "Goed plan" not in str(payloads(CommentPosted.type))


def test_hiding_keeping_and_restoring_emit_content_moderated():
    process = process_with_discussion("during")
    comment = services.comment_create(target=process, author=UserFactory(), body="Onzin!")
    moderator = StaffUserFactory(role=Role.MODERATOR)
    hide = services.content_hide(target=comment, actor=moderator, rule=HouseRuleFactory())
    restore = services.content_restore(target=comment, actor=moderator)
    keep = services.content_keep(target=comment, actor=moderator)
    assert [
        (p["decision_id"], p["outcome"], p["hidden"]) for p in payloads(ContentModerated.type)
    ] == [
        (hide.pk, "hidden", True),
        (restore.pk, "restored", False),
        (keep.pk, "kept", False),
    ]
    assert {p["target_type"] for p in payloads(ContentModerated.type)} == {"dialogue.comment"}


def test_a_refused_comment_emits_nothing():
    from django.core.exceptions import PermissionDenied

    process = process_with_discussion("after")
    with pytest.raises(PermissionDenied):
        services.comment_create(target=process, author=UserFactory(), body="Te laat")
    assert not OutboxEvent.objects.exists()
