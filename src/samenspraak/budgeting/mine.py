"""Budgeting's sections of Mijn Samenspraak (declared in budgeting's manifest).

- `mine_proposals`: the projects the person proposed, with the review (feasibility and the
  municipality's answer) and, once the result is published, the project's fate in one sentence.
- `mine_votes`: the budgets the person voted on, as far as ballot secrecy allows
  (docs/ballot-secrecy.md). The register (`VoterRegister`) says *that* they voted, never what;
  this section reads only the register. While the vote is open the person can open their own
  ballot (found by its voter key, on the ballot page) to see or change it; after the close
  nothing ties them to a ballot, and nothing here says what they chose.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting.actions import _fate
from samenspraak.budgeting.models import BallotChannel, BudgetProject, BudgetResult, VoterRegister
from samenspraak.budgeting.voting import vote_is_open, vote_phase
from samenspraak.core.registry import account_items


def _published_results(budget_ids) -> dict[int, BudgetResult]:
    """{budget id: published result} for these budgets (one query, none for no budgets)."""
    if not budget_ids:
        return {}
    results = BudgetResult.objects.filter(budget_id__in=set(budget_ids), published_at__isnull=False)
    return {result.budget_id: result for result in results}


def mine_proposals(user):
    """Two queries: the projects (input, answer, budget and process joined) and the published
    results of their budgets."""
    projects, more = account_items(
        BudgetProject.objects.filter(input__author=user)
        .select_related("budget__process", "input__answer", "input__phase")
        .order_by("-input__created_at", "-pk")
    )
    if not projects:
        return None
    results = _published_results([p.budget_id for p in projects])
    for project in projects:
        result = results.get(project.budget_id)
        project.fate = _fate(result, project) if result is not None else None
        project.result_published = result is not None
        project.viewable = project.budget.process.is_published
    return {
        "heading": _("Mijn projecten voor een budget"),
        "anchor": "mijn-projecten",
        "projects": projects,
        "more": more,
    }


def mine_votes(user):
    """Two queries: the person's register rows (budget and process joined, with the process's
    phases prefetched) and the published results. Never a ballot."""
    rows, more = account_items(
        VoterRegister.objects.filter(user=user)
        .select_related("budget__process")
        .prefetch_related("budget__process__phases")
        .order_by("-voted_on", "-pk")
    )
    if not rows:
        return None
    results = _published_results([row.budget_id for row in rows])
    now = timezone.now()
    votes = []
    for row in rows:
        budget = row.budget
        is_open = vote_is_open(budget, now)
        phase = vote_phase(budget, now)
        votes.append(
            {
                "budget": budget,
                "process": budget.process,
                "voted_on": row.voted_on,
                "channel": row.get_channel_display(),
                # Only a ballot cast with the account carries the key that finds it again.
                "can_change": is_open and row.channel == BallotChannel.ONLINE,
                "open": is_open,
                "until": phase.last_day if phase is not None and is_open else None,
                "result_published": budget.pk in results,
                "viewable": budget.process.is_published,
            }
        )
    return {"heading": _("Mijn stemmen"), "anchor": "mijn-stemmen", "votes": votes, "more": more}
