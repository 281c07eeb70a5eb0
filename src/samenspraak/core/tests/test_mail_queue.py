"""E-mail goes through the real task queue and the real worker sends it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from samenspraak.core.mail import send_mail_later


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_queued_mail_is_sent_by_the_database_worker():
    """Enqueued mail waits in the database until `db_worker` runs, then it is delivered."""
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    result = send_mail_later(
        "Uw idee is ontvangen", "Dank u wel.", ["inwoner@example.org"], html="<p>Dank u wel.</p>"
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    [message] = mail.outbox
    assert message.subject == "Uw idee is ontvangen"
    assert message.to == ["inwoner@example.org"]
    assert message.alternatives[0][0] == "<p>Dank u wel.</p>"


def test_by_default_tests_send_mail_inline():
    """The root conftest switches tests to the immediate backend: no worker needed."""
    assert type(task_backends["default"]).__name__ == "ImmediateBackend"
    send_mail_later("Onderwerp", "Tekst", ["a@example.org"])
    assert [m.subject for m in mail.outbox] == ["Onderwerp"]
