"""/api/v1/conversations, .../statements, .../opinion-groups: public, no participant's votes."""

from __future__ import annotations

import pytest
from django.test import Client

from samenspraak.accounts.factories import UserFactory
from samenspraak.conversations import services
from samenspraak.conversations.factories import ConversationFactory, StatementFactory
from samenspraak.conversations.models import Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client()


def test_lists_conversations_of_published_processes_only(api, conversation):
    draft = ConversationFactory()
    draft.process.status = "draft"
    draft.process.save()
    body = api.get("/api/v1/conversations").json()
    assert [c["id"] for c in body["results"]] == [conversation.pk]
    assert body["results"][0]["process"] == conversation.process.slug
    assert api.get(f"/api/v1/conversations/{draft.pk}/statements").status_code == 404
    assert api.get(f"/api/v1/conversations/{draft.pk}/opinion-groups").status_code == 404


def test_statements_with_totals_and_no_pending_ones(api, conversation, statements, resident):
    services.vote_cast(user=resident, statement=statements[0], value=1)
    services.statement_submit(user=resident, conversation=conversation, text="Nog niet beoordeeld")
    body = api.get(f"/api/v1/conversations/{conversation.pk}/statements").json()
    texts = [s["text"] for s in body["results"]]
    assert texts == [s.text for s in statements]
    first = body["results"][0]
    assert (first["agree"], first["disagree"], first["passed"]) == (1, 0, 0)
    assert "participant" not in str(body) and "author" not in str(body)


def test_opinion_groups_before_and_after_computing(
    api, conversation, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    url = f"/api/v1/conversations/{conversation.pk}/opinion-groups"
    assert api.get(url).json()["state"] == "none"
    statements = [StatementFactory(conversation=conversation) for _ in range(6)]
    for i in range(20):
        user = UserFactory()
        for j, statement in enumerate(statements):
            camp = 1 if i % 2 else -1
            Vote.objects.create(statement=statement, participant=user, value=camp * (-1) ** j)
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(user=UserFactory(), statement=statements[0], value=1)
    with django_assert_max_num_queries(6):
        body = api.get(url).json()
    assert body["state"] == "done" and body["k"] == 2 and body["participants"] == 20
    assert sorted(g["size"] for g in body["groups"]) == [10, 10]
    assert body["groups"][0]["representative"][0]["repfulFor"] in ("agree", "disagree")
    assert "points" not in body and "votes" not in str(body)
