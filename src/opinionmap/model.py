"""A conversation as the math needs it: who voted what on which statement, what is moderated."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


class OpinionMapInputError(ValueError):
    """Input that cannot be read: the message names the file and, where there is one, the line."""


@dataclass
class Statement:
    id: int
    text: str = ""
    author_id: int | None = None
    moderated: int = 0  # -1 moderated out, 0 not yet moderated, 1 accepted (Polis' `moderated`)
    is_meta: bool = False
    timestamp: int | None = None


@dataclass
class Conversation:
    """Statements plus the latest vote of each participant on each statement.

    `vote_participants`, `vote_statements` and `vote_values` are parallel arrays of ids and votes
    (+1 agree, -1 disagree, 0 pass); each (participant, statement) pair occurs at most once.
    `participant_ids` lists every participant in id order (also those without votes);
    `exported_groups` holds the group-id of a Polis export (participant id -> group), if it had one.
    """

    statements: dict[int, Statement]
    participant_ids: list[int]
    vote_participants: npt.NDArray[np.int64]
    vote_statements: npt.NDArray[np.int64]
    vote_values: npt.NDArray[np.int8]
    vote_timestamps: npt.NDArray[np.int64] | None = None
    exported_groups: dict[int, int] = field(default_factory=dict)

    @property
    def statement_ids(self) -> list[int]:
        return sorted(self.statements)

    @property
    def mod_out(self) -> set[int]:
        """Statements the math leaves out: moderated out, or meta statements (as Polis does)."""
        return {s.id for s in self.statements.values() if s.moderated == -1 or s.is_meta}

    @property
    def n_votes(self) -> int:
        return int(self.vote_values.shape[0])
