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
        self.binary = binary_type
        costs = {p: Fraction(election.projects[p].cost) for p in candidates}
        classes: dict[tuple, int] = {}
        totals: dict[str, Fraction | int] = {}
        #: per candidate id: voters with satisfaction > 0 (pabutools' supporters)
        self.support_count: dict[str, int] = {}
        count_of = self.support_count
        if binary_type:
            # cost satisfaction: sat = cost, so a supporter is a voter approving a costly project
            costly = {p for p in candidates if costs[p] > 0}
            for (names, _), count in raw.items():
                items = tuple(p for p in names if p in costly)
                classes[items] = classes.get(items, 0) + count
                for p in items:
                    count_of[p] = count_of.get(p, 0) + count
            totals = {p: costs[p] * c for p, c in count_of.items()}
        else:
            for (names, points), count in raw.items():
                util = ballot_utilities(election, Ballot(names, points))
                items = tuple(
                    sorted((p, v) for p, v in util.items() if v > 0 and p in candidate_set)
                )
                classes[items] = classes.get(items, 0) + count
                for p, v in items:
                    totals[p] = totals.get(p, 0) + v * count
                    count_of[p] = count_of.get(p, 0) + count

        self.free = sorted(p for p in candidates if totals.get(p, 0) > 0 and costs[p] == 0)
        self.ids = sorted(p for p in candidates if totals.get(p, 0) > 0 and costs[p] > 0)
        index = {p: i for i, p in enumerate(self.ids)}
        P = len(self.ids)
        self.P = P
        self.cost = [costs[p] for p in self.ids]
        self.cost_f = np.array([float(c) for c in self.cost], dtype=float)
        self.total_sat = [totals[p] for p in self.ids]

        #: per class: [(project index, exact satisfaction)]
        self.ballot_sats: list[list[tuple[int, Fraction | int]]] = []
        weights = []
        nz_d: list[int] = []
        nz_p: list[int] = []
        nz_v: list = []
        pairs = {p: (i, self.cost[i]) for i, p in enumerate(self.ids)}
        for items, count in classes.items():
            if binary_type:
                mine = [pairs[p] for p in items]
            else:
                mine = [(index[p], v) for p, v in items if p in index]
            if not mine:
                continue
            d = len(weights)
            weights.append(count)
            self.ballot_sats.append(mine)
            for q, v in mine:
                nz_d.append(d)
                nz_p.append(q)
                nz_v.append(v)
        self.D = len(weights)
        self.w = np.array(weights, dtype=np.int64)
        self.w_f = self.w.astype(float)
        # Flat (class, project) incidence, grouped by project.
        nz_d_a = np.array(nz_d, dtype=np.int64)
        nz_p_a = np.array(nz_p, dtype=np.int64)
        order = np.argsort(nz_p_a, kind="stable")
        self.nz_d = nz_d_a[order]
        self.nz_p = nz_p_a[order]
        if binary_type:
            self.nz_s = self.cost_f[self.nz_p] if P else np.zeros(0)
        else:
            self.nz_s = np.array([float(v) for v in nz_v], dtype=float)[order]
        bounds = np.searchsorted(self.nz_p, np.arange(P + 1))
        self.sup = [self.nz_d[bounds[p] : bounds[p + 1]] for p in range(P)]
        self.sat_f = [self.nz_s[bounds[p] : bounds[p + 1]] for p in range(P)]
        if binary_type:
            self.sat = [[self.cost[p]] * len(self.sup[p]) for p in range(P)]
        else:
            exact = [nz_v[i] for i in order.tolist()]
            self.sat = [exact[bounds[p] : bounds[p + 1]] for p in range(P)]
        #: supporters as voters (with multiplicity) per project
        self.supporters = [count_of[p] for p in self.ids]
