"""With the real database queue: votes never compute in the request, a burst of votes queues one
deferred run, and the worker stores the groups once the debounce has passed."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samenspraak.accounts.factories import UserFactory
from samenspraak.conversations import tasks
from samenspraak.conversations.factories import ConversationFactory, StatementFactory
from samenspraak.conversations.models import ComputationState, OpinionGroups, Vote

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]


def queued():
    return DBTaskResult.objects.filter(task_path=tasks.compute_opinion_groups.module_path)


def test_a_burst_of_votes_queues_one_deferred_run_and_the_worker_computes(client):
    conversation = ConversationFactory()
    statements = [StatementFactory(conversation=conversation) for _ in range(6)]
    for i in range(20):
        user = UserFactory()
        for j, statement in enumerate(statements):
            value = (1 if i % 2 else -1) * (-1) ** j
            Vote.objects.create(statement=statement, participant=user, value=value)
    voters = UserFactory.create_batch(3)
    before = timezone.now()
    for voter in voters:
        client.force_login(voter)
        for statement in statements:
            url = reverse(
                "conversations:vote",
                args=[conversation.process.slug, conversation.pk, statement.pk],
            )
            assert client.post(url, {"stem": "1"}).status_code == 302
    row = OpinionGroups.objects.get(conversation=conversation)
    assert row.state == ComputationState.QUEUED and row.result == {}  # not in the request
    assert queued().count() == 1
    task = queued().get()
    assert task.run_after >= before + tasks.DEBOUNCE - datetime.timedelta(seconds=1)

    # The worker runs it once the debounce has passed.
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    row.refresh_from_db()
    assert row.state == ComputationState.DONE, row.error
    assert row.votes_counted == 20 * 6 + 3 * 6
    assert row.result["k"] == 2
