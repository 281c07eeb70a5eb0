"""Greedy and Equal Shares side by side for staff (nothing stored); also used by the replay of
an uploaded Pabulib file (pb_io)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from pbengine.mes import TooSlow
from pbengine.model import (
    Election,
    Outcome,
    Project,
    total_cost,
)
from samenspraak.budgeting.models import (
    RULE_EXPLANATIONS,
    Budget,
    BudgetResult,
)
from samenspraak.budgeting.models import OutcomeRule as Rule
from samenspraak.budgeting.results.election import (
    GREEDY_FAMILY,
    budget_election,
    election_tally,
    euros,
    rule_threshold,
    run_rule,
)
from samenspraak.budgeting.results.explain import explain, money


@dataclass
class Column:
    rule: str
    label: str
    outcome: Outcome
    spent: Decimal
    #: Voters with at least one funded project on their ballot.
    satisfied: int
    share_satisfied: int

    @property
    def spent_text(self) -> str:
        return money(self.spent)

    @property
    def count(self) -> int:
        return len(self.outcome.selected)


@dataclass
class CompareRow:
    #: A BudgetProject (a budget of ours) or an engine Project (a replayed file).
    project: object
    votes: int
    score: float
    cost: Decimal
    funded: list[bool]
    sentences: list[str]

    @property
    def title(self) -> str:
        if isinstance(self.project, Project):
            return self.project.name or self.project.id
        return self.project.input.title

    @property
    def cells(self) -> list[tuple[bool, str]]:
        return list(zip(self.funded, self.sentences, strict=True))

    @property
    def cost_text(self) -> str:
        return money(self.cost)

    @property
    def differs(self) -> bool:
        return len(set(self.funded)) > 1


@dataclass
class Comparison:
    columns: list[Column]
    rows: list[CompareRow]
    voters: int
    vote_type: str
    differences: int = field(default=0)


def comparison_rules(budget: Budget) -> tuple[str, str]:
    """Greedy (the budget's own greedy variant if it uses one) and the budget's Equal Shares
    variant (default: mes-add1-greedy)."""
    greedy = budget.rule if budget.rule in GREEDY_FAMILY else Rule.GREEDY
    mes = budget.rule if budget.rule not in GREEDY_FAMILY else Rule.MES_ADD1_GREEDY
    return greedy, mes


def satisfied_voters(election: Election, selected) -> int:
    chosen = set(selected)
    return sum(1 for ballot in election.ballots if chosen.intersection(ballot.projects))


def compare_outcomes(
    election: Election,
    rules: list[str],
    *,
    projects: dict | None = None,
    threshold: int | None = None,
    budget: Budget | None = None,
    extra: list[tuple[str, str, Outcome]] = (),
) -> Comparison:
    """Run each rule on the same election and line the outcomes up per project. `extra`:
    further columns (key, label, outcome) computed elsewhere (a file's own rule)."""
    tally = election_tally(election)
    columns = []
    voters = election.num_voters
    outcomes = [
        (rule, _rule_label(rule), run_rule(election, rule, budget=budget)) for rule in rules
    ]
    for rule, label, outcome in [*outcomes, *extra]:
        satisfied = satisfied_voters(election, outcome.selected)
        columns.append(
            Column(
                rule=rule,
                label=label,
                outcome=outcome,
                spent=euros(total_cost(election, outcome.selected)),
                satisfied=satisfied,
                share_satisfied=round(100 * satisfied / voters) if voters else 0,
            )
        )
    rows = []
    for key, project in election.projects.items():
        facts = tally[key]
        rows.append(
            CompareRow(
                project=(projects or {}).get(key, project),
                votes=facts["votes"],
                score=facts["score"],
                cost=euros(project.cost),
                funded=[key in set(c.outcome.selected) for c in columns],
                sentences=[
                    explain(
                        c.rule,
                        c.outcome.explanations.get(key),
                        vote_type=election.vote_type,
                        votes=facts["votes"],
                        cost=project.cost,
                        threshold=threshold,
                    )
                    for c in columns
                ],
            )
        )
    rows.sort(key=lambda r: (-sum(r.funded), -r.score, r.title))
    return Comparison(
        columns=columns,
        rows=rows,
        voters=voters,
        vote_type=election.vote_type,
        differences=sum(1 for r in rows if r.differs),
    )


def _rule_label(rule: str) -> str:
    try:
        return str(Rule(rule).label)
    except ValueError:
        return rule


def result_compare(budget: Budget, result: BudgetResult | None = None) -> Comparison:
    """Greedy and Equal Shares side by side on this budget's ballots (staff, before
    publishing). Nothing is stored. A computed `result` under one of the two rules is reused
    (the ballots no longer change once the vote has ended), so the page runs one rule at most."""
    election, by_id = budget_election(budget)
    columns = []
    for rule in comparison_rules(budget):
        if result is not None and result.rule == rule:
            outcome = Outcome(
                rule=rule,
                selected=[str(pk) for pk in result.selected],
                explanations=dict(result.explanations or {}),
            )
        else:
            outcome = run_rule(election, rule, budget=budget)
        columns.append((rule, _rule_label(rule), outcome))
    return compare_outcomes(
        election, [], projects=by_id, threshold=rule_threshold(budget), budget=budget, extra=columns
    )


# --- what each offered rule spends ----------------------------------------------------------


#: Seconds each other rule may take in the spend table (wall clock, in the worker). Only this
#: informational table depends on the machine's speed, never an outcome: a rule that takes
#: longer (ees-add-opt takes over 10 s CPU on Amsterdam 166's 426 voters, benchmarks/rule_spend.py)
#: is shown as too slow to compute here.
RULE_SPEND_SECONDS = 30.0


def rule_spend(
    election: Election,
    budget: Budget,
    known: Outcome | None = None,
    *,
    seconds: float = RULE_SPEND_SECONDS,
) -> list[dict]:
    """Per offered rule (every OutcomeRule, in its order): what it funds on this election, as
    stored in `BudgetResult.rule_spend`: {"rule", "funded" (projects), "spent" (euros as text),
    "satisfied" (voters with at least one funded project), "problem" (why the rule cannot be
    applied, in the active language; "" when it can)}. `known`: the outcome of the budget's own
    rule, already computed. This runs every rule, so it belongs in the worker (results.services),
    never in a request."""
    rows = []
    for rule in Rule.values:
        row = {"rule": rule, "funded": 0, "spent": "0", "satisfied": 0, "problem": ""}
        try:
            if known is not None and rule == budget.rule:
                outcome = known
            else:
                deadline = time.monotonic() + seconds
                outcome = run_rule(
                    election, rule, budget=_with_rule(budget, rule), deadline=deadline
                )
        except ValidationError as error:
            row["problem"] = " ".join(error.messages)
        except TooSlow:
            row["problem"] = ngettext(
                "deze regel duurt hier te lang (meer dan %(n)s seconde).",
                "deze regel duurt hier te lang (meer dan %(n)s seconden).",
                round(seconds),
            ) % {"n": round(seconds)}
        else:
            row.update(
                funded=len(outcome.selected),
                spent=str(euros(total_cost(election, outcome.selected))),
                satisfied=satisfied_voters(election, outcome.selected),
            )
        rows.append(row)
    return rows


def _with_rule(budget: Budget, rule: str) -> Budget:
    """The budget as if `rule` were its rule (unsaved copy: its threshold and caps are kept)."""
    copy = Budget(
        pk=budget.pk,
        process_id=budget.process_id,
        amount=budget.amount,
        ballot_type=budget.ballot_type,
        rule=rule,
        min_score=budget.min_score,
        category_budgets=budget.category_budgets,
    )
    return copy


@dataclass
class SpendRow:
    rule: str
    label: str
    explanation: str
    own: bool
    funded: int
    spent_text: str
    #: Whole percent of the budget, rounded down (a rule that spends 99.6% does not show 100).
    share: int
    satisfied: int
    satisfied_share: int
    problem: str


def spend_rows(budget: Budget, result: BudgetResult | None) -> list[SpendRow] | None:
    """The stored per-rule spend of a computed result as rows for the staff page; None when
    there is none yet (no result, or one computed before this table existed). No queries."""
    if result is None or not result.rule_spend:
        return None
    voters = result.ballots
    amount = Decimal(budget.amount)
    rows = []
    for item in result.rule_spend:
        rule = item.get("rule", "")
        spent = Decimal(item.get("spent") or "0")
        satisfied = int(item.get("satisfied") or 0)
        rows.append(
            SpendRow(
                rule=rule,
                label=_rule_label(rule),
                explanation=str(RULE_EXPLANATIONS.get(rule, "")),
                own=rule == result.rule,
                funded=int(item.get("funded") or 0),
                spent_text=money(spent),
                share=int(spent * 100 // amount) if amount > 0 else 0,
                satisfied=satisfied,
                satisfied_share=int(satisfied * 100 // voters) if voters else 0,
                problem=item.get("problem") or "",
            )
        )
    return rows
