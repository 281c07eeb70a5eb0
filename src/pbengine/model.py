"""A participatory-budgeting election as the engine sees it.

Costs and budgets are exact `Fraction`s (Pabulib files hold decimals such as `2158427.19`).
Ballots keep the voter's own order (it matters for ordinal ballots). Project ids are strings and
are compared as strings wherever the rules break ties (pabutools' lexicographic tie-breaking).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

#: Pabulib vote types. `choose-1` is an approval ballot with one project.
APPROVAL = "approval"
CHOOSE_1 = "choose-1"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
SCORING = "scoring"
VOTE_TYPES = (APPROVAL, CHOOSE_1, CUMULATIVE, ORDINAL, SCORING)


@dataclass(frozen=True)
class Project:
    id: str
    cost: Fraction
    name: str = ""
    categories: tuple[str, ...] = ()
    #: Every other column of the PROJECTS section, as text (votes, score, selected, ...).
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Ballot:
    #: Project ids in the order the voter gave them (rank order for ordinal ballots).
    projects: tuple[str, ...]
    #: Points per project for cumulative and scoring ballots, aligned with `projects`; else None.
    points: tuple[int | Fraction, ...] | None = None
    voter_id: str = ""
    #: Every other column of the VOTES section, as text (age, sex, neighbourhood, ...).
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Election:
    budget: Fraction
    vote_type: str
    #: Keyed by project id, in file order.
    projects: dict[str, Project]
    ballots: list[Ballot]
    #: The META section as text, in file order (keys lower-case as in the format).
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def num_voters(self) -> int:
        return len(self.ballots)


@dataclass
class Outcome:
    """What a rule returns: the funded projects in the order the rule selected them, and why."""

    rule: str
    selected: list[str]
    #: Per project id (funded or not), a plain dict the app turns into a sentence. Keys per rule:
    #: greedy: {"rank", "score", "cost", "selected", "reason": "fits" | "does_not_fit" |
    #:          "below_threshold" | "stopped", "remaining_before"}
    #: MES:    {"selected", "round", "supporters", "share" (what each supporter was asked, as
    #:          float), "paid_in_full" (supporters who paid the whole share), "paid_rest"
    #:          (supporters who paid all they had left), "reason": "funded" | "too_expensive"
    #:          (supporters' money left was less than the cost) | "not_reached", "completion":
    #:          None | "greedy" (added by the completion step)}
    explanations: dict[str, dict] = field(default_factory=dict)
    #: Rule-level facts, e.g. {"voter_budget": float, "rounds": int, "exact_fallbacks": int}.
    details: dict = field(default_factory=dict)


def total_cost(election: Election, project_ids) -> Fraction:
    return sum((election.projects[p].cost for p in project_ids), Fraction(0))
