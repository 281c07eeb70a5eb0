"""Sections the budgeting voting part adds to pages of lower apps.

On a process page, while its vote phase runs: per budget "Stem nu" (or why this person cannot
vote), or "U heeft gestemd (wijzigen kan tot ...)"; for process managers, whenever the process
has a vote phase, the way to turnout, vote codes and paper ballots. Fixed queries: budgets, the
person's register rows, and the eligibility checks of the proposals part.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting import voting
from samenspraak.budgeting.models import Budget
from samenspraak.budgeting.phases import VOTE
from samenspraak.processes.permissions import can_manage_process


def _voting_section(request, process):
    now = timezone.now()
    vote_phases = [p for p in process.phases.all() if p.kind == VOTE]
    phase = next((p for p in vote_phases if p.starts_at <= now < p.ends_at), None)
    manager = bool(vote_phases) and can_manage_process(request.user, process)
    if phase is None and not manager:
        return None
    budgets = list(Budget.objects.filter(process=process).select_related("area", "process"))
    if not budgets:
        return None
    user = request.user
    voted = voting.voted_budget_ids(user, budgets)
    if phase is None:  # staff only: the way to codes, paper ballots and turnout
        return {
            "process": process,
            "phase": None,
            "rows": [{"budget": b} for b in budgets],
            "manager": True,
        }
    rows = []
    for budget in budgets:
        problem = None
        if budget.pk not in voted and user.is_authenticated:
            problem = voting.eligibility_problem(user, budget)
        rows.append({"budget": budget, "voted": budget.pk in voted, "problem": problem})
    return {
        "process": process,
        "phase": phase,
        "ends": timezone.localtime(phase.ends_at),
        "rows": rows,
        "anonymous": not user.is_authenticated,
        "manager": manager,
        "title": _("Stemmen"),
    }
