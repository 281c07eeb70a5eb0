"""Signatures under concurrency, on PostgreSQL: requests at once still give exactly one
signature per person, an exact count, and one move to the agenda queue."""

import threading

import pytest
from django.db import connection, connections

from samenspraak.core.models import OutboxEvent
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import ByLawFactory, InitiativeFactory, eligible_resident
from samenspraak.initiatives.models import Initiative, Signature, Status


def run_at_once(calls):
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(user, initiative_pk):
        try:
            barrier.wait()
            target = Initiative.objects.get(pk=initiative_pk)
            results.append((user.pk, services.signature_add(user=user, initiative=target)))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_one_person_signing_at_once_from_several_tabs_gives_one_signature():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    ByLawFactory()
    initiative = InitiativeFactory(signatures_needed=100)
    person = eligible_resident()
    others = [eligible_resident() for _ in range(3)]
    results, errors = run_at_once(
        [(person, initiative.pk)] * 5 + [(other, initiative.pk) for other in others]
    )
    assert not errors
    mine = sorted(new for pk, new in results if pk == person.pk)
    assert mine == [False, False, False, False, True]
    initiative.refresh_from_db()
    assert (
        initiative.signature_count == 4 == Signature.objects.filter(initiative=initiative).count()
    )
    assert Signature.objects.filter(initiative=initiative, user=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_signers_racing_over_the_threshold_move_it_to_the_queue_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    ByLawFactory()
    initiative = InitiativeFactory(signatures_needed=3)
    people = [eligible_resident() for _ in range(6)]
    results, errors = run_at_once([(p, initiative.pk) for p in people])
    # Past the threshold signing closes: three count, the others are told it is closed.
    assert len(errors) == 3 and all("genoeg handtekeningen" in str(e) for e in errors)
    assert sorted(new for _pk, new in results) == [True, True, True]
    initiative.refresh_from_db()
    assert initiative.status == Status.AGENDA
    assert (
        initiative.signature_count == 3 == Signature.objects.filter(initiative=initiative).count()
    )
    reached = OutboxEvent.objects.filter(type__endswith="threshold_reached")
    assert reached.count() == 1
    assert initiative.steps.filter(status=Status.AGENDA).count() == 1
