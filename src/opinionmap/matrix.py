"""The vote matrix (participants x statements), sparse, as Polis' `rating-mat` defines it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from opinionmap.model import Conversation

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass
class VoteMatrix:
    """Raw votes of `participant_ids` (rows) on `statement_ids` (columns).

    `rows`, `cols`, `vals` hold every raw vote once (+1/-1/0). `mod_out` is a boolean mask over the
    columns: those statements count as a 0 vote of every participant in the rating matrix (Polis
    zeroes the column, it does not drop it).
    """

    participant_ids: list[int]
    statement_ids: list[int]
    rows: IntArray
    cols: IntArray
    vals: npt.NDArray[np.int8]
    mod_out: npt.NDArray[np.bool_]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participant_ids), len(self.statement_ids)

    @classmethod
    def from_conversation(cls, conversation: Conversation) -> VoteMatrix:
        pids = np.asarray(conversation.participant_ids, dtype=np.int64)
        # Polis' matrix has a column for each statement somebody voted on (its `tids`); a statement
        # without votes is no column, so it does not count in the sparsity scaling either.
        sids = np.unique(conversation.vote_statements).astype(np.int64)
        rows = np.searchsorted(pids, conversation.vote_participants).astype(np.int64)
        cols = np.searchsorted(sids, conversation.vote_statements).astype(np.int64)
        mod_out_ids = conversation.mod_out
        mod_out = np.fromiter(
            (s in mod_out_ids for s in sids.tolist()), dtype=bool, count=len(sids)
        )
        return cls(
            participant_ids=pids.tolist(),
            statement_ids=sids.tolist(),
            rows=rows,
            cols=cols,
            vals=np.asarray(conversation.vote_values, dtype=np.int8),
            mod_out=mod_out,
        )

    def raw_vote_counts(self) -> IntArray:
        """Votes per participant in the raw matrix (Polis' `user-vote-counts`)."""
        return np.bincount(self.rows, minlength=self.shape[0]).astype(np.int64)

    def rated(self) -> npt.NDArray[np.bool_]:
        """Which raw votes survive moderation (the others are replaced by the zeroed column)."""
        return ~self.mod_out[self.cols]

    def rating_vote_counts(self) -> IntArray:
        """Non-empty entries per row of the rating matrix: kept votes plus every zeroed column."""
        kept = np.bincount(self.rows[self.rated()], minlength=self.shape[0])
        return (kept + int(self.mod_out.sum())).astype(np.int64)

    def centred(self) -> tuple[sp.csr_matrix, FloatArray]:
        """The mean-imputed rating matrix minus its column means, and those means.

        Imputing each empty entry with its column mean makes that entry 0 after centring, so the
        centred matrix is exactly as sparse as the votes (zeroed columns are all 0 too).
        """
        n, m = self.shape
        keep = self.rated()
        rows, cols = self.rows[keep], self.cols[keep]
        vals = self.vals[keep].astype(np.float64)
        counts = np.bincount(cols, minlength=m)
        sums = np.bincount(cols, weights=vals, minlength=m)
        means = np.divide(sums, counts, out=np.zeros(m), where=counts > 0)
        centred = sp.csr_matrix((vals - means[cols], (rows, cols)), shape=(n, m))
        return centred, means

    def group_counts(
        self, labels: IntArray, n_groups: int, *, rating: bool = True
    ) -> tuple[IntArray, IntArray, IntArray]:
        """Agrees, disagrees and votes per (group, statement); rows labelled -1 belong to no group.

        With `rating` the counts are over the rating matrix (zeroed columns: every member passes);
        otherwise over the raw votes.
        """
        m = self.shape[1]
        label = labels[self.rows]
        keep = label >= 0
        if rating:
            keep &= self.rated()
        key = label[keep] * m + self.cols[keep]
        vals = self.vals[keep]
        size = n_groups * m
        agree = np.bincount(key, weights=(vals == 1), minlength=size).reshape(n_groups, m)
        disagree = np.bincount(key, weights=(vals == -1), minlength=size).reshape(n_groups, m)
        seen = np.bincount(key, minlength=size).reshape(n_groups, m)
        if rating and self.mod_out.any():
            members = np.bincount(labels[labels >= 0], minlength=n_groups)
            seen[:, self.mod_out] = members[:, None]
        return agree.astype(np.int64), disagree.astype(np.int64), seen.astype(np.int64)
