"""The outcome rules by name, and the rule a Pabulib file's META says the city applied.

`RULES` are the names the CLI and the app accept; `run(election, name)` applies one:

- `greedy`: pabutools' `greedy_utilitarian_welfare` (see `greedy`): projects by satisfaction per
  unit of cost. With approval (and choose-1) ballots that is "most votes first".
- `greedy-score`: the greedy rule as cities apply it: projects by their *score* (votes for
  approval and choose-1, total points for cumulative and scoring, and for ordinal ballots
  `len(ballot) - position` summed over ballots, which is the `score` column of Pabulib's ordinal
  files), funded while they fit. Equal to `greedy` for approval ballots.
- `greedy-no-skip`: by score, stopping at the first project that does not fit.
- `greedy-threshold`: by score, leaving out projects whose score is below a threshold (`threshold`
  argument, else META `min_project_score_threshold`). The threshold applies to the score, as
  pabulib-checker reads it (Katowice 2025, cumulative, is reproduced only that way).
- `mes`, `mes-add1`, `mes-add1-greedy`, `mes-budget-increase`, `mes-budget-increase-greedy`: the
  Method of Equal Shares and its completions (see `mes`).
- `ees`, `ees-add-opt`, `ees-add-opt-skip`: Exact Equal Shares with cost utilities (as `mes`),
  alone or completed by ADD-OPT / ADD-OPT-SKIP (see `ees`, ADR 0009). Approval and choose-1
  ballots only; other ballots are a `RuleError`.

The city rules (`greedy-score`, `greedy-no-skip`, `greedy-threshold`, and what `from_meta` applies)
break ties in score by project id as a string (as pabutools does), and pass over a project with
Pabulib's sentinel cost 999999999 (a withdrawn project, Wrocław 2017) without stopping.

`from_meta(election)` applies what the file's META says the city did:

- `greedy`, `greedy-threshold`, `greedy-no-skip`: the city rules above; a
  `min_project_score_threshold` in META applies to all three (Gdynia uses it with no-skip).
- `budget_per_category` (with `categories`) or `budget_per_neighborhood` (with `neighborhoods`),
  Amsterdam: each group has its own cap on the sum of the costs of its selected projects;
  projects are taken by score and funded if they fit both the group's cap and the total budget.
- `leftover_budget`, Amsterdam:
  - "Fund additional projects that fit within leftover budget ordered by score": after that, the
    projects not funded are taken again by score and funded if they fit in what is left of the
    total budget (the group caps no longer apply). Without group caps this changes nothing.
  - "Partially fund one additional project with highest score": the unfunded project with the
    highest score gets what is left as partial funding. A selected set means fully funded
    projects, so it is *not* in `selected`; it is in `details["partially_funded"]` (project,
    amount as a decimal string) and its explanation says `partially_funded`.
- `greedy-custom` for Poznań (unit "Poznań"), as the file's comment describes it: by votes until
  the first project that does not fit, which is still funded (from reserve funds, beyond the
  budget) if what is left covers at least 80% of its cost, then stop. Projects later funded from
  extra district money (`selected` 3 in the file) cannot be derived: the amount is not in the file.
- `equalshares`, `equalshares/add1`: `mes`, `mes-add1` (equalshares.net's definitions: no greedy
  completion). `equalshares/budget-increase` (ours, see `PABULIB_MES`): `mes-budget-increase`.
  With `leftover_budget` `LEFTOVER_MES_GREEDY` each of the last two is the `...-greedy` variant;
  any other `leftover_budget` with an Equal Shares rule is a `RuleError`. With
  `budget_per_category` (and `categories`) these run with category caps (`capped`); a
  `budget_per_neighborhood` with an Equal Shares rule is a `RuleError`.
- `exact-equalshares`, `exact-equalshares/add-opt`, `exact-equalshares/add-opt-skip` (ours, see
  `PABULIB_EES`): `ees`, `ees-add-opt`, `ees-add-opt-skip`.
  `equalshares-comparison`, `equalshares/add1-comparison`: then the comparison step
  of equalshares.net: the outcome of utilitarian greedy is taken instead if more voters prefer it
  (more of their approved projects funded) than prefer the MES outcome (approval ballots only).
- anything else (`unknown`, `greedy-exclusive`, a `greedy-custom` outside Poznań): `RuleError`.

Reproduced against the official outcome (`selected` column) of the development set, see
`tests/test_rules.py`.
"""

