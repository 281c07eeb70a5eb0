"""Errors of the sortition engine: each says what is wrong in words a staff member can act on."""

from __future__ import annotations


class SortitionError(Exception):
    """Base class of the engine's errors."""


class DataError(SortitionError):
    """A features or people file that cannot be read: names the file, line and column."""

    def __init__(
        self, message: str, *, source: str = "", line: int | None = None, column: str = ""
    ):
        self.source = source
        self.line = line
        self.column = column
        self.reason = message
        where = []
        if source:
            where.append(source)
        if line is not None:
            where.append(f"line {line}")
        if column:
            where.append(f"column '{column}'")
        super().__init__(": ".join([*where, message]) if where else message)


class InfeasibleQuotas(SortitionError):
    """No panel meets every quota and the household rule.

    `relaxation` is the smallest change that makes them feasible: a list of
    {"feature", "value", "min", "max", "new_min", "new_max"} for each quota that must move
    (the total of the moves is as small as possible); empty when no relaxation of the quotas helps
    (the pool is too small for the panel, e.g. because of the household rule).
    """

    def __init__(self, relaxation: list[dict], total: int | None):
        self.relaxation = relaxation
        self.total = total
        if relaxation:
            moves = "; ".join(
                f"{r['feature']}={r['value']}: {r['min']}-{r['max']} -> "
                f"{r['new_min']}-{r['new_max']}"
                for r in relaxation
            )
            message = f"the quotas cannot be met; smallest relaxation (total {total}): {moves}"
        else:
            message = (
                "no panel of this size exists, whatever the quotas (pool or households too small)"
            )
        super().__init__(message)
