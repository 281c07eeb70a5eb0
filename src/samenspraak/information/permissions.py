"""Who may do what with a process's information. Reading is for everyone once the process is
published; managing (updates, documents, FAQ) is for process managers and administrators.
Information is not tied to a phase: these rules hold before, during and after every phase."""

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role

MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def can_manage_information(user, process) -> bool:
    """Write updates, documents and questions of this process."""
    return has_role(user, *MANAGER_ROLES)


def can_read_information(user, process) -> bool:
    return process.is_published or can_manage_information(user, process)


def can_follow(user, process) -> bool:
    """Any logged-in person may follow a published process (and stop following it)."""
    return bool(user and user.is_authenticated and process.is_published)
