"""Polis' two-level clustering (clusters.clj, conversation.clj).

k-means as Polis runs it: start from the first k distinct points in row order, assign every point to
its nearest centre, drop clusters that end up empty, move each centre to the (weighted) mean of its
members, stop when no centre moves by 0.01 or more, or after `max_iters` rounds.
Participants are first grouped into up to 100 base clusters; the groups are then a weighted k-means
of the base-cluster centres for every k from 2 to `max_k`, and the k with the highest silhouette
(computed over the base-cluster centres) wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from opinionmap.matrix import FloatArray, IntArray

BASE_K = 100
BASE_ITERS = 100
GROUP_ITERS = 20
MAX_GROUPS = 5
MOVE_THRESHOLD = 0.01


def first_distinct(points: FloatArray, k: int) -> FloatArray:
    """The first k distinct rows, in row order."""
    _, first_index = np.unique(points, axis=0, return_index=True)
    return points[np.sort(first_index)[:k]].copy()


def _nearest(points: FloatArray, centres: FloatArray) -> IntArray:
    # Squared distances without forming an (n, k, 2) array: |p|^2 - 2 p.c + |c|^2.
    cross = points @ centres.T
    dist = (centres * centres).sum(axis=1)[None, :] - 2.0 * cross
    return np.argmin(dist, axis=1).astype(np.int64)


def kmeans(
    points: FloatArray,
    k: int,
    *,
    weights: FloatArray | None = None,
    init: FloatArray | None = None,
    max_iters: int = GROUP_ITERS,
) -> tuple[IntArray, FloatArray]:
    """Labels (0..k'-1, k' <= k after dropping empty clusters) and centres."""
    n = points.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, points.shape[1]))
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    centres = first_distinct(points, k) if init is None else np.asarray(init, dtype=np.float64)
    for _ in range(max_iters):
        labels = _nearest(points, centres)
        used = np.unique(labels)
        remap = np.full(centres.shape[0], -1, dtype=np.int64)
        remap[used] = np.arange(used.size)
        labels = remap[labels]
        total = np.bincount(labels, weights=w, minlength=used.size)
        new = np.column_stack(
            [np.bincount(labels, weights=w * points[:, d], minlength=used.size) for d in
             range(points.shape[1])]
        ) / total[:, None]  # fmt: skip
        old = centres[used]
        centres = new
        if np.all(np.sqrt(((new - old) ** 2).sum(axis=1)) < MOVE_THRESHOLD):
            break
    labels = _nearest(points, centres)
    return labels, centres


def silhouette(points: FloatArray, labels: IntArray) -> float:
    """Mean silhouette coefficient; a point alone in its cluster scores 0."""
    n = points.shape[0]
    clusters = np.unique(labels)
    if n < 2 or clusters.size < 2:
        return 0.0
    dist = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    one_hot = (labels[:, None] == clusters[None, :]).astype(np.float64)
    sizes = one_hot.sum(axis=0)
    sums = dist @ one_hot  # (n, clusters): summed distance to each cluster
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own]
    a = np.divide(sums[np.arange(n), own], own_size - 1, out=np.zeros(n), where=own_size > 1)
    mean_other = sums / sizes[None, :]
    mean_other[np.arange(n), own] = np.inf
    b = mean_other.min(axis=1)
    denom = np.maximum(a, b)
    s = np.divide(b - a, denom, out=np.zeros(n), where=denom > 0)
    s[own_size <= 1] = 0.0
    return float(s.mean())


@dataclass
class Clustering:
    base_labels: IntArray  # per clustered point, its base cluster
    base_centres: FloatArray
    base_sizes: IntArray
    group_of_base: IntArray  # per base cluster, its group
    group_centres: FloatArray
    k: int
    silhouettes: dict[int, float]

    @property
    def labels(self) -> IntArray:
        return self.group_of_base[self.base_labels]


def max_groups(n_base: int) -> int:
    return min(MAX_GROUPS, 2 + n_base // 12)


def cluster(
    points: FloatArray,
    *,
    k: int | None = None,
    base_k: int = BASE_K,
    group_init: FloatArray | None = None,
) -> Clustering:
    """Base clusters, then groups.

    `k` forces the number of groups, `group_init` gives their start centres.
    """
    base_labels, base_centres = kmeans(points, base_k, max_iters=BASE_ITERS)
    sizes = np.bincount(base_labels, minlength=base_centres.shape[0]).astype(np.int64)
    n_base = base_centres.shape[0]
    candidates = [k] if k is not None else list(range(2, max_groups(n_base) + 1))
    results: dict[int, tuple[IntArray, FloatArray]] = {}
    scores: dict[int, float] = {}
    for kk in candidates:
        init = group_init if group_init is not None and group_init.shape[0] == kk else None
        if n_base < kk and init is None:
            continue
        results[kk] = kmeans(base_centres, kk, weights=sizes.astype(np.float64), init=init)
        scores[kk] = silhouette(base_centres, results[kk][0])
    if not results:  # fewer distinct positions than two groups: everyone in one group
        chosen = 1
        group_of_base = np.zeros(n_base, dtype=np.int64)
        centres = base_centres.mean(axis=0, keepdims=True) if n_base else np.zeros((0, 2))
    else:
        best = max(scores.values())
        chosen = min(kk for kk, score in scores.items() if score == best)
        group_of_base, centres = results[chosen]
    return Clustering(
        base_labels=base_labels,
        base_centres=base_centres,
        base_sizes=sizes,
        group_of_base=group_of_base,
        group_centres=centres,
        k=int(centres.shape[0]) if results else chosen,
        silhouettes=scores,
    )


K_BUFFER = 4


def smooth_k(previous: dict | None, best_k: int, buffer: int = K_BUFFER) -> tuple[int, dict]:
    """Polis' k-smoothing (conversation.clj `group-k-smoother`): the published k changes only after
    the same new k has won `buffer` updates in a row; the first update publishes its k at once.

    `previous` is the state this returned last time (or None); returns (k to publish, new state).
    """
    if not previous or "k" not in previous:
        return best_k, {"k": best_k, "candidate": best_k, "streak": buffer}
    current = int(previous["k"])
    if best_k == current:
        return current, {"k": current, "candidate": current, "streak": 0}
    streak = int(previous.get("streak", 0)) + 1 if previous.get("candidate") == best_k else 1
    if streak >= buffer:
        return best_k, {"k": best_k, "candidate": best_k, "streak": 0}
    return current, {"k": current, "candidate": best_k, "streak": streak}