from __future__ import annotations

from fractions import Fraction

from pbengine.greedy import greedy
from pbengine.model import (
    APPROVAL,
    CHOOSE_1,
    CUMULATIVE,
    ORDINAL,
    SCORING,
    Election,
    Outcome,
)

RULES = (
    "greedy",
    "greedy-score",
    "greedy-no-skip",
    "greedy-threshold",
    "mes",
    "mes-add1",
    "mes-add1-greedy",
    "mes-budget-increase",
    "mes-budget-increase-greedy",
    "ees",
    "ees-add-opt",
    "ees-add-opt-skip",
)

#: Exact Equal Shares rules -> completion (cost utilities, as the MES rules).
_EES = {"ees": None, "ees-add-opt": "add-opt", "ees-add-opt-skip": "add-opt-skip"}

_MES = {
    "mes": None,
    "mes-add1": "add1",
    "mes-add1-greedy": "add1-greedy",
    "mes-budget-increase": "budget-increase",
    "mes-budget-increase-greedy": "budget-increase-greedy",
}

#: Pabulib marks a withdrawn project with this cost (pabulib-checker's SENTINEL_PROJECT_COST).
SENTINEL_COST = 999999999

LEFTOVER_FIT = "Fund additional projects that fit within leftover budget ordered by score"
LEFTOVER_PARTIAL = "Partially fund one additional project with highest score"

#: META `leftover_budget` of an Equal Shares rule completed by pabutools'
#: `completion_by_rule_combination` with `greedy_utilitarian_welfare` (our `...-greedy`): not
#: Amsterdam's "ordered by score", since with points or rankings the greedy rule orders by
#: satisfaction per unit of cost (with approval ballots the two orders are the same).
LEFTOVER_MES_GREEDY = (
    "Fund additional projects that fit within leftover budget ordered by satisfaction per unit "
    "of cost (greedy utilitarian welfare)"
)

#: Our Equal Shares rules as Pabulib META (`rule`, `leftover_budget`), read back by `from_meta`.
#: Pabulib names the add-one completion (`equalshares/add1`) but not pabutools'
#: `exhaustion_by_budget_increase`: that one is `equalshares/budget-increase`, in Pabulib's
#: pattern (not in pabulib-checker's list of rule values, so `PABULIB_COMMENTS` explains it).
PABULIB_MES = {
    "mes": ("equalshares", None),
    "mes-add1": ("equalshares/add1", None),
    "mes-add1-greedy": ("equalshares/add1", LEFTOVER_MES_GREEDY),
    "mes-budget-increase": ("equalshares/budget-increase", None),
    "mes-budget-increase-greedy": ("equalshares/budget-increase", LEFTOVER_MES_GREEDY),
}

#: Exact Equal Shares as Pabulib META `rule`. Pabulib has no name for it; ours follow the pattern
#: of `equalshares/add1` (rule/completion), and `PABULIB_COMMENTS` explains each.
PABULIB_EES = {
    "ees": "exact-equalshares",
    "ees-add-opt": "exact-equalshares/add-opt",
    "ees-add-opt-skip": "exact-equalshares/add-opt-skip",
}

_EES_SOURCE = (
    "Exact Equal Shares (Kraiczy, Robinson and Elkind, Streamlining Equal Shares, "
    "arXiv:2502.11797, 2025) with cost utilities: each round funds the project whose largest "
    "group of supporters that can each pay an equal share of its cost is largest; the payers pay "
    "exactly that share, the other supporters nothing"
)

