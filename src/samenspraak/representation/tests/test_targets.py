"""Targets: when a group lags, the manager gets one e-mail a day per process and a notice."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core import events
from samenspraak.core.models import AuditLogEntry, OutboxEvent
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.representation import selectors, services
from samenspraak.representation.events import TargetLagging
from samenspraak.representation.models import ProcessSetting, TargetKind
from samenspraak.representation.tests.conftest import answers


@pytest.fixture
def lagging(town):
    """A process whose 15-24 year olds are 10 of 50 (20%) against a target of at least 30%."""
    process = town["process"]
    process.created_by = town["manager"]
    process.save()
    answers(process, 10, age="15-24")
    answers(process, 40, age="65+")
    services.target_add(
        actor=town["manager"],
        process=process,
        characteristic="leeftijd",
        value="15-24",
        kind=TargetKind.AT_LEAST,
        number=30,
    )
    return process


def checks(process):
    return selectors.target_checks(selectors.targets(process), selectors.process_figures(process))


def test_at_least_target(lagging):
    (check,) = checks(lagging)
    assert check.share == 20.0 and check.lagging


def test_within_target_compares_with_the_population(town):
    process = town["process"]
    answers(process, 10, education="laag")
    answers(process, 40, education="hoog")
    services.target_add(
        actor=town["manager"],
        process=process,
        characteristic="opleiding",
        value="laag",
        kind=TargetKind.WITHIN,
        number=5,
    )
    (check,) = checks(process)
    # Noord: 1650 of 5110 with an education level are "laag" (32.3%); 20% is 12.3 points below.
    assert round(check.population_share, 1) == 32.3
    assert check.share == 20.0 and check.lagging
    services.target_add(
        actor=town["manager"],
        process=process,
        characteristic="opleiding",
        value="hoog",
        kind=TargetKind.WITHIN,
        number=5,
    )
    assert [c.lagging for c in checks(process)] == [False, True] or [
        c.lagging for c in checks(process)
    ] == [True, False]


def test_too_few_answers_judge_nothing(town):
    process = town["process"]
    answers(process, 9, age="65+")
    services.target_add(
        actor=town["manager"],
        process=process,
        characteristic="leeftijd",
        value="15-24",
        kind=TargetKind.AT_LEAST,
        number=30,
    )
    (check,) = checks(process)
    assert check.share is None and not check.lagging


def clock(now, capture):
    with capture(execute=True):
        return services.target_clock(now)


def test_clock_alerts_once_a_day_per_process(lagging, town, django_capture_on_commit_callbacks):
    # Nine in the morning (local time), so three or four hours later is still the same day.
    now = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(9)))
    capture = django_capture_on_commit_callbacks
    assert clock(now, capture) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [town["manager"].email]
    assert lagging.title in message.subject
    assert "15 tot 25 jaar: doel minimaal 30% van de deelnemers; nu 20,0%." in message.body
    assert reverse("representation:process", args=[lagging.slug]) in message.body
    # Later the same day: nothing; the key also stops a second worker.
    assert clock(now + datetime.timedelta(hours=3), capture) == 0
    ProcessSetting.objects.filter(process=lagging).update(last_alert_on=None)
    assert clock(now + datetime.timedelta(hours=4), capture) == 0
    assert len(mail.outbox) == 1
    # The next day: again.
    assert clock(now + datetime.timedelta(days=1), capture) == 1
    assert len(mail.outbox) == 2
    assert OutboxEvent.objects.filter(type=TargetLagging.type).count() == 2


def test_clock_is_registered_with_core_events():
    assert "representation.targets" in events._clocks


def test_clock_leaves_processes_that_are_not_running(lagging):
    lagging.phases.update(
        starts_at=timezone.now() - datetime.timedelta(days=20),
        ends_at=timezone.now() - datetime.timedelta(days=10),
    )
    assert services.target_clock(timezone.now()) == 0
    assert mail.outbox == []


def test_clock_stays_quiet_when_the_target_is_met(lagging):
    answers(lagging, 20, age="15-24")  # 30 of 70: 43%
    assert services.target_clock(timezone.now()) == 0


def test_mail_goes_to_process_managers_when_the_maker_left(
    lagging, town, django_capture_on_commit_callbacks
):
    town["manager"].role = Role.RESIDENT
    town["manager"].save()
    other = StaffUserFactory(role=Role.PROCESS_MANAGER)
    clock(timezone.now(), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_manager_sees_the_notice_on_the_process_page(client, lagging, town):
    client.force_login(town["manager"])
    page = client.get(reverse("processes:process_detail", args=[lagging.slug])).content.decode()
    assert "Niet alle groepen doen genoeg mee." in page
    assert "15 tot 25 jaar: doel minimaal 30% van de deelnemers" in page


def test_the_public_does_not_see_the_notice(client, lagging):
    ProcessSetting.objects.create(process=lagging, published=True)
    page = client.get(reverse("processes:process_detail", args=[lagging.slug])).content.decode()
    assert "Niet alle groepen doen genoeg mee." not in page


def test_targets_are_added_and_deleted_on_the_staff_page(client, town):
    process = town["process"]
    client.force_login(town["manager"])
    url = reverse("representation:process", args=[process.slug])
    response = client.post(url, {"group": "leeftijd:15-24", "kind": "minimaal", "number": "150"})
    assert "Het getal ligt tussen 0 en 100." in response.content.decode()
    response = client.post(url, {"group": "leeftijd:15-24", "kind": "minimaal", "number": "25"})
    assert response.status_code == 302
    target = process.representation_targets.get()
    response = client.post(url, {"group": "leeftijd:15-24", "kind": "minimaal", "number": "30"})
    assert "Voor deze groep is al zo" in response.content.decode()
    delete = reverse("representation:target_delete", args=[process.slug, target.pk])
    assert "verwijderen" in client.get(delete).content.decode().lower()
    assert process.representation_targets.exists()
    client.post(delete)
    assert not process.representation_targets.exists()
    assert set(
        AuditLogEntry.objects.filter(action__startswith="representation.target").values_list(
            "action", flat=True
        )
    ) == {"representation.target_added", "representation.target_deleted"}


def test_target_for_an_area_of_another_process_is_refused(town):
    other = ProcessFactory(municipality=town["municipality"], slug="zuid")
    other.areas.set([town["south"]])
    PhaseFactory(process=other)
    with pytest.raises(Exception, match="Kies een groep"):
        services.target_add(
            actor=town["manager"],
            process=other,
            characteristic="gebied",
            value=str(town["north"].pk),
            kind=TargetKind.AT_LEAST,
            number=10,
        )


@pytest.mark.parametrize("group", [("geslacht", "anders"), ("gebied", "elders")])
def test_no_population_target_for_groups_without_a_cbs_figure(town, group):
    with pytest.raises(Exception, match="geen bevolkingscijfer"):
        services.target_add(
            actor=town["manager"],
            process=town["process"],
            characteristic=group[0],
            value=group[1],
            kind=TargetKind.WITHIN,
            number=5,
        )
