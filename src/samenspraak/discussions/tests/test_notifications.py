"""Following a space or thread: mail at once, the daily digest through the clock, the
unsubscribe link; nobody is mailed about their own contribution."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.core import events
from samenspraak.core.models import OutboxEvent
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.factories import HouseRuleFactory
from samenspraak.discussions import services
from samenspraak.discussions.factories import FollowFactory, ThreadFactory
from samenspraak.discussions.models import Follow, Frequency, PendingNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_events(django_capture_on_commit_callbacks):
    """Run a write and deliver its events (the on-commit tasks run inline)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def comment(run_events, thread, author, body):
    return run_events(
        dialogue_services.comment_create, target=thread, author=author, body=body, position="for"
    )


def test_follow_form_on_the_thread_page(client, thread, resident):
    client.force_login(resident)
    url = reverse("discussions:follow_thread", args=[thread.space.slug, thread.pk])
    response = client.post(url, {"action": "follow", "frequency": Frequency.DAILY}, follow=True)
    assert "één keer per dag een overzicht" in response.content.decode()
    assert Follow.objects.get(user=resident, thread=thread).frequency == Frequency.DAILY
    client.post(url, {"action": "follow", "frequency": Frequency.IMMEDIATE})
    assert Follow.objects.get(user=resident).frequency == Frequency.IMMEDIATE
    client.post(url, {"action": "follow", "frequency": "elk uur"})
    assert Follow.objects.get(user=resident).frequency == Frequency.IMMEDIATE
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_following_needs_a_login(client, thread):
    url = reverse("discussions:follow_space", args=[thread.space.slug])
    response = client.post(url, {"action": "follow", "frequency": Frequency.IMMEDIATE})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Follow.objects.exists()


def test_immediate_mail_for_a_comment_not_for_its_author(run_events, thread):
    follower, writer = UserFactory(email="volger@example.org"), UserFactory()
    FollowFactory(user=follower, thread=thread)
    FollowFactory(user=writer, thread=thread)
    mail.outbox.clear()
    posted = comment(run_events, thread, writer, "Ik ben het eens met het plan.")
    assert [m.to for m in mail.outbox] == [["volger@example.org"]]
    message = mail.outbox[0]
    assert thread.title in message.subject
    assert "Ik ben het eens met het plan." in message.body
    assert f"{thread.get_absolute_url()}?reactie={posted.pk}#reactie-{posted.pk}" in message.body
    assert "/gesprekken/afmelden/" in message.body


def test_one_mail_for_someone_following_the_thread_and_its_space(run_events, thread):
    follower = UserFactory()
    FollowFactory(user=follower, thread=thread)
    FollowFactory(user=follower, space=thread.space)
    mail.outbox.clear()
    comment(run_events, thread, UserFactory(), "Hallo buren")
    assert len(mail.outbox) == 1
    assert "omdat u dit gesprek volgt" in mail.outbox[0].body


def test_space_followers_hear_of_new_threads(run_events, space):
    follower = UserFactory(email="buurt@example.org")
    FollowFactory(user=follower, space=space)
    FollowFactory(user=UserFactory(), space=space, frequency=Frequency.NONE)
    mail.outbox.clear()
    thread = run_events(
        services.thread_open, actor=UserFactory(), space=space, title="Hondenpoep", body="Overal!"
    )
    assert [m.to for m in mail.outbox] == [["buurt@example.org"]]
    assert f"Nieuw gesprek in {space.name}: {thread.title}" == mail.outbox[0].subject


def test_comments_elsewhere_mail_nobody(thread):
    from samenspraak.dialogue.events import CommentPosted
    from samenspraak.dialogue.factories import CommentFactory
    from samenspraak.discussions import notifications
    from samenspraak.processes.factories import ProcessFactory

    FollowFactory(user=UserFactory(), thread=thread)
    mail.outbox.clear()
    # A comment elsewhere whose target has the same id as the thread.
    posted = CommentFactory(target=ProcessFactory(), body="Elders")
    event = CommentPosted(
        comment_id=posted.pk, target_type="processes.process", target_id=thread.pk
    )
    assert notifications.comment_posted(event) == 0
    assert mail.outbox == []


