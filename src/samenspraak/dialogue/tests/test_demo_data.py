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