#: A META `comment` for META rules that are ours, not Pabulib's.
PABULIB_COMMENTS = {
    "exact-equalshares": f"#1: The rule exact-equalshares is {_EES_SOURCE}; no completion.",
    "exact-equalshares/add-opt": (
        f"#1: The rule exact-equalshares/add-opt is {_EES_SOURCE}; completed by ADD-OPT: the "
        "budget per voter is raised to each next budget at which the outcome changes, and the "
        "last outcome within the real budget counts."
    ),
    "exact-equalshares/add-opt-skip": (
        f"#1: The rule exact-equalshares/add-opt-skip is {_EES_SOURCE}; completed by "
        "ADD-OPT-SKIP: as ADD-OPT, but the budget per voter is raised only to budgets at which "
        "a project outside the outcome can be funded, and the last outcome within the real "
        "budget counts."
    ),
    "equalshares/budget-increase": (
        "#1: The rule equalshares/budget-increase is the Method of Equal Shares completed by "
        "rerunning it with the total budget raised in steps of 1% until its outcome is "
        "exhaustive or would overspend the real budget (pabutools exhaustion_by_budget_increase "
        "with its default step); the last outcome within the budget counts."
    ),
}


class RuleError(ValueError):
    """A rule that cannot be applied to this election; `.code` and `.params` as PabulibError."""

    def __init__(self, code: str, message: str, **params):
        self.code = code
        self.params = params
        super().__init__(message)


def scores(election: Election) -> dict[str, int | Fraction]:
    """Each project's score as cities count it (see the module docstring), 0 without support."""
    totals: dict[str, int | Fraction] = dict.fromkeys(election.projects, 0)
    kind = election.vote_type
    for ballot in election.ballots:
        if kind in (APPROVAL, CHOOSE_1):
            for project in ballot.projects:
                totals[project] += 1
        elif kind in (CUMULATIVE, SCORING):
            for project, points in zip(ballot.projects, ballot.points or (), strict=True):
                totals[project] += points
        elif kind == ORDINAL:
            length = len(ballot.projects)
            for position, project in enumerate(ballot.projects):
                totals[project] += length - position
    return totals


def _threshold_from_meta(election: Election) -> int | Fraction | None:
    raw = election.meta.get("min_project_score_threshold", "").strip()
    if not raw:
        return None
    try:
        return Fraction(raw)
    except ValueError:
        raise RuleError(
            "bad_threshold",
            f"min_project_score_threshold {raw!r} is not a number",
            value=raw,
        ) from None


def by_score(
    election: Election,
    *,
    skip: bool = True,
    threshold=None,
    caps: dict[str, Fraction] | None = None,
    group_of: dict[str, str] | None = None,
    leftover: str | None = None,
    reserve_share: Fraction | None = None,
    rule: str = "greedy-score",
) -> Outcome:
    """The greedy rule as cities apply it, with the variants `from_meta` needs (module docstring).

    `caps`/`group_of`: a cap on the cost of the selected projects per group, and each project's
    group. `reserve_share`: Poznań's rule, fund the first project that does not fit if what is left
    covers this share of its cost, then stop.
    """
    score = scores(election)
    order = sorted(election.projects)  # ties: by id as a string
    order.sort(key=lambda p: -score[p])
    remaining = election.budget
    left_in = dict(caps or {})
    selected: list[str] = []
    explanations: dict[str, dict] = {}
    stopped = False
    for rank, project in enumerate(order, start=1):
        cost = election.projects[project].cost
        group = (group_of or {}).get(project)
        facts = {
            "rank": rank,
            "score": float(score[project]),
            "cost": float(cost),
            "remaining_before": float(remaining),
            "selected": False,
        }
        explanations[project] = facts
        if stopped:
            facts["reason"] = "stopped"
        elif cost == SENTINEL_COST:
            facts["reason"] = "withdrawn"
        elif threshold is not None and score[project] < threshold:
            facts["reason"] = "below_threshold"
        elif cost > remaining:
            facts["reason"] = "does_not_fit"
            if reserve_share is not None and remaining >= reserve_share * cost:
                facts.update(selected=True, reason="reserve")
                selected.append(project)
                remaining -= cost
                stopped = True
            elif not skip or reserve_share is not None:
                stopped = True
        elif group in left_in and cost > left_in[group]:
            facts.update(reason="group_full", group=group, group_left=float(left_in[group]))
        else:
            facts.update(selected=True, reason="fits")
            selected.append(project)
            remaining -= cost
            if group in left_in:
                left_in[group] -= cost
    details: dict = {"left_over": float(remaining)}
    if leftover == LEFTOVER_FIT and caps:
        for project in order:
            facts = explanations[project]
            cost = election.projects[project].cost
            if facts["reason"] == "group_full" and cost <= remaining:
                facts.update(
                    selected=True, reason="fits_leftover", remaining_before=float(remaining)
                )
                selected.append(project)
                remaining -= cost
        details["left_over"] = float(remaining)
    elif leftover == LEFTOVER_PARTIAL and remaining > 0:
        for project in order:
            facts = explanations[project]
            if not facts["selected"] and facts["reason"] in ("does_not_fit", "group_full"):
                facts["reason"] = "partially_funded"
                facts["amount"] = float(remaining)
                details["partially_funded"] = {"project": project, "amount": str(remaining)}
                break
    if caps:
        details["group_left"] = {g: float(v) for g, v in left_in.items()}
    return Outcome(rule=rule, selected=selected, explanations=explanations, details=details)


