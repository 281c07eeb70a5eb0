"""The outcome of a budget's vote: tally, the engine's election, compute, compare, publish.

Reads (selectors) and writes (services) for results live together here because they share the
election that is built from the database:

- `budget_election(budget)` turns the ballots into the engine's `Election` (fixed queries);
- `result_compute(budget, actor=...)` runs the budget's fixed rule and stores a `BudgetResult`;
- `result_compare(budget)` runs greedy and Equal Shares side by side for staff (nothing stored);
- `result_publish(result, actor=...)` publishes it once the vote has ended and hands over to
  execution with a news update on the process.

The rule is the budget's own (`Budget.rule`), fixed when the vote opened; nothing here lets
staff pick another rule for the published outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pbengine.model import (
    APPROVAL,
    CUMULATIVE,
    ORDINAL,
    Ballot,
    Election,
    Outcome,
    Project,
    total_cost,
)
from samenspraak.budgeting import voting
from samenspraak.budgeting.explain import explain, money
from samenspraak.budgeting.models import (
    BallotType,
    Budget,
    BudgetProject,
    BudgetResult,
    ComputationStage,
)
from samenspraak.budgeting.models import OutcomeRule as Rule
from samenspraak.core import audit

#: Our ballot types as Pabulib vote types.
VOTE_TYPES = {
    BallotType.APPROVAL: APPROVAL,
    BallotType.KNAPSACK: APPROVAL,
    BallotType.CUMULATIVE: CUMULATIVE,
    BallotType.RANKING: ORDINAL,
}

#: Our rule names as Pabulib META `rule` values. The two MES rules with a greedy completion have
#: no Pabulib name of their own; files from cities that used them say `equalshares/add1` and
#: describe the completion in `leftover_budget` (as Amsterdam's files do for greedy).
PABULIB_RULES = {
    Rule.GREEDY: "greedy",
    Rule.GREEDY_NO_SKIP: "greedy-no-skip",
    Rule.GREEDY_THRESHOLD: "greedy-threshold",
    Rule.MES: "equalshares",
    Rule.MES_ADD1: "equalshares/add1",
    Rule.MES_ADD1_GREEDY: "equalshares/add1",
    Rule.MES_BUDGET_INCREASE_GREEDY: "equalshares/add1",
}
COMPLETION_NOTE = "Fund additional projects that fit within leftover budget ordered by score"

#: Our rule names where the engine's name differs.
ENGINE_RULES = {Rule.GREEDY: "greedy-score"}

GREEDY_FAMILY = (Rule.GREEDY, Rule.GREEDY_NO_SKIP, Rule.GREEDY_THRESHOLD)
MES_FAMILY = (Rule.MES, Rule.MES_ADD1, Rule.MES_ADD1_GREEDY, Rule.MES_BUDGET_INCREASE_GREEDY)


class AuditAction:
    COMPUTED = "budgeting.result_computed"
    PUBLISHED = "budgeting.result_published"


# --- the election from the database -----------------------------------------------------------


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
    if budget.rule in (Rule.MES_ADD1_GREEDY, Rule.MES_BUDGET_INCREASE_GREEDY):
        meta["leftover_budget"] = COMPLETION_NOTE
    if budget.category_budgets:
        meta.update(_category_meta(budget))
    meta.update({"language": "nl", "currency": "EUR"})
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
    from pbengine.greedy import vote_counts
    from pbengine.rules import scores

    votes = vote_counts(election)
    totals = scores(election)
    return {p: {"votes": votes[p], "score": float(totals[p])} for p in election.projects}


# --- rules --------------------------------------------------------------------------------------


def run_rule(election: Election, rule: str, *, budget: Budget | None = None) -> Outcome:
    """The outcome of `rule` (an OutcomeRule value) through the engine's rules module.

    A budget's threshold (greedy-threshold) is passed on; with budgets per category a greedy
    rule respects each category's cap (Amsterdam's `budget_per_category`, via `from_meta`)."""
    from pbengine import rules

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
    # "Most votes first" for every ballot type: by score (votes, points), as cities count it.
    # For approval ballots this is pabutools' greedy exactly; for points it is what the rule's
    # name promises (pabutools would order by points per euro).
    engine_rule = ENGINE_RULES.get(rule, rule)
    try:
        outcome = rules.run(election, engine_rule, threshold=threshold)
    except rules.RuleError as error:
        if budget is None:
            raise
        raise ValidationError(_rule_problem(error)) from error
    outcome.rule = rule
    return outcome


def _rule_problem(error) -> str:
    if error.code == "missing_threshold":
        return _("Voor deze regel is een minimum aantal stemmen nodig. Vul het in bij het budget.")
    return _("De uitslag kan met deze regel niet worden berekend (%(reason)s).") % {
        "reason": str(error)
    }


def _category_meta(budget: Budget) -> dict[str, str]:
    names = list(budget.category_budgets)
    return {
        "categories": ",".join(names),
        "budget_per_category": ",".join(_decimal_text(budget.category_budgets[n]) for n in names),
    }


def _threshold(budget: Budget) -> int | None:
    return budget.min_score if budget.rule == Rule.GREEDY_THRESHOLD else None


def _require_manager(actor, budget: Budget) -> None:
    from samenspraak.processes.permissions import can_manage_process

    if actor is not None and not can_manage_process(actor, budget.process):
        raise PermissionDenied


def vote_has_ended(budget: Budget, at=None) -> bool:
    """The vote phase is over (or the process has none: then there is nothing to wait for)."""
    phase = voting.vote_phase(budget, at)
    return phase is None or phase.is_past(at)


def _require_vote_ended(budget: Budget) -> None:
    if not vote_has_ended(budget):
        raise ValidationError(
            _(
                "De stemming loopt nog. De uitslag kan pas worden berekend als de stemming "
                "voorbij is."
            )
        )


def result_of(budget: Budget) -> BudgetResult | None:
    return BudgetResult.objects.filter(budget=budget).first()


def check_can_compute(budget: Budget, actor=None) -> None:
    """Raise PermissionDenied (staff who do not manage the process) or ValidationError (in Dutch:
    the vote still runs, the result is published) when the result cannot be computed now."""
    _require_manager(actor, budget)
    _require_vote_ended(budget)
    existing = result_of(budget)
    if existing is not None and existing.published_at is not None:
        raise ValidationError(_("De uitslag is al gepubliceerd en verandert niet meer."))


def result_compute(budget: Budget, *, actor=None, request=None, progress=None) -> BudgetResult:
    """Close the vote, count the ballots and run the budget's fixed rule; store (or refresh) its
    result with a snapshot of the ballots as counted (`BudgetResult.snapshot`, what exports
    serve).

    Refused while the vote runs and once the result is published (a published outcome does not
    change). From the computed result on, no ballot of any channel is added
    (`voting.results_exist`). `actor` None is the system (demo data, commands); staff must
    manage the process. `progress(stage)` (a ComputationStage) is told each stage before it
    starts, outside the count's transaction (the background task shows it to staff).
    """
    check_can_compute(budget, actor)
    if progress is not None:
        progress(ComputationStage.CLOSING)
    # The close: no voter keys, ballots rewritten so not even the database's write order or
    # transaction stamps tie one to the register row written with it. It stays done even if the
    # count below fails.
    voting.vote_close(budget)
    if progress is not None:
        progress(ComputationStage.COUNTING)
    with transaction.atomic():
        # Again, holding the budget row until the result is stored: a paper ballot entered
        # since is rewritten too, and none slips in between the count and the result.
        voting.vote_close(budget)
        rows = voting.ballots_for_tally(budget)
        if not rows:
            raise ValidationError(_("Er zijn geen stemmen uitgebracht, dus er is geen uitslag."))
        election, by_id = budget_election(budget, ballots=rows)
        outcome = run_rule(election, budget.rule, budget=budget)
        tally = {
            "vote_type": election.vote_type,
            "projects": election_tally(election),
            # Voters per channel, from the register: a ballot does not say how it was cast.
            "channels": voting.turnout(budget)["by_channel"],
            "turnout": turnout_facts(budget),
            "spent": str(_euros(total_cost(election, outcome.selected))),
            "details": _plain(outcome.details),
        }
        result, _created = BudgetResult.objects.update_or_create(
            budget=budget,
            defaults={
                "rule": budget.rule,
                "selected": [int(p) for p in outcome.selected],
                "explanations": _plain(outcome.explanations),
                "tally": tally,
                "ballots": len(rows),
                "computed_at": timezone.now(),
                "snapshot": snapshot_text(election, outcome.selected),
            },
        )
        if actor is not None:
            audit.record(
                actor,
                AuditAction.COMPUTED,
                budget,
                {"rule": budget.rule, "selected": result.selected, "ballots": result.ballots},
                request,
            )
    return result


def snapshot_election(election: Election, selected) -> Election:
    """The election as a file for others: ballots shuffled and numbered 1..n (nothing about who
    voted, nor the order they voted in), and per project its votes, score and whether it was
    funded."""
    import random

    from pbengine import pabulib

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
    from pbengine import pabulib

    return pabulib.write(snapshot_election(election, selected))


def _euros(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _plain(value):
    """Engine facts as JSON: fractions become floats, tuples lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


