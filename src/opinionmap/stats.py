"""Polis' statement statistics, representative statements and consensus (repness.clj, stats.clj).

Counts are in the export convention (+1 agree). For one statement and a set of participants: `na`
agrees, `nd` disagrees, `ns` votes (passes included). The formulas are Polis' own
(POLIS-MATH.md sections 5-7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from opinionmap.matrix import FloatArray, IntArray

Z_90 = 1.2816  # one-sided 90 %, hard-coded in Polis' stats.clj


def prop_test(successes: FloatArray, trials: FloatArray) -> FloatArray:
    s, n = successes + 1.0, trials + 1.0
    return 2.0 * np.sqrt(n) * (s / n - 0.5)


def two_prop_test(
    succ_in: FloatArray, succ_out: FloatArray, pop_in: FloatArray, pop_out: FloatArray
) -> FloatArray:
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, pop_in + 1.0, pop_out + 1.0
    p1, p2 = s1 / n1, s2 / n2
    p = (s1 + s2) / (n1 + n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (p1 - p2) / np.sqrt(p * (1.0 - p) * (1.0 / n1 + 1.0 / n2))
    return np.where(p == 1.0, 0.0, z)


@dataclass
class GroupStats:
    """Arrays of shape (groups, statements)."""

    na: IntArray
    nd: IntArray
    ns: IntArray
    pa: FloatArray = field(init=False)
    pd: FloatArray = field(init=False)
    pat: FloatArray = field(init=False)
    pdt: FloatArray = field(init=False)
    ra: FloatArray = field(init=False)
    rd: FloatArray = field(init=False)
    rat: FloatArray = field(init=False)
    rdt: FloatArray = field(init=False)

    def __post_init__(self) -> None:
        na, nd, ns = (x.astype(np.float64) for x in (self.na, self.nd, self.ns))
        self.pa = (na + 1.0) / (ns + 2.0)
        self.pd = (nd + 1.0) / (ns + 2.0)
        self.pat = prop_test(na, ns)
        self.pdt = prop_test(nd, ns)
        rest_na = na.sum(axis=0)[None, :] - na
        rest_nd = nd.sum(axis=0)[None, :] - nd
        rest_ns = ns.sum(axis=0)[None, :] - ns
        self.ra = self.pa / ((1.0 + rest_na) / (2.0 + rest_ns))
        self.rd = self.pd / ((1.0 + rest_nd) / (2.0 + rest_ns))
        self.rat = two_prop_test(na, rest_na, ns, rest_ns)
        self.rdt = two_prop_test(nd, rest_nd, ns, rest_ns)


def _finalize(stats: GroupStats, g: int, j: int, tid: int) -> dict[str, Any]:
    agree = stats.rat[g, j] > stats.rdt[g, j]
    return {
        "tid": tid,
        "n-success": int(stats.na[g, j] if agree else stats.nd[g, j]),
        "n-trials": int(stats.ns[g, j]),
        "p-success": float(stats.pa[g, j] if agree else stats.pd[g, j]),
        "p-test": float(stats.pat[g, j] if agree else stats.pdt[g, j]),
        "repness": float(stats.ra[g, j] if agree else stats.rd[g, j]),
        # Polis stores this one as a 32-bit float; comparisons and the sort see the rounded value.
        "repness-test": float(np.float32(stats.rat[g, j] if agree else stats.rdt[g, j])),
        "repful-for": "agree" if agree else "disagree",
    }


def _metric(entry: dict[str, Any]) -> float:
    return float(entry["repness"] * entry["repness-test"] * entry["p-success"] * entry["p-test"])


def _beats_best_agree(stats: GroupStats, g: int, j: int, best: int | None) -> bool:
    if stats.na[g, j] == 0 and stats.nd[g, j] == 0:
        return False
    ra, rat, pa, pat = stats.ra[g, j], stats.rat[g, j], stats.pa[g, j], stats.pat[g, j]
    if best is not None and stats.ra[g, best] > 1.0:
        return bool(
            ra * rat * pa * pat
            > stats.ra[g, best] * stats.rat[g, best] * stats.pa[g, best] * stats.pat[g, best]
        )
    if best is not None:
        return bool(pa * pat > stats.pa[g, best] * stats.pat[g, best])
    return bool(pat > Z_90 or (ra > 1.0 and pa > 0.5))


def representative(
    stats: GroupStats, tids: list[int], mod_out: np.ndarray, group: int
) -> list[dict[str, Any]]:
    """Polis' `select-rep-comments` for one group (rows of `stats` are groups)."""
    g = group
    sufficient: list[dict[str, Any]] = []
    best: dict[str, Any] | None = None
    best_agree: int | None = None
    for j, tid in enumerate(tids):
        if mod_out[j]:
            continue
        rat, pat, rdt, pdt = stats.rat[g, j], stats.pat[g, j], stats.rdt[g, j], stats.pdt[g, j]
        if (rat > Z_90 and pat > Z_90) or (rdt > Z_90 and pdt > Z_90):
            sufficient.append(_finalize(stats, g, j, tid))
        if not sufficient and (best is None or max(rat, rdt) > best["repness-test"]):
            best = _finalize(stats, g, j, tid)
        if _beats_best_agree(stats, g, j, best_agree):
            best_agree = j
    head: list[dict[str, Any]] = []
    best_agree_tid = None
    if best_agree is not None:
        entry = _finalize(stats, g, best_agree, tids[best_agree])
        entry["n-agree"] = int(stats.na[g, best_agree])
        entry["best-agree"] = True
        best_agree_tid = entry["tid"]
        head = [entry]
    elif best is not None:
        head = [best]
    if not sufficient:
        return head
    rest = [e for e in sufficient if e["tid"] != best_agree_tid]
    rest.sort(key=lambda e: -_metric(e))  # stable, as Clojure's sort-by
    chosen = ([head[0]] if best_agree is not None else []) + rest
    chosen = chosen[:5]
    return [e for e in chosen if e["repful-for"] == "agree"] + [
        e for e in chosen if e["repful-for"] == "disagree"
    ]


def consensus(
    na: IntArray, nd: IntArray, ns: IntArray, tids: list[int], mod_out: np.ndarray
) -> dict[str, list[dict[str, Any]]]:
    """Polis' `select-consensus-comments` over everybody in the rating matrix (1-d counts)."""
    fna, fnd, fns = (x.astype(np.float64) for x in (na, nd, ns))
    pa, pd = (fna + 1.0) / (fns + 2.0), (fnd + 1.0) / (fns + 2.0)
    pat, pdt = prop_test(fna, fns), prop_test(fnd, fns)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, n, p, t in (("agree", na, pa, pat), ("disagree", nd, pd, pdt)):
        candidates = [j for j in range(len(tids)) if not mod_out[j] and p[j] > 0.5 and t[j] > Z_90]
        candidates.sort(key=lambda j: -(p[j] * t[j]))
        out[name] = [
            {
                "tid": tids[j],
                "n-success": int(n[j]),
                "n-trials": int(ns[j]),
                "p-success": float(p[j]),
                "p-test": float(t[j]),
            }
            for j in candidates[:5]
        ]
    return out


def group_aware_consensus(agree: IntArray, seen: IntArray) -> FloatArray:
    """Per statement, the product over groups of (agrees + 1) / (votes + 2)."""
    return np.prod((agree + 1.0) / (seen + 2.0), axis=0)
