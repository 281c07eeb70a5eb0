"""PCA of the mean-imputed vote matrix and Polis' sparsity-aware participant projection.

Polis finds two components by power iteration on the centred, mean-imputed matrix (pca.clj); that is
ordinary PCA. Small matrices get the exact eigen-decomposition of the covariance; large ones
(the covariance would not fit comfortably) a block power iteration on the sparse centred matrix,
run until the subspace stops moving, which converges to the same components.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from opinionmap.matrix import FloatArray, VoteMatrix

N_COMPONENTS = 2
DENSE_LIMIT = 1_000_000  # participants x statements up to which the covariance is formed densely


@dataclass
class PCAResult:
    center: FloatArray  # column means of the imputed matrix
    components: FloatArray  # (2, statements), unit rows, sign: largest entry positive
    projections: FloatArray  # (participants, 2), sparsity-aware
    explained_variance: FloatArray


def _fix_signs(components: FloatArray) -> FloatArray:
    for row in components:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return components


def _dense_components(centred: sp.csr_matrix, k: int) -> tuple[FloatArray, FloatArray]:
    n = centred.shape[0]
    dense = centred.toarray()
    cov = dense.T @ dense / max(n - 1, 1)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T.copy(), values[order]


def _iterative_components(
    centred: sp.csr_matrix, k: int, *, block: int = 8, max_iters: int = 200, tol: float = 1e-10
) -> tuple[FloatArray, FloatArray]:
    """Block power iteration (subspace iteration) with Rayleigh-Ritz on X^T X."""
    n, m = centred.shape
    rng = np.random.default_rng(0)
    q, _ = np.linalg.qr(rng.standard_normal((m, min(block, m))))
    transposed = centred.T.tocsr()
    previous = None
    for _ in range(max_iters):
        z = transposed @ (centred @ q)
        q, _ = np.linalg.qr(z)
        small = q.T @ (transposed @ (centred @ q))
        values, vectors = np.linalg.eigh(small)
        order = np.argsort(values)[::-1][:k]
        top = q @ vectors[:, order]
        if previous is not None:
            overlap = np.abs(np.sum(top * previous, axis=0))
            if np.all(1.0 - overlap < tol):
                break
        previous = top
    return top.T.copy(), values[order] / max(n - 1, 1)


def pca(matrix: VoteMatrix, n_components: int = N_COMPONENTS) -> PCAResult:
    n, m = matrix.shape
    centred, center = matrix.centred()
    k = min(n_components, m, n)
    if k == 0 or centred.nnz == 0:
        components = np.zeros((n_components, m))
        variance = np.zeros(n_components)
    elif n * m <= DENSE_LIMIT:
        components, variance = _dense_components(centred, k)
    else:
        components, variance = _iterative_components(centred, k)
    if components.shape[0] < n_components:  # fewer statements or participants than components
        pad = n_components - components.shape[0]
        components = np.vstack([components, np.zeros((pad, m))])
        variance = np.concatenate([variance, np.zeros(pad)])
    components = _fix_signs(components)
    raw = np.asarray(centred @ components.T)
    scale = np.sqrt(m / np.maximum(matrix.rating_vote_counts(), 1))
    return PCAResult(
        center=center,
        components=components,
        projections=raw * scale[:, None],
        explained_variance=variance,
    )


def statement_projections(result: PCAResult, n_statements: int) -> FloatArray:
    """Each statement as a virtual participant who agreed with it alone (Polis' comment projection).

    Returned in the +1 = agree convention; the sparsity scale is sqrt(n_statements / 1).
    """
    eye_agree = 1.0 - result.center  # the one vote minus the centre, on that statement only
    proj = (eye_agree[:, None] * result.components.T) * np.sqrt(n_statements)
    return np.asarray(proj)
