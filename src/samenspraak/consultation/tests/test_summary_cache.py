"""The process's input figures are kept in the cache between requests and forgotten by every
service write that changes them (consultation.summary_cache)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.consultation import selectors, services, summary_cache
from samenspraak.consultation.factories import InputFactory
from samenspraak.consultation.models import Outcome

pytestmark = pytest.mark.django_db


def summary_and_queries(process, today=None):
    with CaptureQueriesContext(connection) as queries:
        summary = selectors.process_summary(process, today=today)
    return summary, len(queries)


def test_the_second_look_costs_no_query(phase):
    InputFactory.create_batch(3, phase=phase)
    first, computed = summary_and_queries(phase.process)
    again, cached = summary_and_queries(phase.process)
    assert computed >= 1
    assert cached == 0
    assert again == first
    assert again.figures.total == 3


def test_a_new_day_computes_again_since_overdue_depends_on_it(phase):
    InputFactory(phase=phase)
    today = datetime.date(2026, 12, 5)
    summary_and_queries(phase.process, today=today)
    _summary, queries = summary_and_queries(phase.process, today=today + datetime.timedelta(1))
    assert queries >= 1


def test_service_writes_forget_the_figures_once_committed(
    phase, manager, django_capture_on_commit_callbacks
):
    item = InputFactory(phase=phase)
    supporter = UserFactory()
    assert selectors.process_summary(phase.process).supports == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.input_support(user=supporter, input=item)
    assert selectors.process_summary(phase.process).supports == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.support_withdraw(user=supporter, input=item)
    assert selectors.process_summary(phase.process).supports == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.input_submit(
            author=supporter, phase=phase, title="Meer bankjes", body="Graag bij de fontein."
        )
    assert selectors.process_summary(phase.process).figures.total == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.input_answer(
            actor=manager,
            input=item,
            body="We plaatsen er twee.",
            outcome=Outcome.values[0],
            reason="Er is plaats genoeg.",
        )
    assert selectors.process_summary(phase.process).figures.answered == 1


def test_before_the_commit_the_cached_figures_stay(phase, django_capture_on_commit_callbacks):
    """A page that reads while the write is still open sees the old rows: the entry is dropped
    only after the commit, so it cannot keep the old figures after it."""
    item = InputFactory(phase=phase)
    selectors.process_summary(phase.process)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.input_support(user=UserFactory(), input=item)
    assert summary_cache.get(phase.process.pk, timezone.localdate()) is not None
    for callback in callbacks:
        callback()
    assert summary_cache.get(phase.process.pk, timezone.localdate()) is None
