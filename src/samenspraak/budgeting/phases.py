"""Budgeting's phase kinds and its phase action (declared in budgeting's manifest)."""

PROPOSE = "budgeting.propose"
REVIEW = "budgeting.review"
VOTE = "budgeting.vote"
RESULTS = "budgeting.results"

#: The phase action budgeting owns: voting on a budget.
VOTE_ACTION = "vote"
