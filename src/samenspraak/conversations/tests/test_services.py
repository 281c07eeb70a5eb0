"""Statements, votes, moderation and the background recomputation of the opinion groups."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opinionmap import compute
from samenspraak.accounts.factories import UserFactory
from samenspraak.conversations import privacy, selectors, services
from samenspraak.conversations.models import (
    ComputationState,
    OpinionGroups,
    Statement,
    StatementStatus,
    Vote,
)
from samenspraak.core.models import AuditLogEntry, OutboxEvent

pytestmark = pytest.mark.django_db


def test_resident_votes_once_per_statement_and_may_change_it(
    conversation, statements, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(user=resident, statement=statements[0], value=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(user=resident, statement=statements[0], value=-1)
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]
    assert selectors.votes_of(resident, conversation) == {statements[0].pk: -1}


def test_votes_on_statements_not_accepted_are_refused(conversation, resident, manager):
    pending = services.statement_submit(user=resident, conversation=conversation, text="Meer groen")
    with pytest.raises(ValidationError, match="niet \\(meer\\) stemmen"):
        services.vote_cast(user=UserFactory(), statement=pending, value=1)
    services.statement_moderate(actor=manager, statement=pending, accept=False)
    with pytest.raises(ValidationError):
        services.vote_cast(user=UserFactory(), statement=pending, value=1)


def test_staff_and_anonymous_do_not_vote_and_closed_phase_refuses(
    conversation, statements, manager
):
    with pytest.raises(PermissionDenied):
        services.vote_cast(user=manager, statement=statements[0], value=1)
    conversation.phase.ends_at = timezone.now() - datetime.timedelta(hours=1)
    conversation.phase.save()
    with pytest.raises(PermissionDenied):
        services.vote_cast(user=UserFactory(), statement=statements[0], value=1)


def test_resident_statement_waits_for_moderation_and_duplicates_point_to_the_existing_one(
    conversation, statements, resident, manager
):
    statement = services.statement_submit(
        user=resident, conversation=conversation, text="  Meer   schaduw op het plein "
    )
    assert statement.status == StatementStatus.PENDING and statement.text == (
        "Meer schaduw op het plein"
    )
    assert OutboxEvent.objects.filter(type__endswith="statement.submitted").count() == 1
    with pytest.raises(ValidationError) as raised:
        services.statement_submit(
            user=UserFactory(), conversation=conversation, text="meer schaduw op het plein."
        )
    assert "bestaat al" in str(raised.value) and "Meer schaduw op het plein" in str(raised.value)
    services.statement_moderate(actor=manager, statement=statement, accept=True)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.ACCEPTED
    assert AuditLogEntry.objects.filter(action="conversations.statement_accepted").count() == 1
    with pytest.raises(PermissionDenied):
        services.statement_moderate(actor=resident, statement=statement, accept=False)


def test_statement_text_is_checked(conversation, resident):
    with pytest.raises(ValidationError, match="Schrijf een stelling"):
        services.statement_submit(user=resident, conversation=conversation, text="   ")
    with pytest.raises(ValidationError, match="Maximaal 280 tekens"):
        services.statement_submit(user=resident, conversation=conversation, text="x" * 281)
    script = services.statement_submit(
        user=resident, conversation=conversation, text="<script>alert(1)</script> Meer bomen"
    )
    assert script.text == "<script>alert(1)</script> Meer bomen"  # stored as typed, shown escaped


def test_flood_of_pending_statements_is_limited(conversation, resident):
    for n in range(services.MAX_PENDING_PER_PERSON):
        services.statement_submit(user=resident, conversation=conversation, text=f"Idee {n}")
    with pytest.raises(ValidationError, match="wachten"):
        services.statement_submit(user=resident, conversation=conversation, text="Nog een idee")


def _vote_two_camps(conversation, statements, n=24):
    """Half the residents agree with the first statements, the other half disagree."""
    rng = np.random.default_rng(3)
    for i in range(n):
        user = UserFactory()
        for j, statement in enumerate(statements):
            camp = 1 if i < n // 2 else -1
            value = camp if j % 2 == 0 else -camp
            if j == len(statements) - 1:
                value = 1  # everyone agrees on the last one
            if rng.random() < 0.1:
                value = 0
            Vote.objects.create(statement=statement, participant=user, value=value)


def test_recompute_runs_in_the_background_and_stores_groups_without_votes(
    conversation, django_capture_on_commit_callbacks
):
    from samenspraak.conversations.factories import StatementFactory

    statements = [StatementFactory(conversation=conversation) for _ in range(8)]
    _vote_two_camps(conversation, statements)
    voter = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(user=voter, statement=statements[0], value=1)
    row = OpinionGroups.objects.get(conversation=conversation)
    assert row.state == ComputationState.DONE, row.error
    assert row.result["k"] == 2
    assert sorted(g["size"] for g in row.result["groups"]) == [12, 12]
    assert statements[-1].pk in [e["statement"] for e in row.result["consensus"]["agree"]]
    assert len(row.result["points"]) == 24 and all(len(p) == 3 for p in row.result["points"])
    # Nothing that names a participant: counts, groups, statements and anonymous positions.
    assert set(row.result) == {
        "k",
        "participants",
        "in_conversation",
        "groups",
        "consensus",
        "points",
        "axes",  # per statement: the PCA axes, for the next run's warm start
    }
    assert set(row.result["axes"]) == {"statements", "components"}
    assert sorted(row.result["axes"]["statements"]) == sorted(s.pk for s in statements)
    assert row.result["participants"] == 25 and row.result["in_conversation"] == 24
    # The stored result is what opinionmap computes from the same votes.
    expected = compute(selectors.math_input(conversation))
    assert row.result["k"] == expected.k
    assert OutboxEvent.objects.filter(type__endswith="opinion_groups.computed").exists()


def test_a_request_while_queued_adds_no_second_run(conversation, statements, resident):
    from samenspraak.conversations.tasks import schedule_recompute

    first = schedule_recompute(conversation)  # not committed: the task has not run
    second = schedule_recompute(conversation)
    assert first.pk == second.pk and second.state == ComputationState.QUEUED
    assert OpinionGroups.objects.count() == 1


def test_polis_import_and_export_round_trip(
    conversation, manager, django_capture_on_commit_callbacks
):
    import io
    import zipfile

    from opinionmap.tests.shared import FIXTURES

    folder = FIXTURES / "polis-export" / "london.youth.policing"
    files = {name: (folder / name).read_bytes() for name in ("comments.csv", "votes.csv")}
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.polis_import(actor=manager, conversation=conversation, files=files)
    assert counts["statements"] == Statement.objects.filter(conversation=conversation).count()
    assert Vote.objects.filter(imported_voter__isnull=False).count() == counts["votes"]
    assert OpinionGroups.objects.get(conversation=conversation).state == ComputationState.DONE
    archive = zipfile.ZipFile(io.BytesIO(selectors.polis_export_zip(conversation)))
    assert sorted(archive.namelist()) == ["comments.csv", "participants-votes.csv", "votes.csv"]
    assert archive.read("votes.csv").decode().count("\n") == counts["votes"] + 1
    with pytest.raises(ValidationError, match="al stellingen"):
        services.polis_import(actor=manager, conversation=conversation, files=files)


def test_polis_import_names_file_and_line(conversation, manager):
    files = {"comments.csv": b"comment-id,moderated\n0,1\n", "votes.csv": b"comment-id,vote\n0,1\n"}
    with pytest.raises(ValidationError, match="votes.csv, line 1: column 'voter-id' is missing"):
        services.polis_import(actor=manager, conversation=conversation, files=files)
    assert not Statement.objects.exists()


def test_privacy_export_and_erase(conversation, statements, resident, manager):
    services.vote_cast(user=resident, statement=statements[0], value=1)
    mine = services.statement_submit(user=resident, conversation=conversation, text="Meer water")
    data = privacy.export(resident)
    assert [v["statement"] for v in data["votes"]] == [statements[0].text]
    assert [s["statement"] for s in data["statements"]] == ["Meer water"]
    privacy.erase(resident)
    assert not Vote.objects.filter(participant=resident).exists()
    mine.refresh_from_db()
    assert mine.author is None and mine.text == "Meer water"


def test_a_new_number_of_groups_shows_after_four_runs_in_a_row(conversation):
    from samenspraak.conversations.factories import StatementFactory
    from samenspraak.conversations.tasks import compute_now, schedule_recompute

    statements = [StatementFactory(conversation=conversation) for _ in range(8)]
    _vote_two_camps(conversation, statements)
    schedule_recompute(conversation)
    compute_now(conversation.pk)
    row = OpinionGroups.objects.get(conversation=conversation)
    assert row.result["k"] == 2 and row.smoothing["k"] == 2
    # Pretend the published k was 3: the silhouette's 2 must win four runs before it shows.
    row.smoothing = {"k": 3, "candidate": 3, "streak": 0}
    row.save()
    shown = []
    for _ in range(4):
        schedule_recompute(conversation)
        compute_now(conversation.pk)
        row.refresh_from_db()
        shown.append(row.result["k"])
    assert shown == [3, 3, 3, 2]


def test_recomputing_starts_the_groups_from_the_last_ones(conversation):
    """Warm start, as Polis: the group k-means begins at the stored group centres, so a group
    keeps its number (and letter) between runs. Swapping the stored centres swaps the groups."""
    from samenspraak.conversations.factories import StatementFactory
    from samenspraak.conversations.tasks import compute_now, schedule_recompute

    statements = [StatementFactory(conversation=conversation) for _ in range(6)]
    rng = np.random.default_rng(11)
    for i in range(30):
        user = UserFactory()
        camp = 1 if i < 20 else -1  # 20 against 10
        for j, statement in enumerate(statements):
            value = camp if j % 2 == 0 else -camp
            if rng.random() < 0.1:
                value = 0
            Vote.objects.create(statement=statement, participant=user, value=value)
    schedule_recompute(conversation)
    compute_now(conversation.pk)
    row = OpinionGroups.objects.get(conversation=conversation)
    sizes = [g["size"] for g in row.result["groups"]]
    assert sorted(sizes) == [10, 20]
    # The same votes again: the groups stay where they were.
    schedule_recompute(conversation)
    compute_now(conversation.pk)
    row.refresh_from_db()
    assert [g["size"] for g in row.result["groups"]] == sizes
    # Stored on axes whose first sign was the other way round (as a later PCA may turn out):
    # the centres are turned back first, so the groups stay where they were.
    for group in row.result["groups"]:
        group["centre"][0] = -group["centre"][0]
    row.result["axes"]["components"][0] = [-v for v in row.result["axes"]["components"][0]]
    row.save()
    schedule_recompute(conversation)
    compute_now(conversation.pk)
    row.refresh_from_db()
    assert [g["size"] for g in row.result["groups"]] == sizes
    # Stored centres in the other order: the next run follows them.
    row.result["groups"] = row.result["groups"][::-1]
    row.save()
    schedule_recompute(conversation)
    compute_now(conversation.pk)
    row.refresh_from_db()
    assert [g["size"] for g in row.result["groups"]] == sizes[::-1]


@pytest.mark.parametrize(
    "stored",
    [
        None,
        {},
        {"groups": []},
        {"groups": [{"centre": [0.1, 0.2]}]},
        {"groups": [{"centre": [0.1, 0.2]}, {"centre": "x"}]},
        {"groups": [{"centre": [0.1, 0.2]}, {"centre": [0.1]}]},
        {"groups": [{"centre": [0.1, 0.2]}, {}]},
        {"groups": [{"centre": [0.1, 0.2]}, {"centre": [float("nan"), 1.0]}]},
    ],
)
def test_no_warm_start_from_a_missing_or_odd_result(stored):
    from samenspraak.conversations.tasks import previous_centres

    assert previous_centres(stored) is None


def test_warm_start_centres_in_group_order():
    from samenspraak.conversations.tasks import previous_centres

    stored = {"groups": [{"centre": [1.0, 2.0]}, {"centre": [-1.0, 0.5]}]}
    assert previous_centres(stored).tolist() == [[1.0, 2.0], [-1.0, 0.5]]


@pytest.mark.parametrize(
    "stored",
    [
        None,
        {},
        {"axes": []},
        {"axes": {"statements": [1, 2], "components": [[0.1, 0.2]]}},
        {"axes": {"statements": ["x"], "components": [[1.0], [0.0]]}},
    ],
)
def test_no_axes_from_a_missing_or_odd_result(stored):
    from samenspraak.conversations.tasks import previous_axes

    assert previous_axes(stored) is None
