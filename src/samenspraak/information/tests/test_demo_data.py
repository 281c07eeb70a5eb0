"""The demo chapter fills the demo processes with news, documents, questions and followers."""

import random
from types import SimpleNamespace

import pytest
from django.core import mail

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.information.demo_data import information, tiny_pdf
from samenspraak.information.models import Document, FAQItem, Follow, Update
from samenspraak.information.validators import sniff_format
from samenspraak.processes.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def ctx(processes, seed=1):
    return SimpleNamespace(
        rng=random.Random(seed),
        data={"processes": processes},
        staff={Role.PROCESS_MANAGER.value: [StaffUserFactory(role=Role.PROCESS_MANAGER)]},
        residents=[UserFactory() for _ in range(30)],
    )


def test_demo_chapter_fills_every_process_without_sending_mail():
    processes = [ProcessFactory(), ProcessFactory()]
    mail.outbox.clear()
    information(ctx(processes))
    for process in processes:
        assert Update.objects.filter(process=process).exists()
        assert Document.objects.filter(process=process).count() >= 2
        assert Document.objects.filter(process=process).exclude(file="").count() == 1
        assert FAQItem.objects.filter(process=process).count() >= 2
        assert Follow.objects.filter(process=process).count() >= 3
    assert mail.outbox == []


def test_demo_chapter_skips_without_processes():
    information(ctx([]))
    assert not Update.objects.exists()


def test_generated_pdf_is_recognised_as_pdf():
    from django.core.files.base import ContentFile

    assert sniff_format(ContentFile(tiny_pdf("Raadsvoorstel (concept)"), name="x.pdf")) == "pdf"
