"""The author of a comment that waited for a moderator hears what happened, by mail through
the queue: online (with a link to the page holding it) or not placed (with the broken house rule
and their own text). Comments that never waited, and other decisions, send nothing."""

import pytest
from django.core import mail

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.dialogue import services
from samenspraak.dialogue.factories import HouseRuleFactory
from samenspraak.dialogue.permissions import register_comment_options, unregister_comment_options
from samenspraak.dialogue.tests.test_comments import process_with_discussion
from samenspraak.processes.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture
def premoderated():
    register_comment_options(Process, premoderate=lambda process: True)
    yield
    unregister_comment_options(Process)


@pytest.fixture
def run_events(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def moderator():
    return StaffUserFactory(role=Role.MODERATOR, totp=False)


def test_approved_comment_tells_its_author_with_a_link(premoderated, run_events):
    process = process_with_discussion()
    author = UserFactory(email="sem@example.org")
    comment = run_events(
        services.comment_create, target=process, author=author, body="Meer bomen in de straat."
    )
    assert comment.is_pending
    mail.outbox.clear()
    run_events(services.comment_approve, comment=comment, actor=moderator())
    assert [m.to for m in mail.outbox] == [["sem@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Uw reactie staat online"
    assert "Meer bomen in de straat." in message.body
    assert f"?reactie={comment.pk}#reactie-{comment.pk}" in message.body


def test_hidden_waiting_comment_tells_its_author_the_rule_and_keeps_the_text(
    premoderated, run_events
):
    process = process_with_discussion()
    author = UserFactory(email="sem@example.org")
    comment = run_events(
        services.comment_create, target=process, author=author, body="Iedereen hier is dom."
    )
    mail.outbox.clear()
    rule = HouseRuleFactory(title="Wees respectvol")
    run_events(services.content_hide, target=comment, actor=moderator(), rule=rule)
    assert [m.to for m in mail.outbox] == [["sem@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Uw reactie is niet geplaatst"
    assert "De reactie breekt deze huisregel: Wees respectvol." in message.body
    assert "Iedereen hier is dom." in message.body
    assert "/huisregels/" in message.body


def test_an_english_speaking_author_gets_english(premoderated, run_events):
    process = process_with_discussion()
    author = UserFactory(email="kim@example.org", language="en")
    comment = run_events(services.comment_create, target=process, author=author, body="Trees!")
    mail.outbox.clear()
    run_events(services.comment_approve, comment=comment, actor=moderator())
    assert mail.outbox[0].subject == "Your comment is online"


def test_hiding_a_published_comment_or_keeping_one_mails_nobody(run_events):
    process = process_with_discussion()
    comment = run_events(
        services.comment_create, target=process, author=UserFactory(), body="Gewoon online."
    )
    assert not comment.is_pending
    mail.outbox.clear()
    run_events(services.content_keep, target=comment, actor=moderator())
    run_events(services.content_hide, target=comment, actor=moderator(), rule=HouseRuleFactory())
    assert mail.outbox == []
