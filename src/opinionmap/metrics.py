"""Agreement between two clusterings."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def adjusted_rand_index(a: Mapping[int, int], b: Mapping[int, int]) -> float:
    """ARI (Hubert and Arabie) over the keys both mappings share."""
    keys = sorted(set(a) & set(b))
    if len(keys) < 2:
        return 1.0
    _, x = np.unique([a[k] for k in keys], return_inverse=True)
    _, y = np.unique([b[k] for k in keys], return_inverse=True)
    table = np.zeros((x.max() + 1, y.max() + 1), dtype=np.int64)
    np.add.at(table, (x, y), 1)

    def pairs(values: np.ndarray) -> float:
        return float((values * (values - 1) // 2).sum())

    index = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    total = len(keys) * (len(keys) - 1) / 2
    expected = rows * cols / total
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
