"""Paper signature lists hold names and addresses: some time after the council decided (or the
initiative expired) the retention clock removes them and keeps the counts. Also: the clock is
registered, runs from `events_dispatch`'s sweep, and is idempotent."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.core import events
from samenspraak.core.models import AuditLogEntry
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import Outcome, PaperList, Signature, Status

pytestmark = pytest.mark.django_db

LINES = "Anna de Vries; 9991 AB; 12\nBram Jansen; 9992 CD; 3a"


def decided(clerk, *, days_ago: int, outcome=Outcome.ADOPTED):
    initiative = InitiativeFactory(signatures_needed=10)
    services.paper_list_enter(
        actor=clerk,
        initiative=initiative,
        received_on=timezone.localdate() - datetime.timedelta(days=days_ago + 30),
        lines=LINES,
    )
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=days_ago + 1))
    initiative.status, initiative.meeting = Status.SCHEDULED, meeting
    initiative.save()
    services.decision_record(
        actor=clerk,
        initiative=initiative,
        outcome=outcome,
        motivation="De raad besloot na een goed gesprek.",
        decided_on=day,
    )
    return initiative


def lines_of(initiative):
    return list(
        Signature.objects.filter(initiative=initiative).values_list(
            "name", "postcode", "house_number", "paper_key"
        )
    )


def test_names_and_addresses_go_after_the_retention_period_and_the_counts_stay(
    settings, bylaw, clerk
):
    settings.SAMENSPRAAK_PAPER_LIST_RETENTION_DAYS = 60
    old = decided(clerk, days_ago=61)
    recent = decided(clerk, days_ago=30)
    postponed = decided(clerk, days_ago=100, outcome=Outcome.POSTPONED)
    collecting = InitiativeFactory(signatures_needed=10)
    services.paper_list_enter(
        actor=clerk, initiative=collecting, received_on=timezone.localdate(), lines=LINES
    )
    old.refresh_from_db()
    count_before = old.signature_count
    assert count_before == 2

    assert services.paper_retention_clock() == 1
    assert lines_of(old) == [("", "", "", ""), ("", "", "", "")]
    old.refresh_from_db()
    paper_list = PaperList.objects.get(initiative=old)
    assert paper_list.personal_data_removed_at is not None
    assert paper_list.accepted == 2 and old.signature_count == count_before
    assert Signature.objects.filter(initiative=old).count() == 2
    for kept in (recent, postponed, collecting):
        assert all(name for name, *_ in lines_of(kept))
    assert AuditLogEntry.objects.filter(
        action=services.AuditAction.PAPER_DATA_REMOVED, actor=None
    ).exists()
    assert services.paper_retention_clock() == 0  # idempotent


def test_expired_initiatives_lose_the_names_too(settings, bylaw, clerk):
    settings.SAMENSPRAAK_PAPER_LIST_RETENTION_DAYS = 10
    initiative = InitiativeFactory(signatures_needed=10)
    services.paper_list_enter(
        actor=clerk, initiative=initiative, received_on=timezone.localdate(), lines=LINES
    )
    initiative.status = Status.EXPIRED
    initiative.last_day = timezone.localdate() - datetime.timedelta(days=11)
    initiative.save()
    later = timezone.now()
    assert services.paper_retention_clock(later) == 1
    assert lines_of(initiative)[0] == ("", "", "", "")


def test_the_clock_is_registered_and_runs_in_the_sweep(settings, bylaw, clerk):
    settings.SAMENSPRAAK_PAPER_LIST_RETENTION_DAYS = 1
    old = decided(clerk, days_ago=5)
    assert "initiatives.paper_retention" in events._clocks
    assert events.run_clocks()["initiatives.paper_retention"] == 1
    assert lines_of(old)[0][0] == ""


def test_the_clerk_sees_when_names_were_removed(client, settings, bylaw, clerk):
    from django.urls import reverse

    settings.SAMENSPRAAK_PAPER_LIST_RETENTION_DAYS = 60
    old = decided(clerk, days_ago=61)
    client.force_login(clerk)
    url = reverse("initiatives:paper_list", args=[old.pk])
    assert "60 dagen na het besluit" in client.get(url).content.decode()
    services.paper_retention_clock()
    assert "Namen en adressen verwijderd op" in client.get(url).content.decode()
