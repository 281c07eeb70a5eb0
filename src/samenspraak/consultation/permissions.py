"""Who may do what with input. Services and views ask here; tested as a role × phase matrix."""

from samenspraak.accounts.models import Role
from samenspraak.consultation.models import SUBMIT_INPUT, SUPPORT
from samenspraak.dialogue.models import COMMENT
from samenspraak.processes.phases import phase_allows

#: May answer input, assign owners and move input into progress.
ANSWER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)
#: May type in input received on paper, by phone, at a meeting or by e-mail.
REGISTER_ROLES = (Role.PROCESS_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR)


def _is_resident(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.RESIDENT)


def can_submit(user, phase, at=None) -> bool:
    """Residents submit input while a collect phase runs."""
    return _is_resident(user) and phase is not None and phase_allows(phase, SUBMIT_INPUT, at)


def can_support(user, input, at=None) -> bool:
    """Residents support someone else's input while its phase allows support."""
    if not _is_resident(user) or input.author_id == user.pk:
        return False
    return phase_allows(input.phase, SUPPORT, at)


def can_comment(user, input, at=None) -> bool:
    """Residents comment while the phase allows comments; staff may always take part."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.role != Role.RESIDENT:
        return user.has_role(Role.PROCESS_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR)
    return phase_allows(input.phase, COMMENT, at)


def can_answer(user, input=None) -> bool:
    """Process managers and administrators answer input, in any phase (also after it)."""
    return bool(user and user.is_authenticated and user.has_role(*ANSWER_ROLES))


def can_view_inputs(user, process) -> bool:
    """A process's input pages are public once it is published; staff who answer see drafts."""
    return process.is_published or can_answer(user)


def can_view_input(user, input) -> bool:
    """Does the input's own page show it to `user`? (Its process, in this municipality.)"""
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    return (
        municipality is not None
        and input.process.municipality_id == municipality.pk
        and can_view_inputs(user, input.process)
    )


def can_register_offline(user, process=None) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*REGISTER_ROLES))


def can_use_inbox(user) -> bool:
    return can_answer(user)
