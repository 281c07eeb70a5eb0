"""The whole pipeline: vote matrix, PCA, in-conversation participants, groups, statistics."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from opinionmap import kmeans as km
from opinionmap.matrix import FloatArray, IntArray, VoteMatrix
from opinionmap.model import Conversation
from opinionmap.pca import PCAResult, pca
from opinionmap.stats import GroupStats, consensus, group_aware_consensus, representative

MIN_VOTES = 7
MIN_IN_CONV = 15


@dataclass
class OpinionMap:
    participant_ids: list[int]
    statement_ids: list[int]
    pca: PCAResult
    in_conv: list[int]
    groups: dict[int, int]  # participant id -> group (only participants in the conversation)
    k: int
    group_sizes: dict[int, int]
    group_centres: FloatArray
    repness: dict[int, list[dict[str, Any]]]
    consensus: dict[str, list[dict[str, Any]]]
    group_aware_consensus: dict[int, float]
    silhouettes: dict[int, float] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self, *, details: bool = False) -> dict[str, Any]:
        """The command's output: ids as in the export, groups numbered 0..k-1."""
        out: dict[str, Any] = {
            "groups": {str(pid): g for pid, g in self.groups.items()},
            "k": self.k,
            "group-sizes": {str(g): n for g, n in self.group_sizes.items()},
            "consensus": [e["tid"] for e in self.consensus["agree"]]
            + [e["tid"] for e in self.consensus["disagree"]],
            "repness": {str(g): [e["tid"] for e in entries] for g, entries in self.repness.items()},
            "participants": len(self.participant_ids),
            "statements": len(self.statement_ids),
            "in-conv": len(self.in_conv),
            "seconds": round(self.seconds, 4),
        }
        if details:
            out["consensus-detail"] = self.consensus
            out["repness-detail"] = {str(g): entries for g, entries in self.repness.items()}
            out["group-aware-consensus"] = {
                str(t): v for t, v in self.group_aware_consensus.items()
            }
            out["silhouettes"] = {str(k): v for k, v in self.silhouettes.items()}
            out["pca"] = {
                "comps": self.pca.components.tolist(),
                "center": self.pca.center.tolist(),
                "statement-ids": self.statement_ids,
            }
        return out


def in_conversation(matrix: VoteMatrix) -> IntArray:
    """Rows Polis clusters: at least min(7, statements) votes, topped up to 15 by the top voters."""
    counts = matrix.raw_vote_counts()
    n_statements = matrix.shape[1]
    chosen = counts >= min(MIN_VOTES, n_statements)
    if chosen.sum() < MIN_IN_CONV:
        order = np.argsort(-counts, kind="stable")
        for row in order:
            if chosen.sum() >= MIN_IN_CONV or counts[row] == 0:
                break
            chosen[row] = True
    return np.flatnonzero(chosen).astype(np.int64)


def align_centres(
    centres: FloatArray,
    axes: tuple[list[int], FloatArray],
    statement_ids: list[int],
    components: FloatArray,
) -> FloatArray:
    """`centres` measured on earlier `axes`, expressed on the current `components`' signs: each
    axis whose loadings on the statements both know point the other way now is flipped."""
    old_ids, old_components = axes
    old = np.asarray(old_components, dtype=np.float64)
    where = {tid: j for j, tid in enumerate(statement_ids)}
    pairs = [(i, where[tid]) for i, tid in enumerate(old_ids) if tid in where]
    aligned = np.array(centres, dtype=np.float64, copy=True)
    if not pairs or old.ndim != 2 or old.shape[0] < aligned.shape[1]:
        return aligned
    old_cols = np.array([i for i, _ in pairs])
    new_cols = np.array([j for _, j in pairs])
    for axis in range(min(aligned.shape[1], components.shape[0])):
        if float(old[axis, old_cols] @ components[axis, new_cols]) < 0:
            aligned[:, axis] *= -1
    return aligned


def compute(
    conversation: Conversation,
    *,
    k: int | None = None,
    in_conv: list[int] | None = None,
    group_members: dict[int, int] | None = None,
    group_init: FloatArray | None = None,
    group_init_axes: tuple[list[int], FloatArray] | None = None,
) -> OpinionMap:
    """Run Polis' pipeline on a conversation.

    `k` forces the number of groups; `in_conv` gives the participants to cluster (Polis persists
    that set across updates); `group_members` (participant -> group) skips the clustering and uses
    those groups, as the tests against Polis' own math do; `group_init` starts the group k-means
    from these centres. `group_init_axes` ((statement ids, 2 × statements components)) are the
    axes those centres were measured on: an axis whose sign turned since is turned back in the
    centres first (warm start from an earlier run, as Polis does).
    """
    start = time.perf_counter()
    matrix = VoteMatrix.from_conversation(conversation)
    n, m = matrix.shape
    pids = np.asarray(matrix.participant_ids, dtype=np.int64)
    result = pca(matrix)
    if group_init is not None and group_init_axes is not None:
        group_init = align_centres(
            group_init, group_init_axes, matrix.statement_ids, result.components
        )
    labels = np.full(n, -1, dtype=np.int64)
    silhouettes: dict[int, float] = {}
    if group_members is not None:
        rows = np.searchsorted(pids, np.asarray(list(group_members), dtype=np.int64))
        labels[rows] = list(group_members.values())
        in_rows = np.flatnonzero(labels >= 0)
        n_groups = int(labels.max()) + 1 if in_rows.size else 0
        centres = np.array(
            [result.projections[labels == g].mean(axis=0) for g in range(n_groups)]
        ).reshape(n_groups, 2)
    else:
        if in_conv is not None:
            in_rows = np.searchsorted(pids, np.asarray(sorted(in_conv), dtype=np.int64))
        else:
            in_rows = in_conversation(matrix)
        if in_rows.size:
            clustering = km.cluster(result.projections[in_rows], k=k, group_init=group_init)
            labels[in_rows] = clustering.labels
            centres = clustering.group_centres
            silhouettes = clustering.silhouettes
            n_groups = centres.shape[0]
        else:
            centres, n_groups = np.zeros((0, 2)), 0
    tids = matrix.statement_ids
    na, nd, ns = matrix.group_counts(labels, n_groups)
    stats = GroupStats(na, nd, ns)
    repness = {g: representative(stats, tids, matrix.mod_out, g) for g in range(n_groups)}
    everyone = np.zeros(n, dtype=np.int64)
    ca, cd, cs = matrix.group_counts(everyone, 1)
    cons = consensus(ca[0], cd[0], cs[0], tids, matrix.mod_out)
    raw_agree, _, raw_seen = matrix.group_counts(labels, n_groups, rating=False)
    gac_values = group_aware_consensus(raw_agree, raw_seen)
    gac = {tid: float(gac_values[j]) for j, tid in enumerate(tids)}
    sizes = np.bincount(labels[labels >= 0], minlength=n_groups)
    seconds = time.perf_counter() - start
    return OpinionMap(
        participant_ids=matrix.participant_ids,
        statement_ids=tids,
        pca=result,
        in_conv=pids[in_rows].tolist(),
        groups={int(pids[r]): int(labels[r]) for r in np.flatnonzero(labels >= 0)},
        k=n_groups,
        group_sizes={g: int(sizes[g]) for g in range(n_groups)},
        group_centres=centres,
        repness=repness,
        consensus=cons,
        group_aware_consensus=gac,
        silhouettes=silhouettes,
        seconds=seconds,
    )
