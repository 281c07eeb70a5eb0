"""Budgeting models, one module per concern (each has its own owner while it grows).

- budgets: Budget (an amount to spend, its ballot and its rule) and BudgetProject (a proposal);
- voting: the secret ballots, the register of who voted, vote codes and paper entries;
- results: the computed and published outcome, and its background computation.
"""

from samenspraak.budgeting.models.budgets import (  # noqa: F401
    RULE_EXPLANATIONS,
    BallotType,
    Budget,
    BudgetProject,
    Feasibility,
    OutcomeRule,
)
from samenspraak.budgeting.models.results import (  # noqa: F401
    BudgetResult,
    ComputationStage,
    ComputationState,
    ResultComputation,
)
from samenspraak.budgeting.models.voting import (  # noqa: F401
    Ballot,
    BallotChannel,
    BallotChoice,
    CodeBatch,
    PaperEntry,
    VoteCode,
    VoterRegister,
)