def run(
    election: Election,
    rule: str,
    *,
    threshold=None,
    caps: dict[str, Fraction] | None = None,
    deadline: float | None = None,
) -> Outcome:
    """Apply the rule called `rule` (one of RULES). `caps`: a cap per category on the cost of
    the selected projects (Pabulib's `budget_per_category`), for the Equal Shares rules only
    (`capped`); any other rule with caps is a `RuleError` (the greedy rules take caps through
    `from_meta`, EES has no caps yet). `deadline` (a `time.monotonic()` value): the Equal Shares
    rules raise `mes.TooSlow` rather than start another run after it (the greedy rules are
    quick)."""
    if caps:
        if rule not in _MES:
            raise RuleError(
                "caps_unsupported",
                f"the rule {rule!r} cannot be applied with a budget per category",
                rule=rule,
            )
        from pbengine.capped import equal_shares_capped

        outcome = equal_shares_capped(election, caps, completion=_MES[rule], deadline=deadline)
        outcome.rule = rule
        return outcome
    if rule == "greedy":
        return greedy(election)
    if rule == "greedy-score":
        return by_score(election)
    if rule == "greedy-no-skip":
        return by_score(election, skip=False, threshold=threshold, rule=rule)
    if rule == "greedy-threshold":
        if threshold is None:
            threshold = _threshold_from_meta(election)
        if threshold is None:
            raise RuleError(
                "missing_threshold",
                "greedy-threshold needs a threshold (or min_project_score_threshold in META)",
            )
        return by_score(election, threshold=threshold, rule=rule)
    if rule in _MES:
        from pbengine.mes import equal_shares

        return equal_shares(election, completion=_MES[rule], deadline=deadline)
    if rule in _EES:
        from pbengine.ees import equal_shares_exact

        return equal_shares_exact(
            election, utility="cost", completion=_EES[rule], deadline=deadline
        )
    raise RuleError("unknown_rule", f"unknown rule {rule!r}", rule=rule)


def _groups(election: Election) -> tuple[dict[str, Fraction], dict[str, str]] | None:
    """Amsterdam's per-category or per-neighbourhood caps, when META gives them."""
    for names_key, caps_key, column in (
        ("categories", "budget_per_category", None),
        ("neighborhoods", "budget_per_neighborhood", "neighborhood"),
    ):
        if caps_key not in election.meta:
            continue
        names = [n.strip() for n in election.meta.get(names_key, "").split(",")]
        amounts = [a.strip() for a in election.meta[caps_key].split(",")]
        if len(names) != len(amounts):
            raise RuleError(
                "bad_groups",
                f"META {caps_key} has {len(amounts)} amounts for {len(names)} {names_key}",
                key=caps_key,
            )
        try:
            caps = {n: Fraction(a) for n, a in zip(names, amounts, strict=True)}
        except ValueError:
            raise RuleError(
                "bad_groups", f"META {caps_key} holds a value that is not a number", key=caps_key
            ) from None
        group_of = {}
        for project in election.projects.values():
            if column is None:
                group = project.categories[0] if len(project.categories) == 1 else None
            else:
                group = project.extra.get(column)
            if group in caps:
                group_of[project.id] = group
        return caps, group_of
    return None


