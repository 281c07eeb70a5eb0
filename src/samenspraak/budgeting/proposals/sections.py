"""Sections the budgeting proposals part adds to pages of lower apps: on a process page, its
budgets (amount, area, ballot in plain words), their most supported projects and a link to
propose while the proposal phase runs. Staff also see the link to the budget setup."""

from samenspraak.budgeting import permissions
from samenspraak.budgeting.budgets import selectors as budget_selectors
from samenspraak.budgeting.phases import PROPOSE, RESULTS, REVIEW, VOTE
from samenspraak.budgeting.proposals import selectors as proposals
from samenspraak.dialogue.selectors import hidden_rules_for

BUDGETING_KINDS = {PROPOSE, REVIEW, VOTE, RESULTS}


def _budgets_section(request, process):
    """Three queries: budgets with project counts, the top projects of all budgets, and which of
    those a moderator hid."""
    has_phase = any(phase.kind in BUDGETING_KINDS for phase in process.phases.all())
    can_manage = permissions.can_manage_budgets(request.user, process)
    if not has_phase:
        return None
    budgets = list(budget_selectors.process_budgets(process))
    if not budgets and not can_manage:
        return None
    top = proposals.top_projects(budgets)
    hidden = hidden_rules_for([p.input for projects in top.values() for p in projects])
    for projects in top.values():
        for project in projects:
            project.input.hidden = project.input_id in hidden
    for budget in budgets:
        budget.ballot_text = budget_selectors.ballot_description(budget)
        budget.top = top.get(budget.pk, [])
    phase = proposals.propose_phase(process)
    user = request.user
    return {
        "process": process,
        "budgets": budgets,
        "phase": phase,
        "can_propose": bool(budgets)
        and phase is not None
        and (not user.is_authenticated or permissions.can_propose(user, phase)),
        "can_manage": can_manage,
    }


def _project_panel(request, input):
    """On an input's page (consultation), the project facts when the input is a proposal. No
    query for other input; one for a proposal."""
    if input.phase.kind != PROPOSE:
        return None
    project = proposals.project_for_input(input)
    if project is None:
        return None
    return {"project": proposals.decorate(project), "process": input.process}
