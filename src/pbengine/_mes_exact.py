"""One run of the Method of Equal Shares in exact rational arithmetic (the slow, obvious version).

It is the definition the fast run (`_mes_fast`) is checked against, and it is used as is on small
elections. Semantics as pabutools 1.2.3 `mes_inner_algo` (resolute): every class starts with the
per-voter budget; each step, a project whose supporters hold less than its cost drops out; of the
others the one with the smallest affordability rho wins (exact ties: lowest index, i.e. the
smallest id as a string); each supporter pays min(budget, rho * satisfaction).

With `caps` (Pabulib's `budget_per_category`, see `CategoryCaps`), Equal Shares with category
caps: the selected projects of a category may together cost no more than its budget. Each step, a
project that no longer fits in what is left of the budget of one of its categories drops out, as
one whose supporters cannot pay; voters keep their money (it is not moved to other categories).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pbengine._mes_prep import Prepared


@dataclass
class Step:
    project: int
    rho: Fraction | float
    paid_full: int = 0  # voters who paid rho * sat
    paid_rest: int = 0  # voters who paid all they had left (> 0), less than rho * sat
    paid_nothing: int = 0  # supporters who had nothing left
    zero_before: object = None  # fast run: which supporters had nothing left before the step
    tied: frozenset = frozenset()  # projects exactly as cheap that lost on their id


@dataclass
class Trace:
    voter_budget: Fraction
    steps: list[Step] = field(default_factory=list)
    #: per project index, what its supporters held at the end of the run (float)
    left: list[float] = field(default_factory=list)
    exact_fallbacks: int = 0

    @property
    def selected(self) -> list[int]:
        return [s.project for s in self.steps]


@dataclass
class CategoryCaps:
    """A budget per category, and per project index the capped categories it belongs to (all
    of them must have room for it; a category without a budget does not limit)."""

    budgets: dict[str, Fraction]
    of_project: list[tuple[str, ...]]

    @classmethod
    def for_prep(cls, prep: Prepared, budgets: dict[str, Fraction]) -> CategoryCaps:
        projects = prep.election.projects
        return cls(
            {name: Fraction(amount) for name, amount in budgets.items()},
            [tuple(c for c in projects[p].categories if c in budgets) for p in prep.ids],
        )

    def fits(self, room: dict[str, Fraction], p: int, cost: Fraction) -> bool:
        return all(cost <= room[c] for c in self.of_project[p])


def affordability(prep: Prepared, budgets: list[Fraction], p: int) -> Fraction | None:
    """Smallest rho with sum_i min(b_i, rho * s_i) = cost, or None if the supporters can't pay."""
    cost = prep.cost[p]
    entries = []
    available = Fraction(0)
    for d, s in zip(prep.sup[p].tolist(), prep.sat[p], strict=True):
        w = int(prep.w[d])
        b = budgets[d]
        available += w * b
        entries.append((b / s, w, b, s))
    if available < cost:
        return None
    entries.sort(key=lambda e: e[0])
    paid = Fraction(0)
    denominator = prep.total_sat[p]
    for ratio, w, b, s in entries:
        rho = (cost - paid) / denominator
        if rho <= ratio:
            return rho
        paid += w * b
        denominator -= w * s
    raise AssertionError("affordable project without a price")  # pragma: no cover


def run_exact(prep: Prepared, voter_budget: Fraction, caps: CategoryCaps | None = None) -> Trace:
    budgets = [Fraction(voter_budget)] * prep.D
    remaining = set(range(prep.P))
    room = dict(caps.budgets) if caps is not None else {}
    lower = {p: Fraction(prep.cost[p]) / prep.total_sat[p] for p in remaining}
    trace = Trace(Fraction(voter_budget))
    while True:
        best = None
        best_rho = None
        for p in sorted(remaining, key=lambda q: (lower[q], q)):
            if best_rho is not None and lower[p] > best_rho:
                break
            if caps is not None and not caps.fits(room, p, prep.cost[p]):
                remaining.discard(p)
                continue
            rho = affordability(prep, budgets, p)
            if rho is None:
                remaining.discard(p)
                continue
            lower[p] = rho
            if best_rho is None or rho < best_rho or (rho == best_rho and p < best):
                best, best_rho = p, rho
        if best is None:
            break
        remaining.discard(best)
        if caps is not None:
            for category in caps.of_project[best]:
                room[category] -= prep.cost[best]
        step = Step(best, best_rho)
        for d, s in zip(prep.sup[best].tolist(), prep.sat[best], strict=True):
            w = int(prep.w[d])
            b = budgets[d]
            ask = best_rho * s
            if ask <= b:
                budgets[d] = b - ask
                step.paid_full += w
            else:
                budgets[d] = Fraction(0)
                if b > 0:
                    step.paid_rest += w
                else:
                    step.paid_nothing += w
        trace.steps.append(step)
    trace.left = [
        float(sum(int(prep.w[d]) * budgets[d] for d in prep.sup[p].tolist())) for p in range(prep.P)
    ]
    return trace
