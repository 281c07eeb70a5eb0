"""Reads of votes without voters: who has voted (register only), a person's own choices (by
their voter key, while the vote is open), the choices for the tally and turnout counts."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from samenspraak.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotType,
    Budget,
    BudgetResult,
    VoterRegister,
)
from samenspraak.budgeting.voting.ballot import (
    VOTED_WITH_CODE_MESSAGE,
    eligibility_problem,
    voter_key,
)


def online_vote_problem(user, budget: Budget, *, channel=...) -> str | None:
    """Why this person may not vote (or change their vote) with their account, in plain Dutch;
    None when they may. Beyond eligibility: who voted with a code while logged in has voted.
    `channel`: the person's `voted_channel`, when the caller has it (saves a query)."""
    problem = eligibility_problem(user, budget)
    if problem:
        return problem
    if channel is ...:
        channel = voted_channel(user, budget)
    if channel not in (None, BallotChannel.ONLINE):
        return VOTED_WITH_CODE_MESSAGE()
    return None


def results_exist(budget: Budget) -> bool:
    """Has the result been computed (published or not)? From then on no ballot is added."""
    return BudgetResult.objects.filter(budget=budget).exists()


def has_voted(user, budget: Budget) -> bool:
    return voted_channel(user, budget) is not None


def voted_channel(user, budget: Budget) -> str | None:
    """How this person voted on this budget ("online", or "code" when they used a code while
    logged in); None when they have not (one query)."""
    if not (user and user.is_authenticated):
        return None
    return (
        VoterRegister.objects.filter(budget=budget, user=user)
        .values_list("channel", flat=True)
        .first()
    )


def voted_budget_ids(user, budgets) -> set[int]:
    """Of these budgets, the ones this person voted on (one query)."""
    if not (user and user.is_authenticated):
        return set()
    return set(
        VoterRegister.objects.filter(budget__in=list(budgets), user=user).values_list(
            "budget_id", flat=True
        )
    )


def my_choices(user, budget: Budget) -> dict[int, int]:
    """The logged-in person's own current choices (to change them), found by their voter key."""
    if not (user and user.is_authenticated):
        return {}
    return dict(
        BallotChoice.objects.filter(
            ballot__voter_key=voter_key(budget, user), ballot__budget=budget
        ).values_list("project_id", "value")
    )


def ballots_for_tally(budget: Budget) -> list[list[tuple[int, int]]]:
    """Every ballot as [(project pk, value), ...], in random (UUID) order, without any voter
    information. One query. A ballot without choices cannot exist (at least one choice is
    required)."""
    rows = (
        BallotChoice.objects.filter(ballot__budget=budget)
        .order_by("ballot_id", "project_id")
        .values_list("ballot_id", "project_id", "value")
    )
    ballots: list[list[tuple[int, int]]] = []
    current = None
    for ballot_id, project_id, value in rows.iterator(chunk_size=5000):
        if ballot_id != current:
            current = ballot_id
            ballots.append([])
        ballots[-1].append((project_id, value))
    return ballots


def ballot_count(budget: Budget) -> int:
    """The number of ballots (one query). Per channel there is only the register (`turnout`):
    a ballot does not say how it was cast."""
    return Ballot.objects.filter(budget=budget).count()


def turnout(budget: Budget) -> dict:
    """Voters per channel and per area, from the register (two queries).

    {"total": n, "by_channel": {channel: n}, "by_area": [(area name or None, n), ...]}."""
    by_channel = {channel: 0 for channel in BallotChannel.values}
    for channel, n in (
        VoterRegister.objects.filter(budget=budget)
        .order_by()
        .values_list("channel")
        .annotate(n=Count("id"))
    ):
        by_channel[channel] = n
    by_area = [
        (name, n)
        for name, n in VoterRegister.objects.filter(budget=budget)
        .order_by()
        .values_list("area__name")
        .annotate(n=Count("id"))
        .order_by("area__name")
    ]
    return {"total": sum(by_channel.values()), "by_channel": by_channel, "by_area": by_area}


def tally(budget: Budget) -> dict[int, int]:
    """Sum of values per project (points; for ranking, the number of ballots naming it)."""
    totals: dict[int, int] = defaultdict(int)
    for choices in ballots_for_tally(budget):
        for pk, value in choices:
            totals[pk] += 1 if budget.ballot_type == BallotType.RANKING else value
    return dict(totals)
