"""The election from the database and the rule runner: the adapter between budgeting's
models and the outcome engine (pbengine). Ballots become a Pabulib `Election`; a rule name
becomes an engine call; the anonymised snapshot is written from it. No writes."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pbengine import pabulib, rules
from pbengine.greedy import vote_counts
from pbengine.model import (
    APPROVAL,
    CUMULATIVE,
    ORDINAL,
    Ballot,
    Election,
    Outcome,
    Project,
)
from pbengine.rules import scores
from samenspraak.budgeting import voting
from samenspraak.budgeting.models import (
    BallotType,
    Budget,
    BudgetProject,
)
from samenspraak.budgeting.models import OutcomeRule as Rule

#: Our ballot types as Pabulib vote types.
VOTE_TYPES = {
    BallotType.APPROVAL: APPROVAL,
    BallotType.KNAPSACK: APPROVAL,
    BallotType.CUMULATIVE: CUMULATIVE,
    BallotType.RANKING: ORDINAL,
}


#: Our rule names where the engine's name differs.
ENGINE_RULES = {Rule.GREEDY: "greedy-score"}


GREEDY_FAMILY = (Rule.GREEDY, Rule.GREEDY_NO_SKIP, Rule.GREEDY_THRESHOLD)


MES_FAMILY = (Rule.MES, Rule.MES_ADD1, Rule.MES_ADD1_GREEDY, Rule.MES_BUDGET_INCREASE_GREEDY)


#: Exact Equal Shares (pbengine.ees, ADR 0009): approval and knapsack ballots only, no caps yet.
EES_FAMILY = (Rule.EES, Rule.EES_ADD_OPT, Rule.EES_ADD_OPT_SKIP)


#: Our rule names as Pabulib META `rule` values; the Equal Shares rules as the engine names them
#: for Pabulib (`rules.PABULIB_MES`: the completion in `rule`, a greedy rest in `leftover_budget`).
PABULIB_RULES = {
    Rule.GREEDY: "greedy",
    Rule.GREEDY_NO_SKIP: "greedy-no-skip",
    Rule.GREEDY_THRESHOLD: "greedy-threshold",
    **{rule: rules.PABULIB_MES[rule][0] for rule in MES_FAMILY},
    **{rule: rules.PABULIB_EES[rule] for rule in EES_FAMILY},
}


def budget_get(pk: int) -> Budget:
    """A budget with what results pages and the election read (process, municipality, area,
    phases), so they cost no further queries."""
    return (
        Budget.objects.select_related("process__municipality", "area")
        .prefetch_related("process__phases")
        .get(pk=pk)
    )


def _ballot(vote_type: str, choices, known: dict[str, Project], voter_id: str) -> Ballot | None:
    """One engine ballot from [(project pk, value)], in the order the vote type needs."""
    choices = [(str(pk), value) for pk, value in choices if str(pk) in known]
    if not choices:
        return None
    if vote_type == ORDINAL:  # value is the position, 1 is first
        choices.sort(key=lambda c: (c[1], c[0]))
        return Ballot(projects=tuple(p for p, _v in choices), voter_id=voter_id)
    choices.sort(key=lambda c: c[0])
    if vote_type == CUMULATIVE:
        return Ballot(
            projects=tuple(p for p, _v in choices),
            points=tuple(int(v) for _p, v in choices),
            voter_id=voter_id,
        )
    return Ballot(projects=tuple(p for p, _v in choices), voter_id=voter_id)


def _pabulib_date(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y")


def election_meta(budget: Budget, *, num_projects: int, num_votes: int) -> dict[str, str]:
    """The META section for this budget: what a researcher needs to read the file, no people."""
    process = budget.process
    phase = voting.vote_phase(budget)
    year = str((phase.starts_at if phase else process.created_at).year)
    meta = {
        "description": budget.title,
        "country": "Netherlands",
        "unit": process.municipality.name,
        "instance": year,
    }
    if budget.area_id:
        meta["subunit"] = budget.area.name
    meta.update(
        {
            "num_projects": str(num_projects),
            "num_votes": str(num_votes),
            "budget": _decimal_text(budget.amount),
            "vote_type": VOTE_TYPES[budget.ballot_type],
            "rule": PABULIB_RULES.get(budget.rule, "unknown"),
            "date_begin": _pabulib_date(phase.starts_at) if phase else year,
            "date_end": _pabulib_date(phase.ends_at) if phase else year,
        }
    )
    ranked_or_approval = budget.ballot_type in (BallotType.RANKING, BallotType.APPROVAL)
    if ranked_or_approval and budget.max_choices:
        meta["max_length"] = str(budget.max_choices)
    elif budget.ballot_type == BallotType.KNAPSACK:
        meta["max_sum_cost"] = _decimal_text(budget.amount)
    elif budget.ballot_type == BallotType.CUMULATIVE and budget.points:
        meta["max_sum_points"] = str(budget.points)
    if budget.rule == Rule.GREEDY_THRESHOLD and budget.min_score:
        meta["min_project_score_threshold"] = str(budget.min_score)
    if budget.rule in rules.PABULIB_MES:
        _meta_rule, leftover = rules.PABULIB_MES[budget.rule]
        if leftover:
            meta["leftover_budget"] = leftover
    if budget.category_budgets:
        meta.update(_category_meta(budget))
    meta.update({"language": "nl", "currency": "EUR"})
    if meta["rule"] in rules.PABULIB_COMMENTS:
        meta["comment"] = rules.PABULIB_COMMENTS[meta["rule"]]
    return meta


def _decimal_text(amount) -> str:
    """2158427.19 or 100000: the way Pabulib files write amounts."""
    value = Decimal(amount)
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value)


def budget_election(budget: Budget, *, ballots=None) -> tuple[Election, dict[str, BudgetProject]]:
    """The engine's election for this budget, and its projects by engine id (str(pk)).

    Approval and knapsack ballots become Pabulib approval ballots, cumulative ballots keep their
    points, ranking ballots become ordinal ballots in rank order. Costs and the budget are exact
    fractions of the stored decimals. Ballots carry no voter information; `voter_id` is their
    position in the (random, UUID) order of `voting.ballots_for_tally`. Three queries or fewer
    (projects, ballots, and the phases unless prefetched).
    """
    vote_type = VOTE_TYPES[budget.ballot_type]
    by_id: dict[str, BudgetProject] = {}
    projects: dict[str, Project] = {}
    for project in voting.ballot_projects(budget):
        key = str(project.pk)
        by_id[key] = project
        projects[key] = Project(
            id=key,
            cost=Fraction(project.cost),
            name=project.input.title,
            categories=(project.category,) if project.category else (),
        )
    rows = voting.ballots_for_tally(budget) if ballots is None else ballots
    engine_ballots = []
    for choices in rows:
        ballot = _ballot(vote_type, choices, projects, str(len(engine_ballots) + 1))
        if ballot is not None:
            engine_ballots.append(ballot)
    election = Election(
        budget=Fraction(budget.amount),
        vote_type=vote_type,
        projects=projects,
        ballots=engine_ballots,
    )
    election.meta = election_meta(budget, num_projects=len(projects), num_votes=len(engine_ballots))
    return election, by_id


def election_tally(election: Election) -> dict[str, dict]:
    """Per project: the ballots that name it ("votes") and its score as cities count it
    ("score": votes for approval, points for cumulative, and for ranking `len(ballot) -
    position` summed over ballots, the `score` column of Pabulib's ordinal files)."""
    votes = vote_counts(election)
    totals = scores(election)
    return {p: {"votes": votes[p], "score": float(totals[p])} for p in election.projects}


def run_rule(
    election: Election, rule: str, *, budget: Budget | None = None, deadline: float | None = None
) -> Outcome:
    """The outcome of `rule` (an OutcomeRule value) through the engine's rules module.

    A budget's threshold (greedy-threshold) is passed on; with budgets per category a greedy
    rule respects each category's cap (Amsterdam's `budget_per_category`, via `from_meta`), and
    so does Equal Shares (`pbengine.capped`). `deadline`: see `pbengine.rules.run` (raises
    `pbengine.mes.TooSlow`)."""
    threshold = budget.min_score if budget is not None and rule == Rule.GREEDY_THRESHOLD else None
    if budget is not None and budget.category_budgets and rule in GREEDY_FAMILY:
        meta = dict(election.meta)
        meta.update(_category_meta(budget), rule=PABULIB_RULES[rule])
        if threshold is not None:
            meta["min_project_score_threshold"] = str(threshold)
        meta.pop("leftover_budget", None)
        capped = Election(
            budget=election.budget,
            vote_type=election.vote_type,
            projects=election.projects,
            ballots=election.ballots,
            meta=meta,
        )
        try:
            return rules.from_meta(capped)
        except rules.RuleError as error:
            raise ValidationError(_rule_problem(error)) from error
    caps = None
    if budget is not None and budget.category_budgets and rule in MES_FAMILY:
        # Equal Shares with category caps: exact reference runs (pbengine.capped), since the
        # fast path cannot take caps.
        caps = {name: Fraction(amount) for name, amount in budget.category_budgets.items()}
    # "Most votes first" for every ballot type: by score (votes, points), as cities count it.
    # For approval ballots this is pabutools' greedy exactly; for points it is what the rule's
    # name promises (pabutools would order by points per euro).
    engine_rule = ENGINE_RULES.get(rule, rule)
    try:
        if budget is not None and budget.category_budgets and rule in EES_FAMILY:
            raise rules.RuleError("caps_unsupported", "EES has no category caps", rule=rule)
        outcome = rules.run(
            election, engine_rule, threshold=threshold, caps=caps, deadline=deadline
        )
    except rules.RuleError as error:
        if budget is None:
            raise
        raise ValidationError(_rule_problem(error)) from error
    outcome.rule = rule
    return outcome


def _rule_problem(error) -> str:
    if error.code == "missing_threshold":
        return _("Voor deze regel is een minimum aantal stemmen nodig. Vul het in bij het budget.")
    if error.code == "unsupported_ballot":
        return _(
            "Deze regel werkt alleen met de stembiljetten 'kies projecten' en 'verdeel het budget'."
        )
    if error.code == "caps_unsupported":
        return _("Deze regel kan nog niet rekenen met een budget per categorie.")
    return _("De uitslag kan met deze regel niet worden berekend (%(reason)s).") % {
        "reason": str(error)
    }


def _category_meta(budget: Budget) -> dict[str, str]:
    names = list(budget.category_budgets)
    return {
        "categories": ",".join(names),
        "budget_per_category": ",".join(_decimal_text(budget.category_budgets[n]) for n in names),
    }


def rule_threshold(budget: Budget) -> int | None:
    return budget.min_score if budget.rule == Rule.GREEDY_THRESHOLD else None


def snapshot_election(election: Election, selected) -> Election:
    """The election as a file for others: ballots shuffled and numbered 1..n (nothing about who
    voted, nor the order they voted in), and per project its votes, score and whether it was
    funded."""
    tally = election_tally(election)
    funded = {str(pk) for pk in selected}
    with_score = election.vote_type != APPROVAL
    projects = {}
    for key, project in election.projects.items():
        extra = {"votes": str(tally[key]["votes"])}
        if with_score:
            extra["score"] = pabulib.format_number(round(tally[key]["score"]))
        extra["selected"] = "1" if key in funded else "0"
        projects[key] = Project(
            id=key,
            cost=project.cost,
            name=project.name,
            categories=project.categories,
            extra=extra,
        )
    ballots = list(election.ballots)
    random.SystemRandom().shuffle(ballots)
    anonymous = [
        Ballot(projects=b.projects, points=b.points, voter_id=str(i))
        for i, b in enumerate(ballots, start=1)
    ]
    return Election(
        budget=election.budget,
        vote_type=election.vote_type,
        projects=projects,
        ballots=anonymous,
        meta=dict(election.meta),
    )


def snapshot_text(election: Election, selected) -> str:
    """`snapshot_election` as Pabulib text (what `BudgetResult.snapshot` stores)."""
    return pabulib.write(snapshot_election(election, selected))


def euros(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def plain_json(value):
    """Engine facts as JSON: fractions become floats, tuples lists."""
    if isinstance(value, dict):
        return {str(k): plain_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain_json(v) for v in value]
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, Decimal):
        return float(value)
    return value
