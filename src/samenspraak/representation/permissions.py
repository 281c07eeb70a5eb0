"""Who may do what with representativeness figures.

- Answering the questions about yourself: residents who are logged in, on a published process,
  once per process. Staff act for the municipality and do not answer.
- Targets, paper counts, CBS import, the staff figures and publishing them: process managers and
  administrators (staff pages, so after the second factor).
- The public figures of a process: everyone, once a manager published them (cells under 10
  hidden as everywhere); managers always.
"""

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role, is_staff_member

MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def can_manage(user) -> bool:
    return has_role(user, *MANAGER_ROLES)


def can_answer(user, process) -> bool:
    if user is None or not user.is_authenticated or is_staff_member(user):
        return False
    return process.is_published


def can_view_figures(user, process, published: bool) -> bool:
    if can_manage(user):
        return True
    return process.is_published and published
