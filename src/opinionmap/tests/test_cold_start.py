"""Cold start (no Polis state) against the group-id of real Polis exports, as adjusted Rand index.

Only conversations whose export was produced by the current Polis math can serve as a reference; the
full table for every conversation is printed by benchmarks/opinion_groups_ari.py.
"""

from __future__ import annotations

import pytest

from opinionmap import compute, read_polis_export
from opinionmap.metrics import adjusted_rand_index
from opinionmap.tests.shared import needs_shared, shared_path


@needs_shared
@pytest.mark.parametrize(
    ("name", "k", "minimum"),
    [("scoop-hivemind.biodiversity", None, 0.9), ("brexit-consensus", 2, 0.85)],
)
def test_cold_start_groups_agree_with_polis_export(name, k, minimum):
    conversation = read_polis_export(shared_path(name))
    result = compute(conversation, k=k)
    reference = conversation.exported_groups
    assert result.k == len(set(reference.values()))
    assert adjusted_rand_index(result.groups, reference) >= minimum


def test_adjusted_rand_index_known_values():
    same = {1: 0, 2: 0, 3: 1, 4: 1}
    assert adjusted_rand_index(same, {1: 5, 2: 5, 3: 7, 4: 7}) == 1.0
    # sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5
    assert adjusted_rand_index(same, {1: 0, 2: 1, 3: 0, 4: 1}) == pytest.approx(-0.5)
    # adjusted_rand_score([0,0,0,1,1,1], [0,0,1,1,2,2]) == 0.24242424...
    a = dict(enumerate([0, 0, 0, 1, 1, 1]))
    b = dict(enumerate([0, 0, 1, 1, 2, 2]))
    assert adjusted_rand_index(a, b) == pytest.approx(8 / 33)