# --- compare ------------------------------------------------------------------------------------


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
    mes = budget.rule if budget.rule in MES_FAMILY else Rule.MES_ADD1_GREEDY
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
                spent=_euros(total_cost(election, outcome.selected)),
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
                cost=_euros(project.cost),
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
        election, [], projects=by_id, threshold=_threshold(budget), budget=budget, extra=columns
    )


# --- publish ------------------------------------------------------------------------------------


def publish_problem(result: BudgetResult, at=None) -> str | None:
    """Why this result cannot be published now, in plain Dutch; None when it can."""
    budget = result.budget
    if result.published_at is not None:
        return _("De uitslag is al gepubliceerd.")
    if not vote_has_ended(budget, at):
        return _("De stemming loopt nog. Publiceer de uitslag als de stemming voorbij is.")
    if result.rule != budget.rule:
        return _("De uitslag is met een andere regel berekend. Bereken de uitslag opnieuw.")
    return None


def result_publish(result: BudgetResult, *, actor, request=None) -> BudgetResult:
    """Publish the outcome under the budget's fixed rule, and hand it over to execution.

    The hand-over is a news update on the process listing the funded projects with their cost
    (followers get it by e-mail); the execution app picks the projects up from there.
    """
    from samenspraak.processes.permissions import can_manage_process

    budget = result.budget
    if actor is None or not can_manage_process(actor, budget.process):
        raise PermissionDenied
    problem = publish_problem(result)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        locked = BudgetResult.objects.select_for_update().get(pk=result.pk)
        if locked.published_at is not None:
            raise ValidationError(_("De uitslag is al gepubliceerd."))
        result.published_at = timezone.now()
        result.published_by = actor
        result.save(update_fields=["published_at", "published_by"])
        audit.record(
            actor,
            AuditAction.PUBLISHED,
            budget,
            {"rule": result.rule, "selected": result.selected},
            request,
        )
        _hand_over(result, actor=actor, request=request)
        from samenspraak.budgeting.events import BudgetResultPublished
        from samenspraak.core import events

        events.emit(
            BudgetResultPublished(
                result_id=result.pk, budget_id=budget.pk, process_id=budget.process_id
            )
        )
    return result


