"""Who may do what with budgets and proposals. Services and views ask here; tested as a
role × phase matrix in tests/test_proposals_permissions.py."""

from samenspraak.accounts.models import Role
from samenspraak.budgeting.phases import PROPOSE
from samenspraak.consultation import permissions as consultation_permissions
from samenspraak.consultation.models import SUBMIT_INPUT
from samenspraak.processes.permissions import can_manage_process
from samenspraak.processes.phases import phase_allows


def _is_resident(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.RESIDENT)


def can_manage_budgets(user, process) -> bool:
    """Process managers and administrators set up the budgets of a process."""
    return bool(user and user.is_authenticated and can_manage_process(user, process))


def can_propose(user, phase, at=None) -> bool:
    """Residents propose projects while a proposal phase runs."""
    return (
        _is_resident(user)
        and phase is not None
        and phase.kind == PROPOSE
        and phase_allows(phase, SUBMIT_INPUT, at)
    )


def can_review(user, process=None) -> bool:
    """The feasibility review is published as an official answer: the same people give it
    (process managers and administrators), in any phase until the vote locks the budget."""
    return consultation_permissions.can_answer(user) and (
        process is None or can_manage_process(user, process)
    )


def can_support(user, project, at=None) -> bool:
    """Supporting a project is supporting its Input (consultation's rule: residents, not the
    author, while the phase allows support)."""
    return consultation_permissions.can_support(user, project.input, at)
