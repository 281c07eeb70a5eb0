"""The PCA paths: the iterative one (large conversations) equals the exact eigen-decomposition."""

from __future__ import annotations

import numpy as np

from opinionmap import read_polis_export
from opinionmap.matrix import VoteMatrix
from opinionmap.pca import _dense_components, _iterative_components
from opinionmap.tests.shared import FIXTURES


def test_iterative_pca_equals_exact_pca():
    conversation = read_polis_export(FIXTURES / "polis-export" / "london.youth.policing")
    centred, _ = VoteMatrix.from_conversation(conversation).centred()
    exact, exact_variance = _dense_components(centred, 2)
    iterative, variance = _iterative_components(centred, 2)
    assert np.allclose(variance, exact_variance, rtol=1e-9)
    for i in range(2):
        assert abs(exact[i] @ iterative[i]) > 1 - 1e-9


def test_moderated_out_statements_weigh_nothing_but_count_as_votes():
    conversation = read_polis_export(FIXTURES / "polis-export" / "london.youth.policing")
    most_voted = int(np.bincount(conversation.vote_statements).argmax())
    conversation.statements[most_voted].moderated = -1
    matrix = VoteMatrix.from_conversation(conversation)
    centred, means = matrix.centred()
    assert matrix.mod_out.any()
    dense = centred.toarray()
    assert (dense[:, matrix.mod_out] == 0).all() and (means[matrix.mod_out] == 0).all()
    kept = np.bincount(matrix.rows[matrix.rated()], minlength=matrix.shape[0])
    assert (matrix.rating_vote_counts() == kept + matrix.mod_out.sum()).all()
