"""From a distribution over compositions to a lottery over panels of people, and the seeded draw.

People of one type are interchangeable, so a lottery realises a distribution over compositions
when, for every type t, each of its n_t members sits on the panel with the same probability
p_t = sum_c mu_c c_t / n_t. `decompose` builds such a lottery directly, type by type, with
McNaughton's wrap-around rule (preemptive scheduling on parallel machines):

- Picture the distribution as the interval [0, 1), cut into one piece of length mu_c per
  composition c. A panel is a point u of it: composition c's piece says how many people of each
  type sit, and each type decides independently *which* of its members sit at u.
- For type t, take the pieces where it has d seats (d = 1, 2, ...) together: a strip of length L.
  Its d seats make a "seat line" of length d L (seat 0, then seat 1, ...), and member m gets the
  stretch [m r, (m + 1) r) of it, r = d L / n_t. As r <= L (d <= n_t), a stretch covers at most
  the end of one seat and the start of the next, which never overlap in time: at every point the
  d seats hold d different members, and each member sits for r of the strip. Summed over the
  strips that is sum_d d L_d / n_t = p_t, the same for every member: the marginals are exact.
- At strip position phi = w / L the members sitting are floor((s + phi) n_t / d), s < d; they
  change only where phi passes a multiple of 1 / n_t' (n_t' = n_t / gcd(n_t, d)). Cutting every
  composition's piece at the points where any of its types changes gives the panels; each
  panel's probability is the length of its piece (equal panels are merged).

No linear program and no tolerance: the number of panels is at most the number of compositions
plus, per type, the sum of n_t' over its seat counts (a few thousand for 2,000 people).

The draw: the lottery's panels are put in a canonical order (sorted ids), and a number u in
[0, 1) is derived from SHA-256 of the seed; the panel whose cumulative probability interval holds
u is drawn. Publishing sha256(seed) before and the seed after lets anyone re-run the draw.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction
from math import gcd

import numpy as np

from .data import Instance

SAME_POINT = 1e-11  # cut points closer than this (rounding) are one point


def decompose(
    inst: Instance, comps: list[np.ndarray], mu: np.ndarray
) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """Panels (sorted person indices) and their probabilities; marginals = type probabilities."""
    C = np.array(comps, dtype=np.int64).reshape(len(comps), inst.n_types)
    mu = np.asarray(mu, dtype=np.float64)
    mu = mu / mu.sum()
    members = [np.asarray(m, dtype=np.int64) for m in inst.members]
    # For every type and seat count d: the strip's length, and where each composition starts in it.
    strip_length: dict[tuple[int, int], float] = {}
    offset = np.zeros(C.shape)
    for j in range(len(C)):
        for t in np.nonzero(C[j])[0]:
            key = (int(t), int(C[j, t]))
            offset[j, t] = strip_length.get(key, 0.0)
            strip_length[key] = offset[j, t] + mu[j]
    probability: dict[tuple[int, ...], float] = {}
    for j in range(len(C)):
        if mu[j] <= 0:
            continue
        types = np.nonzero(C[j])[0]
        cuts = [0.0, float(mu[j])]
        for t in types:
            d, n = int(C[j, t]), len(members[t])
            if d == n:
                continue  # everyone of the type sits throughout
            length = strip_length[(int(t), d)]
            grid = n // gcd(n, d)
            # Strip positions k * length / grid that fall inside this composition's piece.
            first = int(np.floor(offset[j, t] * grid / length)) + 1
            last = int(np.ceil((offset[j, t] + mu[j]) * grid / length)) - 1
            if last >= first:
                points = np.arange(first, last + 1) * length / grid - offset[j, t]
                cuts.extend(points[(points > 0) & (points < mu[j])].tolist())
        cuts = np.unique(np.array(cuts))
        keep = np.concatenate([[True], np.diff(cuts) > SAME_POINT])
        cuts = cuts[keep]
        cuts[-1] = mu[j]
        for a, b in zip(cuts[:-1], cuts[1:], strict=True):
            middle = (a + b) / 2
            people: list[int] = []
            for t in types:
                d, n = int(C[j, t]), len(members[t])
                if d == n:
                    people.extend(members[t].tolist())
                    continue
                phi = (offset[j, t] + middle) / strip_length[(int(t), d)]
                seats = np.floor((np.arange(d) + phi) * n / d).astype(np.int64) % n
                people.extend(members[t][seats].tolist())
            panel = tuple(sorted(people))
            probability[panel] = probability.get(panel, 0.0) + float(b - a)
    panels = sorted(probability)
    probs = np.array([probability[p] for p in panels])
    return panels, probs / probs.sum()


def marginals(n: int, panels: list[tuple[int, ...]], probs: np.ndarray) -> np.ndarray:
    out = np.zeros(n)
    for panel, p in zip(panels, probs, strict=True):
        out[list(panel)] += p
    return out


def commitment(seed: str) -> str:
    """What to publish before the draw: sha256 of the seed (hex)."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def canonical(lottery: list[dict]) -> list[dict]:
    """The lottery's panels with sorted ids, in sorted order (the order the draw walks)."""
    rows = [
        {"panel": sorted(entry["panel"]), "probability": entry["probability"]} for entry in lottery
    ]
    return sorted(rows, key=lambda e: e["panel"])


def draw(lottery: list[dict], seed: str) -> dict:
    """The panel the seed draws from the lottery; anyone with lottery and seed gets the same.

    u = int(sha256("panel-draw:" + seed)) / 2**256, exactly (fractions); the probabilities, as
    published (decimal strings or floats), are summed exactly and the draw is the first panel whose
    cumulative share of the total exceeds u.
    """
    rows = canonical(lottery)
    digest = hashlib.sha256(("panel-draw:" + seed).encode("utf-8")).hexdigest()
    u = Fraction(int(digest, 16), 2**256)
    total = sum(Fraction(str(e["probability"])) for e in rows)
    running = Fraction(0)
    for index, entry in enumerate(rows):
        running += Fraction(str(entry["probability"]))
        if u * total < running:
            return {
                "index": index,
                "panel": entry["panel"],
                "u": float(u),
                "seed": seed,
                "commitment": commitment(seed),
            }
    raise ValueError("empty lottery")
