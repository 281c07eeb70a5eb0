"""The gap between participants and population per characteristic, with small cells suppressed.

Pure computation (no database): selectors count, this module compares and hides.

Suppression (docs/representation.md):

- Primary: every count under MIN_CELL (10), zero included, is shown as "< 10", for participants
  and for population alike, and so is every share and gap computed from it.
- Secondary: the cells of one characteristic (its groups plus "wil ik niet zeggen") add up to
  a total that is shown. If exactly one cell were hidden, total minus the others would give it
  back, so the smallest other cell is hidden as well.
- Shares: a participant's share is taken over the people who answered the question. That
  denominator is the total minus "wil ik niet zeggen", so it is used only when that cell is
  shown; otherwise the share is taken over everyone counted (including those who did not want
  to say), which the shown total already gives away. Whatever is shown, no hidden cell can be
  worked out from it and the totals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from samenspraak.representation.models import MIN_CELL, NOT_SAID


@dataclass
class Cell:
    value: str
    label: str
    participants: int
    population: int | None
    participant_share: float | None = None
    population_share: float | None = None
    participants_hidden: bool = False
    population_hidden: bool = False

    @property
    def gap(self) -> float | None:
        """Participants' share minus the population's share, in percentage points."""
        if self.participant_share is None or self.population_share is None:
            return None
        return self.participant_share - self.population_share

    # What a page or an e-mail may show (None where there is nothing to show).
    @property
    def shown_participants(self) -> int | None:
        return None if self.participants_hidden else self.participants

    @property
    def shown_population(self) -> int | None:
        if self.population is None or self.population_hidden:
            return None
        return self.population

    @property
    def shown_participant_share(self) -> float | None:
        if self.participants_hidden or self.participant_share is None:
            return None
        return round(self.participant_share, 1)

    @property
    def shown_population_share(self) -> float | None:
        if self.population_hidden or self.population_share is None:
            return None
        return round(self.population_share, 1)

    @property
    def shown_gap(self) -> float | None:
        participants, population = self.shown_participant_share, self.shown_population_share
        if participants is None or population is None:
            return None
        return round(self.participant_share - self.population_share, 1)  # type: ignore[operator]


@dataclass
class Comparison:
    """One characteristic: its groups, "wil ik niet zeggen" and the totals."""

    characteristic: str
    label: str
    cells: list[Cell]
    not_said: int
    not_said_hidden: bool = False
    total: int = 0
    total_hidden: bool = False
    population_total: int = 0
    population_total_hidden: bool = False
    #: True: participants' shares are over everyone counted (the not-said cell is hidden).
    share_over_all: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def shown_not_said(self) -> int | None:
        return None if self.not_said_hidden else self.not_said

    @property
    def shown_total(self) -> int | None:
        return None if self.total_hidden else self.total

    @property
    def shown_population_total(self) -> int | None:
        return None if self.population_total_hidden else self.population_total

    @property
    def has_population(self) -> bool:
        return any(cell.population is not None for cell in self.cells)


def suppress(counts: Sequence[int]) -> list[bool]:
    """Which of the cells of one partition to hide: every one under MIN_CELL, and when that is
    exactly one, also the smallest of the others (so the total does not give it back)."""
    hidden = [count < MIN_CELL for count in counts]
    if sum(hidden) == 1 and len(counts) > 1:
        others = [(count, i) for i, count in enumerate(counts) if not hidden[i]]
        hidden[min(others)[1]] = True
    return hidden


def compare(
    characteristic: str,
    label: str,
    groups: Sequence[tuple[str, str]],
    participants: Mapping[str, int],
    population: Mapping[str, int] | None,
) -> Comparison:
    """Compare one characteristic. `groups`: (value, label) in order; `participants`: counts
    per value (NOT_SAID for "wil ik niet zeggen"); `population`: counts per value, or None."""
    population = population or {}
    cells = [
        Cell(
            value=value,
            label=str(text),
            participants=participants.get(value, 0),
            population=population.get(value),
        )
        for value, text in groups
    ]
    not_said = participants.get(NOT_SAID, 0)
    comparison = Comparison(characteristic, label, cells, not_said)

    # Participants: the groups and "wil ik niet zeggen" form one partition of the total.
    counts = [cell.participants for cell in cells] + [not_said]
    total = sum(counts)
    comparison.total = total
    comparison.total_hidden = total < MIN_CELL
    hidden = [True] * len(counts) if comparison.total_hidden else suppress(counts)
    for cell, is_hidden in zip(cells, hidden[:-1], strict=True):
        cell.participants_hidden = is_hidden
    comparison.not_said_hidden = hidden[-1]
    comparison.share_over_all = comparison.not_said_hidden
    denominator = total if comparison.share_over_all else total - not_said
    for cell in cells:
        if denominator > 0:
            cell.participant_share = 100 * cell.participants / denominator

    # Population: the groups that have a figure form the partition.
    with_figure = [cell for cell in cells if cell.population is not None]
    population_total = sum(cell.population or 0 for cell in with_figure)
    comparison.population_total = population_total
    comparison.population_total_hidden = population_total < MIN_CELL
    if comparison.population_total_hidden:
        population_hidden = [True] * len(with_figure)
    else:
        population_hidden = suppress([cell.population or 0 for cell in with_figure])
    for cell, is_hidden in zip(with_figure, population_hidden, strict=True):
        cell.population_hidden = is_hidden
        if population_total > 0:
            cell.population_share = 100 * (cell.population or 0) / population_total
    return comparison


def known_share(comparison: Comparison, value: str) -> tuple[float | None, float | None]:
    """The exact participants' and population's share of one group (over the people who said),
    for checking a target; None when nobody (or fewer than MIN_CELL people) answered."""
    known = comparison.total - comparison.not_said
    cell = next((cell for cell in comparison.cells if cell.value == value), None)
    if cell is None or known < MIN_CELL:
        return None, None
    population_total = comparison.population_total
    population_share = (
        100 * cell.population / population_total
        if cell.population is not None and population_total
        else None
    )
    return 100 * cell.participants / known, population_share
