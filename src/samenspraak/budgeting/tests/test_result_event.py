"""Publishing a result emits BudgetResultPublished (core.events) with the hand-over's update."""

import pytest
from django.core.exceptions import PermissionDenied

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting import results
from samenspraak.budgeting.events import BudgetResultPublished
from samenspraak.budgeting.tests.test_results import abc, ended, fresh  # noqa: F401
from samenspraak.core.models import OutboxEvent
from samenspraak.information.events import UpdatePublished

pytestmark = pytest.mark.django_db


def test_publishing_a_result_emits_one_event_with_ids_only(abc, budget, manager):  # noqa: F811
    result = results.result_compute(fresh(budget))
    with pytest.raises(PermissionDenied):
        results.result_publish(result, actor=UserFactory())
    assert not OutboxEvent.objects.exists()

    results.result_publish(result, actor=manager)

    event = OutboxEvent.objects.get(type=BudgetResultPublished.type)
    assert event.payload == {
        "result_id": result.pk,
        "budget_id": budget.pk,
        "process_id": budget.process_id,
    }
    assert OutboxEvent.objects.filter(type=UpdatePublished.type).count() == 1  # the hand-over
