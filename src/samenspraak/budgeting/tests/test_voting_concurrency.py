"""Ballots under concurrency, on PostgreSQL: simultaneous submissions by one person give one
ballot and one register row; a vote code submitted many times at once votes exactly once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting import voting
from samenspraak.budgeting.models import Ballot, BallotChoice, Budget, VoteCode, VoterRegister
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import codes


def _run(targets):
    barrier = threading.Barrier(len(targets))
    results, errors = [], []

    def call(target):
        try:
            barrier.wait()
            results.append(target())
        except ValidationError as error:
            results.append(error)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _fresh(budget):
    return (
        Budget.objects.select_related("process", "area")
        .prefetch_related("process__phases")
        .get(pk=budget.pk)
    )


@pytest.mark.django_db(transaction=True)
def test_simultaneous_ballots_by_one_resident_give_one_ballot_and_one_register_row():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    budget, projects = vote_budget()
    resident = UserFactory()
    others = UserFactory.create_batch(4)
    targets = [
        (
            lambda i=i: voting.cast_online(
                budget=_fresh(budget), user=resident, choices={projects[i].pk: 1}
            )
        )
        for i in range(4)
    ] + [
        (lambda u=u: voting.cast_online(budget=_fresh(budget), user=u, choices={projects[0].pk: 1}))
        for u in others
    ]
    results, errors = _run(targets)
    assert not errors, errors
    assert Ballot.objects.filter(budget=budget).count() == 5
    assert VoterRegister.objects.filter(budget=budget).count() == 5
    mine = Ballot.objects.get(voter_key=voting.voter_key(budget, resident))
    assert BallotChoice.objects.filter(ballot=mine).count() == 1
    assert VoterRegister.objects.filter(budget=budget, user=resident).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_code_submitted_eight_times_at_once_votes_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    budget, projects = vote_budget()
    _batch, letters = codes.generate_batch(budget=budget, label="Brief", created_by=None, count=1)
    code = letters[0]["code"]
    targets = [
        (
            lambda i=i: voting.cast_with_code(
                budget=_fresh(budget), code=code, choices={projects[i % 5].pk: 1}
            )
        )
        for i in range(8)
    ]
    results, errors = _run(targets)
    assert not errors, errors
    cast = [r for r in results if isinstance(r, Ballot)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(cast) == 1 and len(refused) == 7
    assert all(r.message_dict["code"] == [codes.USED_MESSAGE()] for r in refused)
    assert Ballot.objects.filter(budget=budget).count() == 1
    assert VoterRegister.objects.filter(budget=budget).count() == 1
    assert VoteCode.objects.get().used_on is not None
