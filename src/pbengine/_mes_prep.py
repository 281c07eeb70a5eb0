"""The Method of Equal Shares' view of an election: distinct ballots with weights, as arrays.

MES is anonymous, and voters with identical ballots always hold identical budgets during a run, so
the rule works over distinct ballots ("classes") with multiplicities. Only projects that MES can
fund take part: candidates with total satisfaction > 0 and cost > 0 (pabutools' `MESProject`s).
They are indexed in the order of their ids as strings, so "lower index" is pabutools'
lexicographic tie-break. Supported projects that cost nothing are listed apart (`free`): pabutools
puts them into the outcome before anything else.
"""

from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction

import numpy as np

from pbengine.model import APPROVAL, CHOOSE_1, Ballot, Election
from pbengine.satisfaction import ballot_kinds, ballot_utilities


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

        binary_type = election.vote_type in (APPROVAL, CHOOSE_1)
        self.binary = binary_type
        costs = {p: Fraction(election.projects[p].cost) for p in candidates}
        #: per candidate id: voters with satisfaction > 0 (pabutools' supporters)
        self.support_count: dict[str, int] = {}
        count_of = self.support_count
        #: per class: [(project index, exact satisfaction)]
        self.ballot_sats: list[list[tuple[int, Fraction | int]]] | _BinarySats
        nz_v: list = []
        totals: dict[str, Fraction | int] = {}
        if binary_type:
            # cost satisfaction: sat = cost, so a supporter is a voter approving a costly project
            costly = sorted(p for p in candidates if costs[p] > 0)
            classes, weights = _approval_classes(election.ballots, costly)
            held = classes.any(axis=0)
            self.free = []
            self.ids = [p for p, h in zip(costly, held.tolist(), strict=True) if h]
            incidence = classes[:, held]
            # Flat (class, project) incidence, grouped by project.
            self.nz_p, self.nz_d = np.nonzero(incidence.T)
            self.ballot_sats = _BinarySats(incidence, [costs[p] for p in self.ids])
        else:
            merged: dict[tuple, int] = {}
            for count, ballot in ballot_kinds(election):
                util = ballot_utilities(election, ballot)
                items = tuple(
                    sorted((p, v) for p, v in util.items() if v > 0 and p in candidate_set)
                )
                merged[items] = merged.get(items, 0) + count
                for p, v in items:
                    totals[p] = totals.get(p, 0) + v * count
                    count_of[p] = count_of.get(p, 0) + count
            self.free = sorted(p for p in candidates if totals.get(p, 0) > 0 and costs[p] == 0)
            self.ids = sorted(p for p in candidates if totals.get(p, 0) > 0 and costs[p] > 0)
            index = {p: i for i, p in enumerate(self.ids)}
            self.total_sat = [totals[p] for p in self.ids]
            lists = []
            sats = []
            counts = []
            for items, count in merged.items():
                mine = [(index[p], v) for p, v in items if p in index]
                if mine:
                    counts.append(count)
                    sats.append(mine)
                    lists.append([q for q, _ in mine])
                    nz_v.extend(v for _, v in mine)
            self.ballot_sats = sats
            weights = np.array(counts, dtype=np.int64)
            lengths = np.array([len(m) for m in lists], dtype=np.int64)
            nz_d = np.repeat(np.arange(len(lists), dtype=np.int64), lengths)
            nz_p = np.fromiter(
                itertools.chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum())
            )
            # Flat (class, project) incidence, grouped by project.
            order = np.argsort(nz_p, kind="stable")
            self.nz_d = nz_d[order]
            self.nz_p = nz_p[order]
            nz_v = [nz_v[i] for i in order.tolist()]
        P = len(self.ids)
        self.P = P
        self.cost = [costs[p] for p in self.ids]
        self.cost_f = np.array([float(c) for c in self.cost], dtype=float)
        self.cost_l = self.cost_f.tolist()
        self.D = len(weights)
        self.w = weights
        self.w_f = self.w.astype(float)
        if binary_type:
            self.nz_s = self.cost_f[self.nz_p] if P else np.zeros(0)
        else:
            self.nz_s = np.array([float(v) for v in nz_v], dtype=float)
        bounds = np.searchsorted(self.nz_p, np.arange(P + 1))
        #: project q's pairs are [ptr[q], ptr[q + 1]) of nz_d, nz_s, nz_w (the class weights)
        self.ptr = bounds.astype(np.int64)
        self.nz_w = self.w_f[self.nz_d]
        self.sup = [self.nz_d[bounds[p] : bounds[p + 1]] for p in range(P)]
        self.sat_f = [self.nz_s[bounds[p] : bounds[p + 1]] for p in range(P)]
        #: per project, over its supporters: weights, weights * satisfactions and their sum
        self.w_sup = [self.w_f[self.sup[p]] for p in range(P)]
        self.ws_sup = [self.w_sup[p] * self.sat_f[p] for p in range(P)]
        self.ws_total = [float(self.w_sup[p] @ self.sat_f[p]) for p in range(P)]
        self.ws_total_f = np.array(self.ws_total, dtype=float)
        if binary_type:
            self.sat = [[self.cost[p]] * len(self.sup[p]) for p in range(P)]
        else:
            self.sat = [nz_v[bounds[p] : bounds[p + 1]] for p in range(P)]
        if binary_type:
            counts = np.bincount(self.nz_p, weights=self.w[self.nz_d], minlength=P)
            for i, p in enumerate(self.ids):
                count_of[p] = int(counts[i])
            self.total_sat = [self.cost[i] * count_of[p] for i, p in enumerate(self.ids)]
            totals.update(zip(self.ids, self.total_sat, strict=True))
        #: per candidate id: its total satisfaction (`satisfaction.total_satisfaction`, 0 for
        #: none), so that a greedy completion need not count the ballots again
        self.totals = {p: totals.get(p, 0) for p in candidates}
        #: supporters as voters (with multiplicity) per project
        self.supporters = [count_of[p] for p in self.ids]
        #: per project, cost / total satisfaction in floats (the price if everyone pays in full)
        total_sat_f = np.array([float(v) for v in self.total_sat], dtype=float)
        self.lower_f = self.cost_f / total_sat_f if P else np.zeros(0)
        #: Approval-like ballots that each support one project (choose-1): supporters of
        #: different projects never meet, so a run has a closed form (`_mes_fast._apart`).
        self.apart = binary_type and len(self.nz_d) == self.D


