"""A participant hears by mail (through the queue, in their own language) whether their own
statement was placed or not; the municipality's seeded statements send nothing."""

import pytest
from django.core import mail

from samenspraak.accounts.factories import UserFactory
from samenspraak.conversations import services
from samenspraak.conversations.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_events(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def submitted(run_events, conversation, email, text, language="nl"):
    author = UserFactory(email=email, language=language)
    statement = run_events(
        services.statement_submit, user=author, conversation=conversation, text=text
    )
    mail.outbox.clear()
    return statement


def test_placed_statement_tells_its_author_with_a_link(run_events, conversation, manager):
    statement = submitted(run_events, conversation, "ilse@example.org", "Meer schaduw op het plein")
    run_events(services.statement_moderate, actor=manager, statement=statement, accept=True)
    assert [m.to for m in mail.outbox] == [["ilse@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Uw stelling is geplaatst"
    assert "Meer schaduw op het plein" in message.body
    assert conversation.title in message.body
    path = f"/processen/{conversation.process.slug}/stellingen/{conversation.pk}/"
    assert f"{path}#stelling-{statement.pk}" in message.body


def test_rejected_statement_tells_its_author_too(run_events, conversation, manager):
    statement = submitted(run_events, conversation, "ilse@example.org", "Iets anders", "en")
    run_events(services.statement_moderate, actor=manager, statement=statement, accept=False)
    assert [m.subject for m in mail.outbox] == ["Your statement was not placed"]
    assert "Iets anders" in mail.outbox[0].body


def test_seeded_statements_mail_nobody(run_events, conversation, manager):
    seeded = StatementFactory(conversation=conversation)
    mail.outbox.clear()
    run_events(services.statement_moderate, actor=manager, statement=seeded, accept=False)
    assert mail.outbox == []
