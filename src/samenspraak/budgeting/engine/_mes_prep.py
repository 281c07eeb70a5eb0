"""The Method of Equal Shares' view of an election: distinct ballots with weights, as arrays.

MES is anonymous, and voters with identical ballots always hold identical budgets during a run, so
the rule works over distinct ballots ("classes") with multiplicities. Only projects that MES can
fund take part: candidates with total satisfaction > 0 and cost > 0 (pabutools' `MESProject`s).
They are indexed in the order of their ids as strings, so "lower index" is pabutools'
lexicographic tie-break. Supported projects that cost nothing are listed apart (`free`): pabutools
puts them into the outcome before anything else.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from samenspraak.budgeting.engine.model import APPROVAL, CHOOSE_1, ORDINAL, Ballot, Election
from samenspraak.budgeting.engine.satisfaction import ballot_utilities


class Prepared:
    def __init__(
        self,
        election: Election,
        budget: Fraction | None = None,
        projects: list[str] | None = None,
    ) -> None:
        self.election = election
        self.budget = Fraction(election.budget if budget is None else budget)
        candidates = list(election.projects if projects is None else projects)
        self.candidates = candidates
        candidate_set = set(candidates)
        self.n = len(election.ballots)

        # Distinct raw ballots first (cheap), then their satisfactions.
        raw: dict[tuple, int] = {}
        ordered = election.vote_type == ORDINAL
        for ballot in election.ballots:
            if ordered or ballot.points is not None:
                key = (ballot.projects, ballot.points)
            else:
                key = (tuple(sorted(ballot.projects)), None)
            raw[key] = raw.get(key, 0) + 1
        binary_type = election.vote_type in (APPROVAL, CHOOSE_1)
        classes: dict[tuple, int] = {}
        totals: dict[str, Fraction] = {}
        #: per candidate id: voters with satisfaction > 0 (pabutools' supporters)
        self.support_count: dict[str, int] = {}
        for (names, points), count in raw.items():
            if binary_type:
                util = {p: election.projects[p].cost for p in names}
            else:
                util = ballot_utilities(election, Ballot(names, points))
            items = tuple(sorted((p, v) for p, v in util.items() if v > 0 and p in candidate_set))
            classes[items] = classes.get(items, 0) + count
            for p, v in items:
                totals[p] = totals.get(p, 0) + v * count
                self.support_count[p] = self.support_count.get(p, 0) + count

        costs = {p: Fraction(election.projects[p].cost) for p in candidates}
        self.free = sorted(p for p in candidates if totals.get(p, 0) > 0 and costs[p] == 0)
        self.ids = sorted(p for p in candidates if totals.get(p, 0) > 0 and costs[p] > 0)
        index = {p: i for i, p in enumerate(self.ids)}
        P = len(self.ids)
        self.P = P
        self.cost = [costs[p] for p in self.ids]
        self.cost_f = np.array([float(c) for c in self.cost], dtype=float)
        self.binary = binary_type

        ballots = []
        weights = []
        for items, count in classes.items():
            mine = [(index[p], v) for p, v in items if p in index]
            if mine:
                ballots.append(mine)
                weights.append(count)
        self.D = len(ballots)
        self.w = np.array(weights, dtype=np.int64)
        self.w_f = self.w.astype(float)
        #: per class: {project index: exact satisfaction}
        self.ballot_sats: list[dict[int, Fraction | int]] = [dict(m) for m in ballots]

        sup: list[list[int]] = [[] for _ in range(P)]
        sat: list[list] = [[] for _ in range(P)]
        for d, mine in enumerate(ballots):
            for p, v in mine:
                sup[p].append(d)
                sat[p].append(v)
        self.sup = [np.array(s, dtype=np.int64) for s in sup]
        self.sat = sat  # exact, aligned with sup
        self.sat_f = [np.array([float(v) for v in s], dtype=float) for s in sat]
        self.total_sat = [
            sum((v * int(self.w[d]) for d, v in zip(sup[p], sat[p], strict=True)), 0)
            for p in range(P)
        ]
        #: supporters as voters (with multiplicity) per project
        self.supporters = [int(self.w[self.sup[p]].sum()) for p in range(P)]
        # Flat (class, project) incidence, grouped by project.
        if P:
            self.nz_d = np.concatenate(self.sup) if P else np.zeros(0, np.int64)
            self.nz_p = np.concatenate(
                [np.full(len(s), p, dtype=np.int64) for p, s in enumerate(self.sup)]
            )
            self.nz_s = np.concatenate(self.sat_f)
        else:
            self.nz_d = self.nz_p = np.zeros(0, np.int64)
            self.nz_s = np.zeros(0, float)