def _hand_over(result: BudgetResult, *, actor, request=None) -> None:
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from samenspraak.core.links import absolute_url
    from samenspraak.information.services import update_create

    budget = result.budget
    projects = BudgetProject.objects.in_bulk(result.selected)
    funded = [projects[pk] for pk in result.selected if pk in projects]
    with translation.override("nl"):
        title = _("Uitslag %(budget)s: %(count)s projecten krijgen geld") % {
            "budget": budget.title,
            "count": len(funded),
        }
        body = render_to_string(
            "budgeting/results/update_body.html",
            {
                "budget": budget,
                "funded": [(p, money(p.cost)) for p in funded],
                "total_text": money(sum((p.cost for p in funded), Decimal(0))),
                "url": absolute_url(reverse("budgeting:results", args=[budget.pk])),
            },
        )
    update_create(
        actor=actor, process=budget.process, title=title[:160], body=body, request=request
    )


# --- the public page -----------------------------------------------------------------------


def published_result(budget: Budget) -> BudgetResult | None:
    return BudgetResult.objects.filter(budget=budget, published_at__isnull=False).first()


def published_results(process) -> list[BudgetResult]:
    """The published results of a process's budgets (one query)."""
    return list(
        BudgetResult.objects.filter(budget__process=process, published_at__isnull=False)
        .select_related("budget")
        .order_by("budget__title", "budget__pk")
    )


@dataclass
class ResultRow:
    project: BudgetProject
    funded: bool
    order: int | None
    votes: int
    score: float
    sentence: str

    @property
    def title(self) -> str:
        return self.project.input.title

    @property
    def cost_text(self) -> str:
        return money(self.project.cost)


def result_rows(result: BudgetResult, projects: list[BudgetProject]) -> list[ResultRow]:
    """Funded projects in the order the rule chose them, then the others by score."""
    tally = (result.tally or {}).get("projects", {})
    vote_type = (result.tally or {}).get("vote_type", APPROVAL)
    order = {pk: i for i, pk in enumerate(result.selected, start=1)}
    threshold = result.budget.min_score if result.rule == Rule.GREEDY_THRESHOLD else None
    rows = []
    for project in projects:
        facts = tally.get(str(project.pk), {})
        rows.append(
            ResultRow(
                project=project,
                funded=project.pk in order,
                order=order.get(project.pk),
                votes=int(facts.get("votes", 0)),
                score=float(facts.get("score", 0)),
                sentence=explain(
                    result.rule,
                    (result.explanations or {}).get(str(project.pk)),
                    vote_type=vote_type,
                    votes=int(facts.get("votes", 0)),
                    cost=project.cost,
                    threshold=threshold,
                ),
            )
        )
    rows.sort(key=lambda r: (r.order is None, r.order or 0, -r.score, r.project.pk))
    return rows


