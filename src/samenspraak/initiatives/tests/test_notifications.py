"""Initiative e-mail is a subscriber to the initiative's events: rendered in the worker, in each
recipient's language; initiators hear of every step, signers only when they asked to.
Real queue, real worker, PostgreSQL."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import (
    ByLawFactory,
    InitiativeFactory,
    MeetingFactory,
    eligible_resident,
)
from samenspraak.initiatives.models import CoInitiator, Outcome

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def test_each_step_reaches_initiators_and_signers_who_asked_in_their_language(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ByLawFactory()
    initiator = eligible_resident(language="en")
    co = eligible_resident(language="nl")
    initiative = InitiativeFactory(signatures_needed=2, initiator=initiator, title="Bankjes")
    CoInitiator.objects.create(initiative=initiative, user=co)
    keen = eligible_resident(language="nl")
    quiet = eligible_resident()
    services.signature_add(user=keen, initiative=initiative, notify=True)
    services.signature_add(user=quiet, initiative=initiative, notify=False)
    run_worker()

    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {initiator.email, co.email, keen.email}
    assert "has enough signatures" in by_address[initiator.email].subject
    assert "heeft genoeg handtekeningen" in by_address[co.email].subject
    assert "/en/initiatieven/" in by_address[initiator.email].body
    assert "op de hoogte te blijven" in by_address[keen.email].body

    mail.outbox.clear()
    clerk = StaffUserFactory(role=Role.CLERK)
    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(hours=1))
    services.initiative_schedule(actor=clerk, initiative=initiative, meeting=meeting)
    meeting.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    meeting.save()
    services.decision_record(
        actor=clerk,
        initiative=initiative,
        outcome=Outcome.REJECTED,
        motivation="De raad kiest voor een andere plek in het park.",
        decided_on=timezone.localdate(),
        decision_url="https://voorbeeldstad.raadsinformatie.nl/besluit/9",
    )
    run_worker()
    assert len(mail.outbox) == 6  # scheduled and decided, to three people each
    decided = [m for m in mail.outbox if m.to == [keen.email] and "besliste" in m.subject]
    assert len(decided) == 1
    assert "Verworpen" in decided[0].body and "besluit/9" in decided[0].body
