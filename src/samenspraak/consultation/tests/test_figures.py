"""Responsiveness figures with exact numbers, offline input counted like online, query counts."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.consultation import selectors, services
from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory
from samenspraak.consultation.models import COLLECT, Channel, Input
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def answered_after(phase, days: float, **extra):
    created = NOW - datetime.timedelta(days=30)
    item = InputFactory(phase=phase, created_at=created, **extra)
    OfficialAnswerFactory(input=item, published_at=created + datetime.timedelta(days=days))
    return item


def open_input(phase, *, due_in_days: int, **extra):
    return InputFactory(
        phase=phase, due_date=timezone.localdate() + datetime.timedelta(days=due_in_days), **extra
    )


def test_figures_give_share_median_and_overdue(phase):
    """Answered after 2, 4, 10 days (median 4); 1 open overdue and 1 open in time: 3 of 5."""
    for days in (10, 2, 4):
        answered_after(phase, days)
    open_input(phase, due_in_days=-1)
    open_input(phase, due_in_days=3)
    figures = selectors.process_figures(phase.process)
    assert (figures.total, figures.answered, figures.overdue) == (5, 3, 1)
    assert figures.share_answered == 60
    assert figures.median_days == pytest.approx(4.0)


def test_median_of_an_even_number_is_the_mean_of_the_middle_two(phase):
    for days in (1, 3, 6, 20):
        answered_after(phase, days)
    assert selectors.process_figures(phase.process).median_days == pytest.approx(4.5)


def test_figures_without_input_are_empty(process):
    figures = selectors.process_figures(process)
    assert figures.total == 0
    assert figures.share_answered is None
    assert figures.median_days is None


def test_offline_input_counts_like_online_input(phase, manager):
    """Paper and phone input appear in the list, the counts and the figures like online input."""
    InputFactory(phase=phase)
    for channel in (Channel.PAPER, Channel.PHONE):
        services.input_register_offline(
            actor=manager,
            phase=phase,
            channel=channel,
            received_on=timezone.localdate() - datetime.timedelta(days=30),
            title="Brief over het plein",
            body="Iemand wil meer bomen op het plein.",
        )
    offline = Input.objects.filter(channel=Channel.PAPER).get()
    services.input_answer(
        actor=manager,
        input=offline,
        body="Dank u wel voor uw brief.",
        outcome="adopted",
        reason="Bomen passen in het plan.",
    )
    figures = selectors.process_figures(phase.process)
    assert (figures.total, figures.answered) == (3, 1)
    # Received 30 days ago (at noon), answered now, overdue by 9 days: one open one overdue.
    assert figures.overdue == 1
    assert figures.median_days == pytest.approx(30, abs=1)
    assert selectors.input_list(process=phase.process).count() == 3
    assert selectors.input_counts(phase.process)["total"] == 3


def test_municipality_figures_per_process_and_overall(phase):
    """The municipality page gives the same numbers per process as the process page."""
    for days in (2, 4, 10):
        answered_after(phase, days)
    open_input(phase, due_in_days=-2)
    other = PhaseFactory(kind=COLLECT)
    answered_after(other, 7)
    overall, rows = selectors.municipality_figures(phase.process.municipality)
    by_process = {process.pk: figures for process, figures in rows}
    assert by_process[phase.process.pk] == selectors.process_figures(phase.process)
    assert by_process[other.process.pk].median_days == pytest.approx(7)
    assert (overall.total, overall.answered, overall.overdue) == (5, 4, 1)
    assert overall.median_days == pytest.approx(5.5)


def test_draft_processes_are_left_out_of_the_public_figures(phase):
    draft = ProcessFactory(status="draft")
    InputFactory(phase__process=draft)
    answered_after(phase, 1)
    overall, rows = selectors.municipality_figures(phase.process.municipality)
    assert [p.pk for p, _f in rows] == [phase.process.pk]
    assert overall.total == 1


def test_input_search_finds_title_and_body_words(phase):
    wanted = InputFactory(phase=phase, title="Speeltuin bij de school", body="Veilig spelen.")
    InputFactory(phase=phase, title="Parkeren", body="Meer plekken voor fietsen.")
    assert list(selectors.input_search("speeltuin")) == [wanted]
    assert list(selectors.input_search("")) == []