def result_projects(result: BudgetResult) -> list[BudgetProject]:
    """The projects the result speaks of, with their Input and area (one query)."""
    pks = [int(pk) for pk in (result.tally or {}).get("projects", {})] or result.selected
    return list(
        BudgetProject.objects.filter(pk__in=pks)
        .select_related("input__area", "input__process")
        .order_by("pk")
    )


def _area_shapes(budget: Budget) -> list:
    """The outline to draw under the map: the budget's area, or the municipality's districts."""
    from samenspraak.organisations.models import Area

    if budget.area_id:
        return [budget.area.shape] if budget.area.shape else []
    return list(
        Area.objects.filter(
            municipality_id=budget.process.municipality_id,
            parent__isnull=True,
            shape__isnull=False,
        ).values_list("shape", flat=True)
    )


def _codes_per_area(budget: Budget) -> dict:
    """Vote codes sent per area (the people invited by letter), {area name or None: n}."""
    from django.db.models import Count

    from samenspraak.budgeting.models import VoteCode

    return dict(
        VoteCode.objects.filter(batch__budget=budget)
        .order_by()
        .values_list("area__name")
        .annotate(n=Count("id"))
    )


def turnout_facts(budget: Budget) -> dict:
    """Voters in all, and per area with the vote codes sent there (three queries); stored with
    the result when it is computed, so the results page shows the count as it was."""
    turnout = voting.turnout(budget)
    codes = _codes_per_area(budget)
    return {
        "total": turnout["total"],
        "by_area": [
            {"name": name, "voters": n, "invited": codes.get(name)}
            for name, n in turnout["by_area"]
        ],
    }


def results_page(budget: Budget, result: BudgetResult) -> dict:
    """Everything the results page shows, in a fixed number of queries: the projects and the
    outline; turnout and the vote codes per area come from the result (counted with it), or for
    a result computed before it stored them, from the register (three more queries)."""
    from samenspraak.budgeting.charts_results import project_map, vote_chart
    from samenspraak.budgeting.models import BallotChannel

    rows = result_rows(result, result_projects(result))
    funded = [r for r in rows if r.funded]
    total = sum((r.project.cost for r in funded), Decimal(0))
    places = [
        (r.order, r.title, r.project.input.latitude, r.project.input.longitude)
        for r in funded
        if r.project.input.latitude is not None and r.project.input.longitude is not None
    ]
    turnout = (result.tally or {}).get("turnout") or turnout_facts(budget)
    by_area = turnout["by_area"]
    channel_labels = dict(BallotChannel.choices)
    channels = (result.tally or {}).get("channels", {})
    vote_type = (result.tally or {}).get("vote_type", APPROVAL)
    return {
        "rows": rows,
        "funded": funded,
        "total": total,
        "total_text": money(total),
        "amount_text": money(budget.amount),
        "left_over_text": money(budget.amount - total),
        "chart": vote_chart(sorted(rows, key=lambda r: (-r.score, r.title))),
        "chart_unit": "votes" if vote_type in (APPROVAL, "choose-1") else "points",
        "map": project_map(_area_shapes(budget), places),
        "unplaced": [r for r in funded if r.project.input.latitude is None],
        "turnout": turnout,
        "by_area": by_area,
        "by_channel": [
            {"label": channel_labels.get(key, key), "ballots": n}
            for key, n in channels.items()
            if n
        ],
        "ballots": result.ballots,
    }


def result_section_rows(published: list[BudgetResult]) -> list[dict]:
    """Per published result: its budget, funded projects (in order) and their total. One query
    for all results together."""
    pks = [pk for result in published for pk in result.selected]
    projects = BudgetProject.objects.select_related("input").in_bulk(pks) if pks else {}
    rows = []
    for result in published:
        funded = [projects[pk] for pk in result.selected if pk in projects]
        rows.append(
            {
                "budget": result.budget,
                "result": result,
                "funded": funded,
                "total_text": money(sum((p.cost for p in funded), Decimal(0))),
                "funded_rows": [(p, money(p.cost)) for p in funded],
            }
        )
    return rows
