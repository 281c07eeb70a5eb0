"""What budgeting holds about a person, for "Mijn gegevens" and account erasure.

Votes: only THAT the person voted (in which budget, on which day, by which channel), read from
the voter register. Never what: the ballot is secret, also to us, and nothing here reads it.
Proposals are consultation inputs (their text and author are consultation's); here only the
budget facts. What staff did (vote-code batches, paper ballot entries, publishing a result)
stays as the municipality's work, without the staff member.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.accounts import privacy
from samenspraak.budgeting.models import BudgetProject, BudgetResult, CodeBatch, VoterRegister
from samenspraak.budgeting.models.voting import PaperEntry


def export(user) -> dict:
    return {
        "votes": [
            {
                "process": row.budget.process.title,
                "budget": row.budget.title,
                "channel": row.channel,
                "voted_on": row.voted_on.isoformat(),
            }
            for row in VoterRegister.objects.filter(user=user)
            .select_related("budget__process")
            .order_by("voted_on", "pk")
        ],
        "proposals": [
            {
                "budget": p.budget.title,
                "title": p.input.title,
                "estimated_cost": str(p.estimated_cost),
                "feasibility": p.feasibility,
            }
            for p in BudgetProject.objects.filter(input__author=user)
            .select_related("budget", "input")
            .order_by("pk")
        ],
        "vote_code_batches_created": [
            {"budget": b.budget.title, "label": b.label, "created_at": b.created_at.isoformat()}
            for b in CodeBatch.objects.filter(created_by=user)
            .select_related("budget")
            .order_by("created_at", "pk")
        ],
        # Which sheets a staff member typed in, never the choices on them.
        "paper_ballots_entered": [
            {"budget": e.budget.title, "sheet": e.sheet, "entered_at": e.entered_at.isoformat()}
            for e in PaperEntry.objects.filter(entered_by=user)
            .select_related("budget")
            .order_by("entered_at", "pk")
        ],
        "results_published": [
            {
                "budget": r.budget.title,
                "published_at": r.published_at.isoformat() if r.published_at else None,
            }
            for r in BudgetResult.objects.filter(published_by=user)
            .select_related("budget")
            .order_by("pk")
        ],
    }


def erase(user) -> None:
    # The register keeps the row (turnout stays right) without the person.
    VoterRegister.objects.filter(user=user).update(user=None)
    CodeBatch.objects.filter(created_by=user).update(created_by=None)
    PaperEntry.objects.filter(entered_by=user).update(entered_by=None)
    BudgetResult.objects.filter(published_by=user).update(published_by=None)


def handler():
    return privacy.handler(
        "budgeting",
        label=_("Voorstellen en stemmen over budgetten"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "budgeting.VoterRegister.user",
            "budgeting.CodeBatch.created_by",
            "budgeting.PaperEntry.entered_by",
            "budgeting.BudgetResult.published_by",
        ],
    )
