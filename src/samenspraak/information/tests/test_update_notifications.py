"""Update e-mail is a subscriber to UpdatePublished: one mail per consenting follower, rendered
in the worker in the follower's language. Real queue, real worker."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from samenspraak.accounts.factories import NotificationConsentFactory, UserFactory
from samenspraak.accounts.models import NotificationKind
from samenspraak.core.models import OutboxEvent
from samenspraak.information import services
from samenspraak.information.events import UpdatePublished

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]


def follower(process, language):
    user = UserFactory(language=language)
    services.follow(user=user, process=process)
    NotificationConsentFactory(user=user, kind=NotificationKind.PROCESS_UPDATES)
    return user


def test_each_follower_gets_the_update_in_their_own_language(manager, process):
    english, dutch = follower(process, "en"), follower(process, "nl")

    update = services.update_create(
        actor=manager, process=process, title="Ontwerp klaar", body="<p>Bekijk het ontwerp.</p>"
    )

    assert mail.outbox == []  # nothing rendered in the web process
    event = OutboxEvent.objects.get()
    assert (event.type, event.payload) == (
        UpdatePublished.type,
        {"update_id": update.pk, "process_id": process.pk},
    )
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {english.email, dutch.email}
    assert by_address[english.email].subject == f"News about {process.title}: Ontwerp klaar"
    assert "There is news about" in by_address[english.email].body
    assert f"/en/processen/{process.slug}/nieuws/{update.pk}/" in by_address[english.email].body
    assert by_address[dutch.email].subject == f"Nieuws over {process.title}: Ontwerp klaar"
    assert "Bekijk het ontwerp." in by_address[dutch.email].body
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_imports_and_demo_data_emit_no_event(manager, process):
    follower(process, "nl")
    services.update_create(actor=manager, process=process, title="Oud", body="b", notify=False)
    assert not OutboxEvent.objects.exists()
    assert not DBTaskResult.objects.exists()
