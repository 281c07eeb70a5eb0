"""Who may manage participation processes: process managers and administrators.

Moderators, council members, clerks and residents read processes but do not design them.
Managing does not depend on the phase a process is in: a manager can correct a running
process (and record its outcome afterwards)."""

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role

MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def can_manage_processes(user) -> bool:
    return has_role(user, *MANAGER_ROLES)


def can_manage_process(user, process) -> bool:
    return can_manage_processes(user)


def can_view_process(user, process) -> bool:
    """Published processes are public; drafts only for those who manage processes."""
    return process.is_published or can_manage_process(user, process)


def can_record_outcome(user, process, at=None) -> bool:
    """The outcome is written once the process is past (all its phases have ended)."""
    from samenspraak.processes.selectors import process_is_past

    return can_manage_process(user, process) and process_is_past(process, at=at)
