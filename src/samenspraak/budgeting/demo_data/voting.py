"""The demo vote: ballots over the three channels (online, vote codes, paper entered twice),
cast through the voting services inside the vote phase."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from samenspraak.budgeting import voting
from samenspraak.budgeting.demo_data.plans import POPULATION, BudgetPlan
from samenspraak.budgeting.demo_data.proposals import demo_managers
from samenspraak.budgeting.models import BallotType, Budget
from samenspraak.budgeting.voting import codes, paper


def _weighted_sample(rng, items: list, weights: list[float], k: int) -> list:
    """k distinct items, each drawn with probability proportional to its weight
    (Efraimidis-Spirakis keys: one pass, deterministic for a seeded rng)."""
    keyed = sorted(
        ((rng.random() ** (1 / w), index) for index, w in enumerate(weights)), reverse=True
    )
    return [items[index] for _key, index in keyed[:k]]


def _choices_for(plan: BudgetPlan, rng, projects, weights) -> dict[int, int]:
    """One voter's ballot as the voting services take it: {project pk: value}."""
    if plan.ballot_type == BallotType.APPROVAL:
        most = min(plan.max_choices or len(projects), len(projects))
        k = rng.choice([1, 2, 3, 3, 4, 5, 5, 5])
        return {p.pk: 1 for p in _weighted_sample(rng, projects, weights, min(k, most))}
    if plan.ballot_type == BallotType.KNAPSACK:
        order = _weighted_sample(rng, projects, weights, len(projects))
        left, chosen = Decimal(plan.amount), {}
        for project in order[: rng.randint(2, len(projects))]:
            if project.cost <= left:
                chosen[project.pk] = 1
                left -= project.cost
        return chosen or {order[0].pk: 1}
    if plan.ballot_type == BallotType.CUMULATIVE:
        total = plan.points or 10
        k = min(rng.choice([1, 2, 2, 3, 3, 4]), len(projects))
        chosen = _weighted_sample(rng, projects, weights, k)
        cuts = sorted(rng.sample(range(1, total), k - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        return {p.pk: n for p, n in zip(chosen, parts, strict=True)}
    raise ValueError(plan.ballot_type)


def vote(ctx, budget: Budget, plan: BudgetPlan, eligible, home, *, skip=()) -> None:
    """Ballots over the three channels, cast through the voting services inside the vote
    phase (`at`), so every ballot passes the same checks as a real one."""
    rng = ctx.rng
    on_ballot = voting.ballot_projects(budget)
    popularity = {p.pk: rng.uniform(0.4, 3.0) for p in on_ballot}
    place = {
        p.pk: (p.input.area_id, p.input.area.parent_id if p.input.area else None) for p in on_ballot
    }

    def weights_for(wijk_pk):
        # Residents like projects in their own wijk three times as much.
        return [
            popularity[p.pk] * (3.0 if wijk_pk and wijk_pk in place[p.pk] else 1.0)
            for p in on_ballot
        ]

    phase = voting.vote_phase(budget)
    end = min(phase.ends_at, timezone.now() - datetime.timedelta(minutes=1))

    def moment():
        # More people vote early, and again just before the end.
        fraction = rng.triangular(0, 1, 0.1 if rng.random() < 0.7 else 0.95)
        return phase.starts_at + (end - phase.starts_at) * fraction

    voters = [r for r in eligible if r.pk not in skip]
    for user in sorted(
        rng.sample(voters, int(len(voters) * plan.online_share)), key=lambda u: u.pk
    ):
        choices = _choices_for(plan, rng, on_ballot, weights_for(home.get(user.pk)))
        voting.cast_online(
            budget=budget, user=user, choices=choices, at=moment(), projects=on_ballot
        )

    # Letters and paper grow with the town (the numbers in the plans are for 300 residents).
    scale = len(ctx.residents) / POPULATION
    letters_per_wijk, sheets = round(plan.letters * scale), round(plan.paper * scale)
    managers = demo_managers(ctx)
    wijken = [budget.area] if budget.area else list(ctx.districts)
    for wijk in wijken:
        if not letters_per_wijk:
            break
        _batch, letters = codes.generate_batch(
            budget=budget,
            label=f"Brief aan alle adressen in {wijk.name}",
            created_by=managers[0],
            count=letters_per_wijk,
            area=wijk,
        )
        # The codes themselves are random; which letter is used does not matter.
        for letter in letters[: round(letters_per_wijk * plan.letters_used)]:
            choices = _choices_for(plan, rng, on_ballot, weights_for(wijk.pk))
            voting.cast_with_code(
                budget=budget,
                code=letter["code"],
                choices=choices,
                at=moment(),
                projects=on_ballot,
            )

    clerks = managers[:2]
    if len(clerks) == 2:
        for number in range(1, sheets + 1):
            wijk = budget.area or rng.choice(ctx.districts)
            choices = _choices_for(plan, rng, on_ballot, weights_for(wijk.pk))
            sheet = f"{number:04d}"
            at = phase.starts_at + (end - phase.starts_at) * rng.uniform(0.5, 1)
            for clerk in clerks:
                paper.enter_sheet(budget=budget, sheet=sheet, choices=choices, user=clerk, at=at)


def for_voting(budget: Budget) -> Budget:
    """The budget as the voting services read it, with its process's phases loaded once (they
    look up the vote phase for every ballot)."""
    return (
        Budget.objects.select_related("process", "area")
        .prefetch_related("process__phases")
        .get(pk=budget.pk)
    )
