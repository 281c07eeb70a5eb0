"""The demo chapter: a running statement poll with a few hundred voters and computed groups."""

from __future__ import annotations

import random

import pytest

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.conversations.demo_data import statement_poll
from samenspraak.conversations.models import ComputationState, Conversation, StatementStatus
from samenspraak.demo.generator import DemoContext
from samenspraak.organisations.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_demo_statement_poll_has_groups_and_consensus():
    ctx = DemoContext(
        seed=1,
        rng=random.Random(1),
        municipality=MunicipalityFactory(),
        districts=[],
        neighbourhoods=[],
        residents=UserFactory.create_batch(260),
        staff={"process_manager": [StaffUserFactory(role=Role.PROCESS_MANAGER)]},
    )
    statement_poll(ctx)
    conversation = Conversation.objects.get()
    statuses = set(conversation.statements.values_list("status", flat=True))
    assert statuses == {StatementStatus.ACCEPTED, StatementStatus.PENDING, StatementStatus.REJECTED}
    row = conversation.opinion_groups
    assert row.state == ComputationState.DONE, row.error
    assert 2 <= row.result["k"] <= 4
    assert row.result["in_conversation"] >= 200
    assert row.result["consensus"]["agree"]
    statement_poll(ctx)  # a second run adds nothing
    assert Conversation.objects.count() == 1
