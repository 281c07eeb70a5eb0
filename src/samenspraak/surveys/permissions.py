"""Who may do what with a survey.

- Responding: while the survey's phase runs (process published). Residents when logged in; anyone
  when the survey allows anonymous responses. Staff act for the municipality and do not respond.
- Building (survey and questions): process managers and administrators, until the phase starts;
  after that the questions are fixed so every response answers the same survey.
- Results: staff at any time; everyone else once the phase has ended.
- CSV export: staff only.
"""

from django.utils import timezone

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role, is_staff_member
from samenspraak.processes.phases import phase_allows
from samenspraak.surveys.models import SURVEY

MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def can_manage_surveys(user) -> bool:
    return has_role(user, *MANAGER_ROLES)


def can_respond(user, survey, at=None) -> bool:
    if not phase_allows(survey.phase, SURVEY, at):
        return False
    if user is not None and user.is_authenticated:
        return not is_staff_member(user)
    return survey.allow_anonymous


def can_edit(user, survey, at=None) -> bool:
    return can_manage_surveys(user) and survey.phase.is_upcoming(at or timezone.now())


def can_view_results(user, survey, at=None) -> bool:
    if is_staff_member(user):
        return True
    return survey.process.is_published and survey.phase.is_past(at or timezone.now())


def can_export(user) -> bool:
    return is_staff_member(user)
