"""What a visitor can do on a process's budgets right now (declared in budgeting's manifest as
`process_actions`; shown at the top of the process page): propose a project while a proposal
phase runs, vote while a vote phase runs. A fixed number of queries: the budgets, and for a
logged-in visitor their votes and the eligibility checks of the ballot."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.core.components import ProcessAction


def process_actions(request, process):
    from samenspraak.budgeting import budgets as budget_selectors
    from samenspraak.budgeting import permissions, voting

    now = timezone.now()
    running = {
        p.kind: p for p in process.phases.all() if p.kind in (PROPOSE, VOTE) and p.is_active(now)
    }
    if not running:
        return []
    budgets = list(budget_selectors.process_budgets(process))
    if not budgets:
        return []
    user = request.user
    actions = []
    propose = running.get(PROPOSE)
    if propose is not None and (
        not user.is_authenticated or permissions.can_propose(user, propose)
    ):
        url = reverse("budgeting:project_submit", args=[process.slug])
        actions.append(ProcessAction(_("Stel een project voor"), url, until=propose.last_day))
    vote = running.get(VOTE)
    if vote is not None:
        voted = voting.voted_budget_ids(user, budgets)
        for budget in budgets:
            if budget.pk in voted:
                label = _("Uw keuze wijzigen: %(budget)s")
            elif user.is_authenticated and voting.eligibility_problem(user, budget):
                continue
            else:
                label = _("Stem nu: %(budget)s")
            url = reverse("budgeting:ballot", args=[budget.pk])
            actions.append(
                ProcessAction(label % {"budget": budget.title}, url, until=vote.last_day)
            )
    return actions
