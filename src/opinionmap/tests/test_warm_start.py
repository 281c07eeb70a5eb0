"""Warm start: centres measured on earlier PCA axes are turned to the current axes' signs."""

import numpy as np

from opinionmap.pipeline import align_centres


def test_an_axis_that_turned_is_turned_back_in_the_centres():
    centres = np.array([[1.0, 2.0], [-1.0, -0.5]])
    old = np.array([[0.6, 0.8, 0.0], [0.0, 0.6, 0.8]])  # statements 10, 11, 12
    new = np.array([[0.0, -0.8, -0.6], [0.8, 0.6, 0.0]])  # statements 12, 11, 13
    aligned = align_centres(centres, ([10, 11, 12], old), [12, 11, 13], new)
    # Axis 0 on the shared statements 11 and 12: 0.8·-0.8 + 0·-0.6 < 0, turned; axis 1: 0.36 > 0.
    assert aligned.tolist() == [[-1.0, 2.0], [1.0, -0.5]]
    assert centres.tolist() == [[1.0, 2.0], [-1.0, -0.5]]  # the caller's array is left alone


def test_no_shared_statements_leaves_the_centres():
    centres = np.array([[1.0, 2.0], [-1.0, -0.5]])
    old = np.array([[1.0], [0.0]])
    new = np.array([[-1.0], [0.0]])
    assert align_centres(centres, ([7], old), [8], new).tolist() == centres.tolist()
