"""What a resident should find on a process's budgets.

- `process_actions` (declared in budgeting's manifest; shown at the top of the process page):
  propose a project while a proposal phase runs, vote while a vote phase runs. A fixed number
  of queries: the budgets, and for a logged-in visitor their votes and the ballot's checks.
- `attach_fates`: once a budget's result is published, each project's fate in one B1 sentence
  (chosen or not, the votes, and why), from the result's tally and explanations (one query).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspraak.budgeting import permissions
from samenspraak.budgeting.budgets import selectors as budget_selectors
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.budgeting.results.explain import explain
from samenspraak.budgeting.results.selectors import published_result
from samenspraak.budgeting.voting.ballot import eligibility_problem
from samenspraak.budgeting.voting.selectors import voted_budget_ids
from samenspraak.core.components import ProcessAction


def process_actions(request, process, budget=None):
    """The actions on the process's budgets; with `budget` only that budget's (the budget page,
    where "propose" preselects the budget)."""
    now = timezone.now()
    running = {
        p.kind: p for p in process.phases.all() if p.kind in (PROPOSE, VOTE) and p.is_active(now)
    }
    if not running:
        return []
    budgets = [budget] if budget is not None else list(budget_selectors.process_budgets(process))
    if not budgets:
        return []
    user = request.user
    actions = []
    propose = running.get(PROPOSE)
    if propose is not None and (
        not user.is_authenticated or permissions.can_propose(user, propose)
    ):
        url = reverse("budgeting:project_submit", args=[process.slug])
        if budget is not None:
            url = f"{url}?budget={budget.pk}"
        actions.append(ProcessAction(_("Stel een project voor"), url, until=propose.last_day))
    vote = running.get(VOTE)
    if vote is not None:
        voted = voted_budget_ids(user, budgets)
        for budget in budgets:
            if budget.pk in voted:
                label = _("Uw keuze wijzigen: %(budget)s")
            elif user.is_authenticated and eligibility_problem(user, budget):
                continue
            else:
                label = _("Stem nu: %(budget)s")
            url = reverse("budgeting:ballot", args=[budget.pk])
            actions.append(
                ProcessAction(label % {"budget": budget.title}, url, until=vote.last_day)
            )
    return actions


#: Explanation reasons (budgeting.results.explain) that mean: the money ran out before this project.
NO_MONEY_LEFT = {"does_not_fit", "group_full", "stopped"}


def _fate(result, project) -> dict | None:
    key = str(project.pk)
    tally = (result.tally or {}).get("projects", {})
    if key not in tally and project.pk not in result.selected:
        return None  # not on the ballot
    votes = int(tally.get(key, {}).get("votes", 0))
    facts = (result.explanations or {}).get(key) or {}
    funded = project.pk in result.selected
    if funded:
        sentence = ngettext(
            "Dit project is gekozen: %(n)s persoon stemde erop en er was nog genoeg geld over.",
            "Dit project is gekozen: %(n)s mensen stemden erop en er was nog genoeg geld over.",
            votes,
        ) % {"n": votes}
    elif facts.get("reason") == "below_threshold":
        sentence = _("Dit project is niet gekozen: er stemden te weinig mensen op.")
    elif facts.get("reason") == "withdrawn":
        sentence = _("Dit project is teruggetrokken.")
    else:
        sentence = _(
            "Dit project is niet gekozen: er was niet genoeg geld meer over voor dit project."
        )
    detail = explain(
        result.rule,
        facts,
        vote_type=(result.tally or {}).get("vote_type", "approval"),
        votes=votes,
        cost=project.cost,
    )
    return {"funded": funded, "votes": votes, "sentence": sentence, "detail": detail}


def attach_fates(budget, projects) -> None:
    """Set `project.fate` (dict: funded, votes, sentence, detail; None before the result is
    published or for a project that was not on the ballot). One query."""
    result = published_result(budget)
    for project in projects:
        project.fate = _fate(result, project) if result is not None else None
