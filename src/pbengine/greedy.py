"""Greedy rules: fund projects in order of support per euro, as pabutools and cities do it.

`greedy` is pabutools' `greedy_utilitarian_welfare` for additive satisfaction, exactly: projects
are ordered by id as a string (the tie-break), then stably by total satisfaction per unit of cost
(descending; a free project with support comes first, a project without support last), and each
is funded if its cost fits in what is left. With cost satisfaction (approval ballots) the key is
the number of approvals, so this is "most votes first". An `initial` selection (the outcome of a
first rule, for completion) is kept and its cost taken off the budget first.

`greedy_no_skip` stops at the first project that does not fit; `threshold` leaves out projects
with fewer than that many votes (Pabulib's `greedy-no-skip` and `greedy-threshold`).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import chain
from math import inf

from pbengine.model import APPROVAL, CHOOSE_1, Election, Outcome, total_cost
from pbengine.satisfaction import total_satisfaction


def _density(satisfaction, cost: Fraction):
    if satisfaction > 0:
        return Fraction(satisfaction) / cost if cost > 0 else inf
    return 0


def vote_counts(election: Election) -> dict[str, int]:
    """Ballots that name each project (what a city calls its votes)."""
    counts = dict.fromkeys(election.projects, 0)
    counts.update(Counter(chain.from_iterable(b.projects for b in election.ballots)))
    return counts


def _totals(election: Election) -> dict:
    """`total_satisfaction`, computed without a dict per ballot (tens of thousands of ballots).

    Same numbers: a ballot names each project once (the parser makes it so), so for approval
    ballots the total is approvals x cost, for points ballots the sum of the positive points.
    Other vote types (or ballots naming a project twice) take the general route.
    """
    if election.vote_type in (APPROVAL, CHOOSE_1):
        named = [b.projects for b in election.ballots]
        if sum(map(len, map(set, named))) != sum(map(len, named)):
            return total_satisfaction(election)
        counts = dict.fromkeys(election.projects, 0)
        counts.update(Counter(chain.from_iterable(named)))
        return {p: counts[p] * election.projects[p].cost for p in election.projects}
    return total_satisfaction(election)


def greedy(
    election: Election,
    *,
    initial: tuple[str, ...] | list[str] = (),
    skip: bool = True,
    threshold: int | None = None,
    budget: Fraction | None = None,
    projects: list[str] | None = None,
    rule: str = "greedy",
    totals: dict | None = None,
) -> Outcome:
    """`totals`: each project's total satisfaction where the caller has it already (at least
    for every project in `projects`)."""
    limit = election.budget if budget is None else budget
    totals = _totals(election) if totals is None else totals
    votes = vote_counts(election) if threshold is not None else None
    candidates = [p for p in (projects or election.projects) if p not in set(initial)]
    candidates.sort()  # ids as strings: pabutools' lexicographic tie-break
    position = {p: i for i, p in enumerate(candidates)}
    ordered = sorted(
        candidates,
        key=lambda p: (-_density(totals[p], election.projects[p].cost), position[p]),
    )
    selected = list(initial)
    remaining = limit - total_cost(election, initial)
    explanations: dict[str, dict] = {}
    stopped = False
    for rank, project in enumerate(ordered, start=1):
        cost = election.projects[project].cost
        facts = {
            "rank": rank,
            "score": float(totals[project]),
            "cost": float(cost),
            "remaining_before": float(remaining),
            "selected": False,
        }
        if stopped:
            facts["reason"] = "stopped"
        elif threshold is not None and votes[project] < threshold:
            facts["reason"] = "below_threshold"
        elif cost <= remaining:
            facts.update(selected=True, reason="fits")
            selected.append(project)
            remaining -= cost
        else:
            facts["reason"] = "does_not_fit"
            if not skip:
                stopped = True
        explanations[project] = facts
    return Outcome(
        rule=rule,
        selected=selected,
        explanations=explanations,
        details={"left_over": float(remaining)},
    )
