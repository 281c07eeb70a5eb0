"""The demo's budgets: what each is for, its ballot and rule, its projects and its turnout; and
where the two processes stand today."""

from __future__ import annotations

from dataclasses import dataclass

from samenspraak.budgeting.demo_data.projects import (
    CENTRUM_PROJECTS,
    CITY_PROJECTS,
    OOST_PROJECTS,
    WEST_PROJECTS,
)
from samenspraak.budgeting.models import BallotType, OutcomeRule


@dataclass(frozen=True)
class BudgetPlan:
    title: str
    description: str
    wijk: str | None  # None: the whole town
    amount: int
    ballot_type: str
    rule: str
    projects: list
    max_choices: int | None = None
    points: int | None = None
    #: Turnout: the share of eligible account holders who vote online; letters with a vote code
    #: (per wijk for a city-wide budget) and the share of them used; paper ballots.
    online_share: float = 0.5
    letters: int = 0
    letters_used: float = 0.0
    paper: int = 0


PLANS = [
    BudgetPlan(
        title="Voor de hele stad",
        description="Projecten voor heel Voorbeeldstad. U kiest hoogstens vijf projecten.",
        wijk=None,
        amount=500_000,
        ballot_type=BallotType.APPROVAL,
        max_choices=5,
        rule=OutcomeRule.MES_ADD1_GREEDY,
        projects=CITY_PROJECTS,
        online_share=0.55,
        letters=30,
        letters_used=0.33,
        paper=30,
    ),
    BudgetPlan(
        title="Wijkbudget Oost",
        description="Projecten voor de wijk Oost. Kies projecten tot het geld op is.",
        wijk="oost",
        amount=100_000,
        ballot_type=BallotType.KNAPSACK,
        rule=OutcomeRule.GREEDY,
        projects=OOST_PROJECTS,
        online_share=0.6,
        letters=80,
        letters_used=0.33,
        paper=10,
    ),
    BudgetPlan(
        title="Wijkbudget West",
        description="Projecten voor de wijk West. Verdeel 10 punten over de projecten.",
        wijk="west",
        amount=60_000,
        ballot_type=BallotType.CUMULATIVE,
        points=10,
        rule=OutcomeRule.MES_ADD1_GREEDY,
        projects=WEST_PROJECTS,
        online_share=0.6,
        letters=80,
        letters_used=0.3,
        paper=8,
    ),
]


RUNNING_PLAN = BudgetPlan(
    title="Buurtbudget Centrum",
    description="Projecten voor de wijk Centrum. U kiest hoogstens drie projecten.",
    wijk="centrum",
    amount=40_000,
    ballot_type=BallotType.APPROVAL,
    max_choices=3,
    rule=OutcomeRule.MES_ADD1_GREEDY,
    projects=CENTRUM_PROJECTS,
    online_share=0.3,
    letters=60,
    letters_used=0.15,
)


#: The town size the turnout numbers of the plans are written for (the demo's default).
POPULATION = 300


CITY_TITLE = "Burgerbegroting Voorbeeldstad 2026"


#: Where the processes stand today, in days after their first day (see the templates' phases):
#: the city-wide vote closed three days ago (the result is published today); the Centrum vote
#: opened six days ago.
CITY_DAY_TODAY = 105 + 3


RUNNING_DAY_TODAY = 63 + 6
