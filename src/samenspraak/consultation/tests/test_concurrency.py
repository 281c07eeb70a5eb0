"""Supports under concurrency: on PostgreSQL two requests at once still give one support."""

import threading

import pytest
from django.db import connection, connections

from samenspraak.accounts.factories import UserFactory
from samenspraak.consultation import services
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import COLLECT, Input, Support
from samenspraak.processes.factories import PhaseFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_supports_by_one_resident_count_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    item = InputFactory(phase=PhaseFactory(kind=COLLECT))
    resident = UserFactory()
    others = UserFactory.create_batch(4)
    barrier = threading.Barrier(8)
    results, errors = [], []

    def support(user):
        try:
            barrier.wait()
            target = Input.objects.select_related("phase__process").get(pk=item.pk)
            results.append((user.pk, services.input_support(user=user, input=target)))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=support, args=(u,)) for u in [resident] * 4 + others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    mine = [new for pk, new in results if pk == resident.pk]
    assert sorted(mine) == [False, False, False, True]
    item.refresh_from_db()
    assert item.support_count == 5 == Support.objects.filter(input=item).count()
