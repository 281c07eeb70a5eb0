"""The compiled loops of Exact Equal Shares (`pbengine.ees`), in floats, with Numba.

A round's state is what each ballot group paid so far (`paid`, a float per group) and, per
project, its supporting groups in that order, least paid (richest) first: `seg[s_ptr[q]:
s_ptr[q + 1]]`, with the running number of voters `cs` alongside. Groups that paid the same
float form one *level*. `pbengine.ees` keeps the floats such that equal floats are equal amounts
and their order is the exact order (it settles close calls exactly, outside these loops), and
decides exactly every call these loops find close.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def payers(paid, seg, cs, s_ptr, is_open, cost, total, budget, margin, k_out, close):
    """Per open project its payers where floats are sure (`k_out`, 0 if none), and the close
    calls (project, payers, a group of the level).

    A project's payers end at a level's end: the largest `cs` with `(budget - paid) * cs >=
    cost`. Levels past `budget - cost / total` cannot pay, so the search starts there and goes
    down to the first level that surely pays, past the close calls. Returns how many close
    calls there were (those beyond `close`'s rows are not kept: the caller asks again).
    """
    n_close = 0
    for q in range(cost.shape[0]):
        k_out[q] = 0
        lo, hi = s_ptr[q], s_ptr[q + 1]
        if not is_open[q] or hi == lo:
            continue
        c_q = cost[q]
        # Past `limit` (budget - x) * total falls short of the cost by more than a close call.
        limit = budget - (c_q - 2 * margin * (budget * total[q] + c_q + budget)) / total[q]
        a, b = lo, hi
        while a < b:
            m = (a + b) // 2
            if paid[seg[m]] <= limit:
                a = m + 1
            else:
                b = m
        j = a - 1
        while j >= lo:
            x = paid[seg[j]]
            n = cs[j]
            left = budget - x
            gap = left * n - c_q
            if abs(gap) <= margin * (abs(left) * n + c_q + budget):
                if n_close < close.shape[0]:
                    close[n_close, 0] = q
                    close[n_close, 1] = n
                    close[n_close, 2] = seg[j]
                n_close += 1
            elif gap > 0 and left >= 0:
                k_out[q] = n
                break
            elif budget * n - c_q < -margin * (budget * n + c_q + budget):
                break  # fewer payers, each with at most the budget, cannot come close
            while j >= lo and paid[seg[j]] == x:
                j -= 1
    return n_close


@njit(cache=True)
def winner(k, free, cost, by_count):
    """The round's winner by floats (-1 if no project can be paid): free projects first, then
    the greatest value (`k`, or `k / cost` unless `by_count`), then the smaller index."""
    best = -1
    best_value = -1.0
    for q in range(k.shape[0]):
        if k[q] <= 0:
            continue
        if free[q]:
            return q
        value = k[q] if by_count else k[q] / cost[q]
        if value > best_value:
            best = q
            best_value = value
    return best


@njit(cache=True)
def _low(q, rival, rival_k, by_count, cost_int, free, voters):
    """The fewest payers with which project q beats `rival` paid by `rival_k` (see
    `pbengine.ees._low`; `rival` -1: after the last round), with whole costs `cost_int`."""
    if rival < 0:
        return 1
    if free[rival]:
        return voters + 1
    before = q < rival
    if by_count:
        return rival_k if before else rival_k + 1
    need = rival_k * cost_int[q]
    k = need // cost_int[rival]
    if need % cost_int[rival] != 0 or not before:
        k += 1
    return max(k, 1)


@njit(cache=True)
def bands(
    paid,
    seg,
    cs,
    s_ptr,
    is_open,
    free,
    cost,
    total,
    cost_int,
    voters,
    by_count,
    rounds,
    low,
    high,
    out,
):
    """Per open project (cost above 0) the least `cost/k + paid_k` over `low <= k <= high` (inf
    if none), in floats; `paid_k`: what the k-th richest supporter paid.

    `rounds` = (winner, its payers, the previous winner, its payers), -1 for none: `low` is the
    fewest payers that beat this round's winner, `high` one less than beat the previous one's
    (`_low`), unless the caller gives them (`low`, `high` not empty: values by cost without
    whole costs `cost_int`). Within a
    level the largest k needs least, so each level holding some k of the band gives `cost /
    min(cs, high) + paid`."""
    winner, winner_k, previous, previous_k = rounds
    for q in range(cost.shape[0]):
        out[q] = np.inf
        lo, hi = s_ptr[q], s_ptr[q + 1]
        if not is_open[q] or free[q] or hi == lo or (winner >= 0 and free[winner]):
            continue
        if low.shape[0] == 0:
            low_q = _low(q, winner, winner_k, by_count, cost_int, free, voters)
            high_q = total[q]
            if previous >= 0:
                beat = _low(q, previous, previous_k, by_count, cost_int, free, voters)
                high_q = min(high_q, beat - 1)
        else:
            low_q, high_q = low[q], high[q]
        if low_q > high_q:
            continue
        a, b = lo, hi
        while a < b:  # the first place with cs >= low
            m = (a + b) // 2
            if cs[m] < low_q:
                a = m + 1
            else:
                b = m
        j = a
        before = -1  # the running count at the previous level's end (none yet)
        while j < hi and before < high_q:
            x = paid[seg[j]]
            while j + 1 < hi and paid[seg[j + 1]] == x:
                j += 1
            value = cost[q] / min(cs[j], high_q) + x
            if value < out[q]:
                out[q] = value
            before = cs[j]
            j += 1


@njit(cache=True)
def _new_order(order, moved, paid, after, near, go, new_order, key, close):
    """The order of all groups after the round, in one pass: a moved group only goes later (all
    moved pay the same), so it waits in `go` (in order) until a group that stays and paid more
    comes. Fills `key` (each group's new place, `-1 - place` if it moved) and `close` (see
    `move`)."""
    head = 0
    tail = 0
    o = 0
    for i in range(order.shape[0] + 1):
        g = -1
        if i < order.shape[0]:
            g = order[i]
            if moved[g]:
                go[tail] = g
                tail += 1
                continue
        while head < tail and (g < 0 or after[go[head]] < paid[g]):
            h = go[head]
            head += 1
            new_order[o] = h
            key[h] = -1 - o
            o += 1
        if g >= 0:
            new_order[o] = g
            key[g] = o
            o += 1
    for i in range(order.shape[0] - 1):
        g, h = new_order[i], new_order[i + 1]
        if not (moved[g] or moved[h]):
            continue
        if moved[g] and moved[h] and paid[g] == paid[h]:
            continue
        if after[h] - after[g] <= near * abs(after[h]):
            close[i] = True


@njit(cache=True)
def _merge_segment(paid, key, seg, cs, new_seg, new_cs, lo, hi, top, go, go_key, go_count):
    """Project segment [lo, hi) after its moved groups paid, with its running counts.

    `key[g]`: group g's place in the new order of all groups, as `-1 - place` if it moved. Only
    the window from the first moved group to the last group that paid at most `top` (what the
    payers paid at most, after) can change; the rest is copied. In the window, a moved group
    only goes later (all moved pay the same), so it waits in `go` (in order, with its number of
    voters, read off `cs`) until a group that stays and comes later in the new order."""
    first = lo
    while first < hi and key[seg[first]] >= 0:
        first += 1
    a, b = first, hi
    while a < b:  # the window's end: past the last place that paid at most `top` before
        m = (a + b) // 2
        if paid[seg[m]] <= top:
            a = m + 1
        else:
            b = m
    end = a
    new_seg[lo:first] = seg[lo:first]
    new_cs[lo:first] = cs[lo:first]
    new_seg[end:hi] = seg[end:hi]
    new_cs[end:hi] = cs[end:hi]
    running = cs[first - 1] if first > lo else 0
    seen = running  # the running count before place i, as it was
    head = 0
    tail = 0
    o = first
    for i in range(first, end):
        g = seg[i]
        k = key[g]
        count = cs[i] - seen
        seen = cs[i]
        if k < 0:
            go[tail] = g
            go_key[tail] = -1 - k
            go_count[tail] = count
            tail += 1
            continue
        while head < tail and go_key[head] < k:
            new_seg[o] = go[head]
            running += go_count[head]
            new_cs[o] = running
            head += 1
            o += 1
        new_seg[o] = g
        running += count
        new_cs[o] = running
        o += 1
    while head < tail:
        new_seg[o] = go[head]
        running += go_count[head]
        new_cs[o] = running
        head += 1
        o += 1


@njit(cache=True)
def move(paid, order, seg, cs, s_ptr, g_ptr, g_proj, is_open, winner, payers, payment, near, out):
    """The winner's `payers` richest supporters (a prefix of its segment) each pay `payment`.

    Writes the state after the round into `out` = (what every group paid, the groups in that
    order, who paid, the segments, the running counts); `is_open`: the projects open after
    this round (only their segments are kept up to date). Returns `close`: each place `i` of
    the new order where groups `i` and `i + 1` may be out of exact order or hold equal floats
    for different amounts (floats within `near` (relative) of each other, one of them moved, or
    both moved from different floats); the caller settles those exactly (`pbengine.ees._settle`) and
    sorts the segments they are in anew (`resort`).
    """
    after, new_order, moved, new_seg, new_cs = out
    size = paid.shape[0]
    after[:] = paid
    moved[:] = False
    lo = s_ptr[winner]
    j = lo
    top = -np.inf  # what the payers paid at most, after
    while j < s_ptr[winner + 1] and cs[j] <= payers:
        g = seg[j]
        after[g] = paid[g] + payment
        moved[g] = True
        top = max(top, after[g])
        j += 1
    # The new order of all groups: the moved ones merged in.
    go = np.empty(size, order.dtype)
    key = np.empty(size, np.int32)
    close = np.zeros(size, np.bool_)
    _new_order(order, moved, paid, after, near, go, new_order, key, close)
    # The segments: merged anew for the open projects some payer supports, else copied.
    go_key = np.empty(size, np.int32)
    go_count = np.empty(size, cs.dtype)
    touched = np.zeros(s_ptr.shape[0] - 1, np.bool_)
    for i in range(lo, j):
        g = seg[i]
        for t in range(g_ptr[g], g_ptr[g + 1]):
            touched[g_proj[t]] = True
    for q in range(touched.shape[0]):
        start, end = s_ptr[q], s_ptr[q + 1]
        if touched[q] and is_open[q]:
            _merge_segment(
                paid, key, seg, cs, new_seg, new_cs, start, end, top, go, go_key, go_count
            )
        elif is_open[q]:
            new_seg[start:end] = seg[start:end]
            new_cs[start:end] = cs[start:end]
    return close


@njit(cache=True)
def resort(paid, seg, cs, s_ptr, counts, projects):
    """Sort the segments of `projects` anew by `paid` (after `_settle` changed some floats)."""
    for q in projects:
        lo, hi = s_ptr[q], s_ptr[q + 1]
        part = seg[lo:hi].copy()
        keys = np.empty(hi - lo)
        for i in range(hi - lo):
            keys[i] = paid[part[i]]
        by = np.argsort(keys, kind="mergesort")
        running = 0
        for i in range(hi - lo):
            g = part[by[i]]
            seg[lo + i] = g
            running += counts[g]
            cs[lo + i] = running


@njit(cache=True)
def step(
    paid,
    order,
    seg,
    cs,
    s_ptr,
    g_ptr,
    g_proj,
    is_open,
    free,
    cost,
    total,
    cost_int,
    voters,
    by_count,
    budget,
    margin,
    near,
    previous,
    previous_k,
    k,
    cands,
    out,
):
    """One whole round (payers, winner, `beta`s, `move`) where floats decide all of it: whole
    costs below 2**53 (`cost_int`), so the payment `cost / payers` is the correctly rounded
    float of the exact one, and values that floats order exactly (`by_count`, or the caller
    vouches for `k / cost`). Returns (the winner, -1 if none, or -2 if a payer count is a close
    call: nothing is changed then, the caller takes the round exactly; `move`'s `close`)."""
    close_calls = np.empty((1, 3), np.int64)
    if payers(paid, seg, cs, s_ptr, is_open, cost, total, budget, margin, k, close_calls) > 0:
        return -2, np.zeros(0, np.bool_)
    best = winner(k, free, cost, by_count)
    given = np.zeros(0, np.int64)
    rounds = (best, k[best] if best >= 0 else 0, previous, previous_k)
    bands(
        paid,
        seg,
        cs,
        s_ptr,
        is_open,
        free,
        cost,
        total,
        cost_int,
        voters,
        by_count,
        rounds,
        given,
        given,
        cands,
    )
    if best < 0:
        return -1, np.zeros(0, np.bool_)
    is_open[best] = False
    payment = cost[best] / k[best]
    close = move(
        paid, order, seg, cs, s_ptr, g_ptr, g_proj, is_open, best, k[best], payment, near, out
    )
    return best, close
