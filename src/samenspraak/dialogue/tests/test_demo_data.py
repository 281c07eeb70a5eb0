import random
from types import SimpleNamespace

import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.dialogue.demo_data import moderation
from samenspraak.dialogue.models import Comment, HouseRule, Report
from samenspraak.dialogue.selectors import hidden_rules_for, open_report_groups
from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.processes.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def test_demo_chapter_makes_rules_comments_reports_and_one_hidden_comment():
    """With targets from an earlier chapter: house rules, comments, open reports, one hidden."""
    targets = ProcessFactory.create_batch(5)
    # The fields of demo.generator.DemoContext (the domain may not import the demo app).
    ctx = SimpleNamespace(
        seed=1,
        rng=random.Random(1),
        municipality=current_or_new_municipality(),
        districts=[],
        neighbourhoods=[],
        residents=UserFactory.create_batch(5),
        staff={"moderator": [StaffUserFactory(role=Role.MODERATOR, totp=False)]},
        data={"inputs": targets},
    )
    moderation(ctx)
    assert HouseRule.objects.count() == 4
    comments = list(Comment.objects.all())
    assert len(comments) > 5
    assert len(hidden_rules_for(comments)) == 1
    assert Report.objects.filter(resolved_at__isnull=False).count() == 1
    assert open_report_groups()


def test_demo_community_chapter_leaves_a_lively_thread_and_moderation_history():
    from samenspraak.core.models import AuditLogEntry
    from samenspraak.dialogue.demo_data import community
    from samenspraak.dialogue.models import CommentStatus, FilterWord, Mute, Reaction
    from samenspraak.dialogue.services import ModerationAction

    targets = ProcessFactory.create_batch(2)
    ctx = SimpleNamespace(
        seed=1,
        rng=random.Random(1),
        municipality=current_or_new_municipality(),
        districts=[],
        neighbourhoods=[],
        residents=UserFactory.create_batch(15),
        staff={
            "moderator": [StaffUserFactory(role=Role.MODERATOR, totp=False)],
            "process_manager": [StaffUserFactory(role=Role.PROCESS_MANAGER, totp=False)],
        },
        data={"inputs": targets},
    )
    moderation(ctx)
    community(ctx)
    thread = Comment.objects.filter(object_id=targets[0].pk)
    assert thread.filter(parent__isnull=False).exists()
    assert thread.filter(quoted__isnull=False).exists()
    assert thread.filter(official=True, pinned=True).exists()
    assert thread.filter(highlighted=True).exists()
    assert thread.filter(status=CommentStatus.PENDING).count() == 1
    assert Reaction.objects.exists()
    assert FilterWord.objects.count() >= 3
    assert Mute.objects.count() == 1
    logged = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {ModerationAction.PIN, ModerationAction.MUTE, ModerationAction.HIDE} <= logged