def _comparison(election: Election, outcome: Outcome) -> Outcome:
    """equalshares.net's comparison step: greedy instead if more voters prefer it."""
    if election.vote_type not in (APPROVAL, CHOOSE_1):
        raise RuleError(
            "unsupported_rule",
            "the equal-shares comparison step is defined for approval ballots only",
            rule=election.meta.get("rule", ""),
        )
    alternative = greedy(election)
    mes_set, greedy_set = set(outcome.selected), set(alternative.selected)
    prefer_mes = prefer_greedy = 0
    for ballot in election.ballots:
        ours = sum(1 for p in ballot.projects if p in mes_set)
        theirs = sum(1 for p in ballot.projects if p in greedy_set)
        prefer_mes += ours > theirs
        prefer_greedy += theirs > ours
    chosen = alternative if prefer_greedy > prefer_mes else outcome
    chosen.details = {
        **chosen.details,
        "comparison": {"prefer_mes": prefer_mes, "prefer_greedy": prefer_greedy},
    }
    return chosen


def from_meta(election: Election, *, deadline: float | None = None) -> Outcome:
    """The outcome by the rule the file's META names (see the module docstring). `deadline`:
    for the Equal Shares rules, as in `run`."""
    rule = election.meta.get("rule", "").strip()
    threshold = _threshold_from_meta(election)
    if rule in ("greedy", "greedy-threshold", "greedy-no-skip"):
        if rule == "greedy-threshold" and threshold is None:
            raise RuleError(
                "missing_threshold",
                "rule greedy-threshold but META has no min_project_score_threshold",
            )
        groups = _groups(election)
        caps, group_of = groups if groups else (None, None)
        outcome = by_score(
            election,
            skip=rule != "greedy-no-skip",
            threshold=threshold,
            caps=caps,
            group_of=group_of,
            leftover=election.meta.get("leftover_budget", "").strip() or None,
            rule=rule,
        )
    elif rule == "greedy-custom" and election.meta.get("unit", "").strip() == "Poznań":
        outcome = by_score(election, reserve_share=Fraction(4, 5), rule=rule)
    elif rule in _MES_BY_META:
        groups = _groups(election)
        caps = groups[0] if groups and "budget_per_category" in election.meta else None
        if groups and caps is None:
            raise RuleError(
                "unsupported_rule",
                f"the file's rule {rule!r} with a budget per neighbourhood cannot be applied",
                rule=rule,
            )
        outcome = run(election, _mes_by_meta(election, rule), caps=caps, deadline=deadline)
    elif rule in _EES_BY_META:
        outcome = run(election, _EES_BY_META[rule], deadline=deadline)
    elif rule in ("equalshares-comparison", "equalshares/add1-comparison"):
        base = run(election, "mes" if rule == "equalshares-comparison" else "mes-add1")
        outcome = _comparison(election, base)
    else:
        raise RuleError(
            "unsupported_rule",
            f"the file's rule {rule!r} cannot be applied (no known definition)",
            rule=rule,
        )
    outcome.details = {**outcome.details, "meta_rule": rule}
    return outcome


_EES_BY_META = {meta_rule: name for name, meta_rule in PABULIB_EES.items()}

_MES_BY_META = {meta_rule: name for name, (meta_rule, _left) in PABULIB_MES.items()}


def _mes_by_meta(election: Election, rule: str) -> str:
    """The Equal Shares rule a META `rule` and `leftover_budget` name (see `PABULIB_MES`)."""
    leftover = election.meta.get("leftover_budget", "").strip()
    for name, (meta_rule, meta_leftover) in PABULIB_MES.items():
        if meta_rule == rule and (meta_leftover or "") == leftover:
            return name
    raise RuleError(
        "unsupported_rule",
        f"the file's rule {rule!r} with leftover_budget {leftover!r} cannot be applied",
        rule=rule,
    )


def official(election: Election) -> set[str] | None:
    """The official outcome in the file (`selected` column: 1, and 2/3 for Poznań), or None."""
    values = {p: project.extra.get("selected") for p, project in election.projects.items()}
    if not values or any(v is None or v.strip() == "" for v in values.values()):
        return None
    return {p for p, v in values.items() if v.strip() not in ("0",)}
