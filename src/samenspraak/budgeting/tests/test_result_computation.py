"""The result is computed in the background (budgeting.results.computation): the staff page
starts it, shows "bezig…" with the stage and refreshes itself (no JavaScript needed), shows the
result when done or the reason in Dutch when it failed; a double click or two staff members at
once start one computation. Real database queue and worker where marked `real_queue`."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samenspraak.accounts.models import Role
from samenspraak.budgeting import results
from samenspraak.budgeting.models import ComputationStage, ComputationState, ResultComputation
from samenspraak.budgeting.results import computation as result_computation
from samenspraak.budgeting.tests.conftest import VOTE, phase_of, user_with_role
from samenspraak.budgeting.tests.test_results import abc, ended, fresh  # noqa: F401
from samenspraak.budgeting.tests.test_voting_concurrency import _run as run_at_once

REFRESH = 'http-equiv="refresh"'


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def queued_tasks():
    return DBTaskResult.objects.filter(task_path=result_computation.compute_result.module_path)


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_the_page_starts_one_computation_shows_progress_and_then_the_result(
    abc,  # noqa: F811
    budget,
    staff_client,
):
    compute = reverse("budgeting:result_compute", args=[budget.pk])
    manage = reverse("budgeting:result_manage", args=[budget.pk])
    response = staff_client.post(compute, follow=True)
    staff_client.post(compute)  # a double click
    assert queued_tasks().count() == 1
    assert results.result_of(budget) is None  # not computed in the request
    page = response.content.decode()
    assert "De uitslag wordt berekend: bezig…" in page
    assert REFRESH in page
    assert compute not in page  # no second start button while it runs
    assert ResultComputation.objects.get(budget=budget).state == ComputationState.QUEUED

    run_worker()
    computation = ResultComputation.objects.get(budget=budget)
    assert computation.state == ComputationState.DONE
    assert computation.finished_at is not None and computation.error == ""
    page = staff_client.get(manage).content.decode()
    assert REFRESH not in page and "bezig" not in page
    assert "Berekend op" in page and "Uitslag publiceren" in page
    assert results.result_of(budget).ballots == 10


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_a_failed_computation_shows_the_reason_in_dutch_and_can_be_started_again(
    abc,  # noqa: F811
    budget,
    staff_client,
):
    budget.rule = "greedy-threshold"
    budget.min_score = None  # the rule needs a threshold: the count fails
    budget.save()
    compute = reverse("budgeting:result_compute", args=[budget.pk])
    staff_client.post(compute)
    run_worker()
    computation = ResultComputation.objects.get(budget=budget)
    assert computation.state == ComputationState.FAILED
    assert "minimum aantal stemmen" in computation.error
    page = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk])).content.decode()
    assert "Het berekenen van de uitslag is mislukt." in page
    assert computation.error in page
    assert REFRESH not in page and compute in page  # staff can try again
    assert results.result_of(budget) is None

    budget.min_score = 1
    budget.save()
    staff_client.post(compute)
    run_worker()
    assert ResultComputation.objects.get(budget=budget).state == ComputationState.DONE
    assert queued_tasks().count() == 2


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_two_staff_members_starting_at_once_start_one_computation(abc, budget):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    managers = [user_with_role(Role.PROCESS_MANAGER) for _ in range(4)]
    started, errors = run_at_once(
        [
            lambda m=m: result_computation.computation_start(fresh(budget), actor=m).pk
            for m in managers
        ]
    )
    assert errors == []
    assert len(set(started)) == 1 and len(started) == 4
    assert queued_tasks().count() == 1


@pytest.mark.real_queue
@pytest.mark.django_db(transaction=True)
def test_a_computation_that_stopped_moving_may_be_started_again(abc, budget, manager):  # noqa: F811
    result_computation.computation_start(fresh(budget), actor=manager)
    ResultComputation.objects.update(
        updated_at=ResultComputation.objects.get().updated_at
        - result_computation.STUCK_AFTER
        - datetime.timedelta(seconds=1)
    )
    result_computation.computation_start(fresh(budget), actor=manager)
    assert queued_tasks().count() == 2


@pytest.mark.django_db
def test_compute_reports_its_stages_in_order(abc, budget):  # noqa: F811
    stages = []
    results.result_compute(fresh(budget), progress=stages.append)
    assert stages == [
        ComputationStage.CLOSING,
        ComputationStage.COUNTING,
        ComputationStage.COMPARING,
    ]


@pytest.mark.django_db
def test_starting_is_refused_with_a_message_while_the_vote_runs(budget, process, staff_client):
    phase_of(process, VOTE, "during")
    response = staff_client.post(reverse("budgeting:result_compute", args=[budget.pk]), follow=True)
    assert response.status_code == 200
    assert "De stemming loopt nog" in response.content.decode()
    assert not ResultComputation.objects.exists()