def _approval_classes(ballots: list[Ballot], costly: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The voters' sets of approved `costly` projects, as a (classes x costly) boolean matrix,
    and how many voters have each, in the order of each set's first voter; ballots that only
    differ in order or in other projects fall together.

    Identical ballots are counted first (in C), then each distinct ballot becomes a row of
    booleans, and rows are merged by their bytes: no per-ballot sorting in Python."""
    if not costly:
        return np.zeros((0, 0), dtype=bool), np.zeros(0, dtype=np.int64)
    raw = Counter(ballot.projects for ballot in ballots)
    keys = list(raw)
    column = {p: i for i, p in enumerate(costly)}
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    cols = np.fromiter(
        map(column.get, itertools.chain.from_iterable(keys), itertools.repeat(-1)),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    rows = np.repeat(np.arange(len(keys)), lengths)
    keep = cols >= 0
    dense = np.zeros((len(keys), len(costly)), dtype=bool)
    dense[rows[keep], cols[keep]] = True
    packed = np.packbits(dense, axis=1)
    signatures = packed.view(np.dtype((np.void, packed.shape[1]))).ravel().tolist()
    # per distinct ballot, the first one with the same row (a dict keeps the last value given)
    first_of = dict(zip(reversed(signatures), range(len(keys) - 1, -1, -1), strict=True))
    first = np.fromiter(map(first_of.__getitem__, signatures), dtype=np.int64, count=len(keys))
    starts, label = np.unique(first, return_inverse=True)  # classes by their first voter
    counts = np.fromiter(raw.values(), dtype=np.int64, count=len(keys))
    weights = np.bincount(label, weights=counts).astype(np.int64)  # exact: sums below 2**53
    classes = dense[starts]
    supported = classes.any(axis=1)  # leave out voters who approve no costly project
    return classes[supported], weights[supported]


class _BinarySats:
    """Per class, [(project index, cost)]: cost satisfaction, built only when asked for from the
    (classes x projects) boolean `incidence`."""

    def __init__(self, incidence: np.ndarray, cost: list[Fraction]) -> None:
        self.incidence = incidence
        self.cost = cost

    def __getitem__(self, d: int) -> list[tuple[int, Fraction]]:
        return [(q, self.cost[q]) for q in np.flatnonzero(self.incidence[d]).tolist()]

    def __len__(self) -> int:
        return len(self.incidence)
