"""Each ballot's satisfaction per project, exactly as pabutools 1.2.3 defines it per vote type.

- approval and choose-1: `Cost_Sat`, the project's cost for every approved project;
- cumulative: `Additive_Cardinal_Sat`, the points given;
- ordinal: `Additive_Borda_Sat`, `len(ballot) - position - 1` (the last-ranked project gets 0,
  so a one-project ballot contributes nothing; scores depend on the ballot's own length);
- scoring: the score given (additive cardinal).

Projects with satisfaction 0 are left out: pabutools does not count them as supporters.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from pbengine.model import (
    APPROVAL,
    CHOOSE_1,
    CUMULATIVE,
    ORDINAL,
    SCORING,
    Ballot,
    Election,
)


def ballot_utilities(election: Election, ballot: Ballot) -> dict[str, int | Fraction]:
    kind = election.vote_type
    if kind in (APPROVAL, CHOOSE_1):
        return {p: election.projects[p].cost for p in ballot.projects}
    if kind in (CUMULATIVE, SCORING):
        points = ballot.points or ()
        return {p: v for p, v in zip(ballot.projects, points, strict=True) if v > 0}
    if kind == ORDINAL:
        length = len(ballot.projects)
        scores = {p: length - position - 1 for position, p in enumerate(ballot.projects)}
        return {p: v for p, v in scores.items() if v > 0}
    raise ValueError(f"Unknown vote type {kind!r}")


def ballot_kinds(election: Election) -> list[tuple[int, Ballot]]:
    """The ballots as far as satisfaction can tell them apart, with how many voters cast each
    kind (in the order of the first voter of each): one ballot of a kind stands for all of it.

    Distinct ballots are counted first (cheap). A ranking's last project scores 0 (Borda), so
    rankings that differ only in their last project are one kind, unless that project is named
    earlier in the ranking as well (only a non-strict reading lets that through); ballots
    without points are sets of projects."""
    ordered = election.vote_type == ORDINAL
    kinds = (
        Counter(b.projects for b in election.ballots)  # (rankings have no points)
        if ordered
        else Counter((b.projects, b.points) for b in election.ballots)
    )
    seen: dict[tuple, list] = {}
    for kind, count in kinds.items():
        names, points = (kind, None) if ordered else kind
        if ordered:
            last = bool(names) and names[-1] in names[:-1] and names[-1]
            key = (names[:-1], len(names), last)
        elif points is not None:
            key = (names, points)
        else:
            key = (frozenset(names), None)
        known = seen.get(key)
        if known is None:
            seen[key] = [count, Ballot(names, points)]
        else:
            known[0] += count
    return [(count, ballot) for count, ballot in seen.values()]


def total_satisfaction(election: Election) -> dict[str, int | Fraction]:
    """Per project (all of them, 0 when nobody supports it): the sum over ballots."""
    totals: dict[str, int | Fraction] = {p: 0 for p in election.projects}
    for count, ballot in ballot_kinds(election):
        for project, value in ballot_utilities(election, ballot).items():
            totals[project] += value * count
    return totals
