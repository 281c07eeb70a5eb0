"""Answer e-mail is a subscriber to InputAnswered: rendered in the worker, in each recipient's
own language, never in the web process. Real queue, real worker, PostgreSQL."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samenspraak.accounts.factories import UserFactory
from samenspraak.accounts.models import NotificationConsent, NotificationKind
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.tests.conftest import log_in_staff
from samenspraak.information import services as information_services

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def test_an_english_resident_gets_english_mail_when_dutch_staff_answer(client, phase, manager):
    author = UserFactory(language="en")
    NotificationConsent.objects.create(user=author, kind=NotificationKind.ANSWERS)
    dutch_follower = UserFactory(language="nl")
    NotificationConsent.objects.create(user=dutch_follower, kind=NotificationKind.PROCESS_UPDATES)
    information_services.follow(user=dutch_follower, process=phase.process)
    item = InputFactory(phase=phase, author=author, title="Meer bankjes bij de vijver")
    log_in_staff(client, manager)

    response = client.post(  # the staff member works in Dutch
        reverse("consultation:answer", args=[item.pk]),
        {"outcome": "adopted", "body": "Dank u wel, we plaatsen er twee.", "reason": "Past."},
    )

    assert response.status_code == 302
    # The web process rendered and sent nothing: only the event's delivery task is queued.
    assert mail.outbox == []
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == {"samenspraak.core.events.dispatch_event"}

    run_worker()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {author.email, dutch_follower.email}
    english = by_address[author.email]
    assert english.subject == "The municipality's answer to: Meer bankjes bij de vijver"
    assert "The municipality has answered your input" in english.body
    assert "Adopted" in english.body
    assert f"/en/processen/{phase.process.slug}/inbreng/{item.pk}/" in english.body
    dutch = by_address[dutch_follower.email]
    assert dutch.subject == "Antwoord van de gemeente op: Meer bankjes bij de vijver"
    assert "Overgenomen" in dutch.body
    assert "/en/" not in dutch.body


def test_answer_mail_respects_consent_and_reaches_each_person_once(phase, manager):
    """Author without consent: nothing; a follower without consent: nothing; the author who
    also follows: one mail (the author's)."""
    from samenspraak.consultation import services

    author = UserFactory()
    NotificationConsent.objects.create(user=author, kind=NotificationKind.ANSWERS)
    NotificationConsent.objects.create(user=author, kind=NotificationKind.PROCESS_UPDATES)
    silent = UserFactory()
    for person in (author, silent):
        information_services.follow(user=person, process=phase.process)
    item = InputFactory(phase=phase, author=author, title="Een bank bij de vijver")
    quiet_item = InputFactory(phase=phase, author=silent, title="Een boom bij de school")

    for target in (item, quiet_item):
        services.input_answer(
            actor=manager,
            input=target,
            body="Dank u wel voor uw idee.",
            outcome="adopted",
            reason="Past in het plan.",
        )
    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(task_path="samenspraak.core.mail.deliver_email").exists()
    run_worker()

    # One mail per answer, both to the author: as author of `item`, as follower of the other.
    assert [m.to for m in mail.outbox] == [[author.email], [author.email]]
    assert sorted(item.title in m.body for m in mail.outbox) == [False, True]
    mine = next(m for m in mail.outbox if item.title in m.body)
    assert "gereageerd op uw inbreng" in mine.body
    theirs = next(m for m in mail.outbox if quiet_item.title in m.body)
    assert "een proces dat u volgt" in theirs.body
