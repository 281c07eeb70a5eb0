"""Polis' k-means details, the silhouette and the in-conversation rule."""

from __future__ import annotations

import numpy as np
import pytest

from opinionmap import kmeans as km
from opinionmap.matrix import VoteMatrix
from opinionmap.model import Conversation, Statement
from opinionmap.pipeline import in_conversation


def test_start_is_first_distinct_points_in_row_order():
    points = np.array([[5.0, 5.0], [5.0, 5.0], [0.0, 0.0], [9.0, 9.0]])
    assert km.first_distinct(points, 2).tolist() == [[5.0, 5.0], [0.0, 0.0]]


def test_empty_clusters_are_dropped():
    points = np.array([[0.0, 0.0], [0.1, 0.0], [10.0, 0.0], [10.1, 0.0]])
    init = np.array([[0.0, 0.0], [10.0, 0.0], [100.0, 100.0]])
    labels, centres = km.kmeans(points, 3, init=init)
    assert centres.shape == (2, 2)
    assert labels.tolist() == [0, 0, 1, 1]


def test_weighted_centres():
    points = np.array([[0.0, 0.0], [3.0, 0.0]])
    labels, centres = km.kmeans(points, 1, weights=np.array([2.0, 1.0]))
    assert centres.tolist() == [[1.0, 0.0]]


def test_silhouette_by_hand():
    # Two clusters on a line: {0, 1} and {4}; the singleton scores 0.
    points = np.array([[0.0, 0.0], [1.0, 0.0], [4.0, 0.0]])
    labels = np.array([0, 0, 1])
    s0 = (4.0 - 1.0) / 4.0  # a = 1, b = 4
    s1 = (3.0 - 1.0) / 3.0  # a = 1, b = 3
    assert km.silhouette(points, labels) == pytest.approx((s0 + s1 + 0.0) / 3)


def test_k_is_chosen_by_silhouette_and_deterministic():
    rng = np.random.default_rng(1)
    blobs = [rng.normal(c, 0.3, size=(60, 2)) for c in ([0, 0], [6, 0], [0, 6])]
    points = np.vstack(blobs)
    first = km.cluster(points)
    assert first.k == 3
    again = km.cluster(points)
    assert (first.labels == again.labels).all()
    assert km.max_groups(first.base_centres.shape[0]) == 5


def _conversation(votes_per_participant: list[int]) -> Conversation:
    rows, cols = [], []
    for pid, n in enumerate(votes_per_participant):
        rows += [pid] * n
        cols += list(range(n))
    return Conversation(
        statements={s: Statement(id=s) for s in range(10)},
        participant_ids=list(range(len(votes_per_participant))),
        vote_participants=np.array(rows, dtype=np.int64),
        vote_statements=np.array(cols, dtype=np.int64),
        vote_values=np.ones(len(rows), dtype=np.int8),
    )


def test_in_conversation_needs_seven_votes_or_tops_up_to_fifteen():
    many = _conversation([7] * 20 + [6] * 5)
    assert in_conversation(VoteMatrix.from_conversation(many)).tolist() == list(range(20))
    few = _conversation([7] * 3 + [2] * 20 + [0] * 3)
    chosen = in_conversation(VoteMatrix.from_conversation(few)).tolist()
    assert len(chosen) == 15 and chosen[:3] == [0, 1, 2] and max(chosen) < 23


def test_sparsity_scaling_pushes_sparse_voters_out():
    """Projection = centred votes . component x sqrt(statements / votes) (Polis' pca.clj)."""
    from opinionmap.pca import pca

    conversation = _conversation([10, 10, 2])
    conversation.vote_values = np.where(np.arange(conversation.n_votes) % 2 == 0, 1, -1).astype(
        np.int8
    )
    matrix = VoteMatrix.from_conversation(conversation)
    result = pca(matrix)
    centred, _ = matrix.centred()
    raw = centred.toarray() @ result.components.T
    expected = raw * np.sqrt(10 / np.array([10, 10, 2]))[:, None]
    assert result.projections == pytest.approx(expected)


def test_k_smoothing_waits_for_four_wins_in_a_row():
    k, state = km.smooth_k(None, 3)
    assert k == 3
    published = []
    for best in (2, 2, 2, 4, 2, 2, 2, 2):
        k, state = km.smooth_k(state, best)
        published.append(k)
    # Three wins of 2, then 4 breaks the run; 2 needs four new wins in a row.
    assert published == [3, 3, 3, 3, 3, 3, 3, 2]
    k, state = km.smooth_k(state, 2)
    assert k == 2 and state["streak"] == 0
