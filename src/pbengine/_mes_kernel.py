"""The compiled loops of the interval proofs (`_mes_interval`), in floats, with Numba.

A proof step sums, per project, over its supporting classes: `nz_d[ptr[q]:ptr[q + 1]]` with
their satisfactions `nz_s` and class weights `nz_w` alongside (`Prepared`). In numpy each such
sum is a gather and several passes over the supporters (about 2,000 on Budapest 2024); here it
is one pass. The sums are of non-negative terms, so their float error (at most the number of
terms times the unit roundoff) is far below the relative margins (`REL`) the proof leaves at
every comparison, as with numpy's sums; which certificates are found may differ in the last bit
of a bound, never whether a span is proven soundly.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _reach(limit, paid, slope):
    """The largest price y with paid + y * slope < limit (-inf if none, inf if the slope is 0
    and paid < limit), shrunk by 1e-12 against the rounding of the division."""
    if slope > 0:
        y = (limit - paid) / slope
    elif paid < limit:
        return np.inf
    else:
        return -np.inf
    return y * (1 - 1e-12) if y > 0 else y * (1 + 1e-12)


@njit(cache=True)
def certify(ptr, nz_d, nz_s, nz_w, U0, U1, projects, limit, headroom, x0, x1, cert0, cert1, need):
    """`_mes_interval._certify` for the listed projects: with the pick per supporter made at
    (x0 .. x1) * (1 + headroom) first, then at (x0 .. x1), a project whose tangent certificate
    reaches (x0, x1) gets it in cert0, cert1 and leaves `need`. Both picks in one pass."""
    h = (x0 + x1) * (1 + headroom)
    x = x0 + x1
    for q in projects:
        a0 = 0.0  # what the supporters picking U pay, at 0 and at span; at the headroom level
        a1 = 0.0
        slope_a = 0.0
        b0 = 0.0  # at (x0 .. x1)
        b1 = 0.0
        slope_b = 0.0
        for k in range(ptr[q], ptr[q + 1]):
            d = nz_d[k]
            u0 = U0[d]
            u1 = U1[d]
            s = nz_s[k]
            w = nz_w[k]
            u = u0 + u1
            # the weight of a supporter picking U (else 0), without branches (they are
            # unpredictable here: twice as fast)
            wa = w if u <= h * s else 0.0
            wb = w if u <= x * s else 0.0
            a0 += wa * u0
            a1 += wa * u1
            slope_a += (w - wa) * s
            b0 += wb * u0
            b1 += wb * u1
            slope_b += (w - wb) * s
        c0 = _reach(limit[q], a0, slope_a)
        c1 = _reach(limit[q], a1, slope_a)
        if not (c0 >= x0 and c1 >= x1):
            c0 = _reach(limit[q], b0, slope_b)
            c1 = _reach(limit[q], b1, slope_b)
        if c0 >= x0 and c1 >= x1:
            cert0[q] = c0
            cert1[q] = c1
            need[q] = False


@njit(cache=True)
def held(ptr, nz_d, nz_w, A, B, q):
    """What q's supporters hold under budgets A and under B (class arrays)."""
    a = 0.0
    b = 0.0
    for k in range(ptr[q], ptr[q + 1]):
        d = nz_d[k]
        a += nz_w[k] * A[d]
        b += nz_w[k] * B[d]
    return a, b


@njit(cache=True)
def pay(ptr, nz_d, nz_s, q, U0, U1, L0, L1, lo0, lo1, hi0, hi1):
    """In place, q's supporters after paying q at a price between (lo0 .. lo1) and (hi0 .. hi1)
    (`_mes_interval._child`): U becomes max(0, U - lo s) at each end, and L becomes L - hi s at
    both ends where that is positive at 0, else 0."""
    for k in range(ptr[q], ptr[q + 1]):
        d = nz_d[k]
        s = nz_s[k]
        U0[d] = max(0.0, U0[d] - lo0 * s)
        U1[d] = max(0.0, U1[d] - lo1 * s)
        g0 = L0[d] - hi0 * s
        if g0 > 0:
            L0[d] = g0
            L1[d] = L1[d] - hi1 * s
        else:
            L0[d] = 0.0
            L1[d] = 0.0


_NEWTON = 24


@njit(cache=True)
def price(ptr, nz_d, nz_s, nz_w, A, B, r, q, cost, rel):
    """q's price (`_mes_fast._walk` from cost / total satisfaction) if its supporters hold
    A - (B - A) * r (elementwise, over classes), inf if they hold less than cost * (1 + rel),
    nan if Newton's method does not settle (the caller then sorts)."""
    lo = ptr[q]
    hi = ptr[q + 1]
    n = hi - lo
    ratio = np.empty(n)
    bb = np.empty(n)
    held = 0.0
    total = 0.0
    low = np.inf
    for i in range(n):
        d = nz_d[lo + i]
        b = A[d] - (B[d] - A[d]) * r
        bb[i] = b
        s = nz_s[lo + i]
        w = nz_w[lo + i]
        held += w * b
        total += w * s
        ratio[i] = b / s
        if ratio[i] < low:
            low = ratio[i]
    if held < cost * (1 + rel):
        return np.inf
    everyone = cost / total
    if low >= everyone:
        return everyone
    x = everyone
    for _ in range(_NEWTON):
        rest = 0.0
        paid = 0.0
        for i in range(n):
            if ratio[i] < x:
                paid += nz_w[lo + i] * bb[i]
            else:
                rest += nz_w[lo + i] * nz_s[lo + i]
        if not rest > 0:
            return np.nan
        rho = (cost - paid) / rest
        new = False
        for i in range(n):
            if x <= ratio[i] < rho:
                new = True
                break
        if not new:
            return rho
        x = rho
    return np.nan


def warm_up() -> None:
    """Load the compiled loops (or compile them, the first time after an install: Numba keeps
    them in `__pycache__`) with the argument types the proofs pass, about 0.2 CPU s once per
    process, so that the first election measured or served does not pay it."""
    ptr = np.array([0, 1], dtype=np.int64)
    nz_d = np.zeros(1, dtype=np.int64)
    one = np.ones(1)
    need = np.ones(1, dtype=bool)
    certify(
        ptr,
        nz_d,
        one,
        one,
        one,
        one,
        np.zeros(1, dtype=np.int64),
        one,
        0.25,
        1.0,
        1.0,
        np.zeros(1),
        np.zeros(1),
        need,
    )
    held(ptr, nz_d, one, one, one, 0)
    price(ptr, nz_d, one, one, one, one, 0.0, 0, 1.0, 1e-9)
    pay(ptr, nz_d, one, 0, one.copy(), one.copy(), one.copy(), one.copy(), 0.5, 0.5, 0.5, 0.5)