def test_daily_digest_collects_and_sends_once(run_events, space, moderator):
    daily = UserFactory(email="dagelijks@example.org")
    FollowFactory(user=daily, space=space, frequency=Frequency.DAILY)
    mail.outbox.clear()
    first = run_events(
        services.thread_open, actor=UserFactory(), space=space, title="Bomen", body="Meer bomen"
    )
    other = ThreadFactory(space=space, title="Verlichting")
    comment(run_events, first, UserFactory(), "Eens, vooral eiken.")
    comment(run_events, other, UserFactory(), "Het is hier veel te donker.")
    rude = comment(run_events, other, UserFactory(), "Sukkels allemaal.")
    rule = HouseRuleFactory(municipality=space.municipality)
    dialogue_services.content_hide(target=rude, actor=moderator, rule=rule)
    assert mail.outbox == []  # nothing at once for the digest
    assert PendingNotice.objects.filter(user=daily).count() == 4

    early = timezone.make_aware(datetime.datetime(2026, 12, 7, 5, 0))
    assert run_events(services.digest_clock, early) == 0  # before the digest hour
    morning = timezone.make_aware(datetime.datetime(2026, 12, 7, 7, 30))
    assert run_events(services.digest_clock, morning) == 1
    assert run_events(services.digest_clock, morning + datetime.timedelta(hours=3)) == 0
    assert OutboxEvent.objects.filter(key="discussions.digest:2026-12-07").count() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dagelijks@example.org"]
    assert message.subject == "Dagoverzicht: nieuws in 2 gesprekken die u volgt"
    body = message.body
    assert "== Bomen" in body and "Nieuw gesprek." in body
    assert "Eens, vooral eiken." in body and "Het is hier veel te donker." in body
    assert "Sukkels" not in body  # hidden since
    assert "1 nieuwe reactie:" in body
    assert re.search(r"Niet meer volgen: .*\n.*/gesprekken/afmelden/", body)
    assert not PendingNotice.objects.exists()
    # The next day with nothing new: no digest event, no mail.
    next_day = morning + datetime.timedelta(days=1)
    assert run_events(services.digest_clock, next_day) == 0
    assert len(mail.outbox) == 1


def test_digest_clock_is_registered_with_the_events_sweep():
    from samenspraak.core.events import _clocks

    assert _clocks["discussions.digest"] == "samenspraak.discussions.services.digest_clock"
    assert "nl.samenspraak.discussions.digest.due" in events.event_types()


def test_unsubscribe_link_asks_then_stops_following(client, thread, resident):
    item = FollowFactory(user=resident, thread=thread)
    url = reverse("discussions:unsubscribe", args=[services.unsubscribe_token(item)])
    response = client.get(url)
    assert response.status_code == 200 and thread.title in response.content.decode()
    assert Follow.objects.exists()  # a GET (a mail program's link check) changes nothing
    response = client.post(url)
    assert "U volgt dit niet meer" in response.content.decode()
    assert not Follow.objects.exists()
    assert client.get(url).status_code == 404
    assert client.get(url[:-5] + "xxxx/").status_code == 404


def test_a_premoderated_comment_is_mailed_once_a_moderator_lets_it_through(
    run_events, space, moderator
):
    from samenspraak.discussions.models import Moderation

    space.moderation = Moderation.PRE
    space.save()
    thread = ThreadFactory(space=space)
    follower = UserFactory(email="volger@example.org")
    writer = UserFactory(email="schrijver@example.org")
    FollowFactory(user=follower, thread=thread)
    mail.outbox.clear()
    waiting = run_events(
        dialogue_services.comment_create,
        target=thread,
        author=writer,
        body="Eerst langs de moderator.",
        position="for",
    )
    assert waiting.is_pending and mail.outbox == []
    run_events(dialogue_services.comment_approve, comment=waiting, actor=moderator)
    # The follower hears of the comment; its author (dialogue) that it is online now.
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == ["schrijver@example.org", "volger@example.org"]
    assert "Eerst langs de moderator." in sent["volger@example.org"].body
    assert sent["schrijver@example.org"].subject == "Uw reactie staat online"
