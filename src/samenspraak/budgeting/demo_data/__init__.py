"""Demo: Voorbeeldstad's participatory budgets, built through the budgeting services.

- "Burgerbegroting Voorbeeldstad 2026" (from the shipped template "burgerbegroting"), now in its
  results phase: a city-wide budget (approval, at most 5, Equal Shares) and two area budgets
  (Oost: knapsack, greedy; West: cumulative 10 points, Equal Shares), proposals by residents,
  supports, feasibility reviews (some not feasible, with the reason), some hundreds of ballots
  over the three channels (online with an account, vote codes from a letter, paper entered twice
  by two staff members) and computed, published results.
- "Buurtbudget Centrum" (from "buurtbudget"), now in its vote phase, so a visitor can vote with
  the verified demo resident (who lives in the Binnenstad, in Centrum, and has not voted yet).

How it is built: the services check the clock (a proposal only while the proposal phase runs, a
review only before the vote starts), so each process starts with its proposal phase running
today; residents propose and staff review through the services; then the process's phases are
moved back in time (through the process service) so that the vote is over (or running), the
ballots are cast through the voting services at a moment inside the vote phase, and the result is
computed and published through the results services. Finally the timestamps the services stamp
with "now" (submitted, answered, voted, published) are spread over the phases they belong to,
so the pages tell a consistent story.

Everything is drawn from the chapter's own seeded random generator, so the same seed gives the
same projects, reviews, ballots and results.

Modules: `projects` and `plans` (the data), `proposals` (processes, budgets, proposals and
reviews), `voting` (the ballots), `timeline` (the timestamps); the chapter itself is below.
"""

from __future__ import annotations

from samenspraak.budgeting import results
from samenspraak.budgeting.demo_data.plans import (
    CITY_DAY_TODAY,
    CITY_TITLE,
    PLANS,
    RUNNING_DAY_TODAY,
    RUNNING_PLAN,
)
from samenspraak.budgeting.demo_data.proposals import (
    budget_with_proposals,
    demo_managers,
    move_back,
    start_process,
)
from samenspraak.budgeting.demo_data.timeline import spread_timestamps
from samenspraak.budgeting.demo_data.voting import for_voting, vote
from samenspraak.core.demo_registry import chapter


@chapter("budgeting.budgets", order=600)
def budgets(ctx):
    managers = demo_managers(ctx)
    if len(managers) < 2 or not ctx.residents:
        return
    manager = managers[0]
    by_slug = {a.slug: a for a in ctx.areas}

    # The city-wide process: proposals and reviews today, then moved back so the vote is over.
    city = start_process(
        ctx, template_key="burgerbegroting", title=CITY_TITLE, areas=[], actor=manager
    )
    if city is not None:
        built = [(plan, *budget_with_proposals(ctx, city, plan, actor=manager)) for plan in PLANS]
        phases = move_back(city, CITY_DAY_TODAY - 1, actor=manager)
        city_budgets = []
        for plan, budget, eligible, home in built:
            budget = for_voting(budget)
            vote(ctx, budget, plan, eligible, home)
            city_budgets.append(budget)
            # In a tiny demo town (--residents) a budget may get no votes: no result then.
            if budget.ballots.exists():
                result = results.result_compute(budget, actor=manager)
                results.result_publish(result, actor=manager)
        spread_timestamps(ctx, city, phases)
        ctx.data["budget_processes"] = [city]
        ctx.data["budgets"] = city_budgets

    # A Buurtbudget whose vote runs now. The two hand-testing residents of the base chapter
    # (listed first; the verified one lives in the Binnenstad, in Centrum) have not voted.
    centrum = by_slug.get(RUNNING_PLAN.wijk)
    running = start_process(
        ctx,
        template_key="buurtbudget",
        title=RUNNING_PLAN.title,
        areas=[centrum] if centrum else [],
        actor=manager,
    )
    if running is not None and centrum is not None:
        budget, eligible, home = budget_with_proposals(ctx, running, RUNNING_PLAN, actor=manager)
        phases = move_back(running, RUNNING_DAY_TODAY - 1, actor=manager)
        budget = for_voting(budget)
        vote(ctx, budget, RUNNING_PLAN, eligible, home, skip={r.pk for r in ctx.residents[:2]})
        spread_timestamps(ctx, running, phases)
        ctx.data.setdefault("budget_processes", []).append(running)
        ctx.data["running_budget"] = budget
