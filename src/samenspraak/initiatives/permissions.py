"""Who may do what with initiatives. Services and views ask here; tested as a role matrix.

- residents start initiatives and sign them (when their verified attributes allow: services);
- the clerk (griffie) checks initiatives, keeps the agenda queue and the meetings, enters paper
  signature lists and records the council's decisions;
- council members see the agenda queue and the meetings (to prepare), but change nothing;
  verified council members react in public and answer residents' questions;
- residents (logged in) ask council members questions on a process page;
- process managers and moderators have no part in this route.
"""

from samenspraak.accounts.models import Role
from samenspraak.initiatives.models import PUBLIC_STATUSES, QuestionState, Status

#: Keep the route: review, schedule, decide, meetings, paper lists.
CLERK_ROLES = (Role.CLERK, Role.ADMINISTRATOR)
#: See the agenda queue and the meetings.
COUNCIL_ROLES = (Role.CLERK, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_resident(user) -> bool:
    return _active(user) and user.role == Role.RESIDENT


def can_start(user) -> bool:
    return is_resident(user)


def is_clerk(user) -> bool:
    return _active(user) and user.has_role(*CLERK_ROLES)


def can_see_queue(user) -> bool:
    return _active(user) and user.has_role(*COUNCIL_ROLES)


def is_initiator(user, initiative, co_initiator_ids=()) -> bool:
    """The initiator, or a co-initiator (`co_initiator_ids`: their user ids, when known)."""
    if not _active(user):
        return False
    return initiative.initiator_id == user.pk or user.pk in co_initiator_ids


def can_view(user, initiative) -> bool:
    """Public once the clerk checked it (also when refused: the reason is public); before that
    only the initiator and the clerk see it. Co-initiators see it through `can_view_draft`."""
    if initiative.status in PUBLIC_STATUSES:
        return True
    return is_clerk(user) or is_initiator(user, initiative)


def can_edit(user, initiative) -> bool:
    """The initiator changes the text while it is a concept."""
    return initiative.status == Status.CONCEPT and is_initiator(user, initiative)


def can_comment(user, initiative) -> bool:
    """Residents discuss an initiative while it is public and not yet decided; staff may too."""
    if not _active(user) or initiative.status not in PUBLIC_STATUSES:
        return False
    if user.role != Role.RESIDENT:
        return user.has_role(Role.CLERK, Role.COUNCIL_MEMBER, Role.MODERATOR, Role.ADMINISTRATOR)
    return initiative.status not in (Status.DECIDED, Status.EXPIRED, Status.REFUSED)


def can_view_comment_target(user, initiative) -> bool:
    """What dialogue asks before showing a comment or its report page (the initiative's own
    page rule, in this municipality)."""
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    return (
        municipality is not None
        and initiative.municipality_id == municipality.pk
        and can_view(user, initiative)
    )


def can_ask_council(user) -> bool:
    """Residents who are logged in ask council members questions on a process page."""
    return is_resident(user)


def is_council_member(user) -> bool:
    """The council member's own page (their profile, if the clerk verified it, says more)."""
    return _active(user) and user.role == Role.COUNCIL_MEMBER


def can_answer(user, question, member) -> bool:
    """`member`: `user`'s verified profile (None: not verified). The member asked, or any
    member of the municipality for a question to all; once."""
    if member is None or not is_council_member(user) or question.answered_at is not None:
        return False
    if question.state != QuestionState.PUBLISHED:
        return False
    if question.to_all:
        return member.municipality_id == question.process.municipality_id
    return question.member_id == member.pk


def can_view_question(user, question) -> bool:
    """What dialogue asks before a report on a question: its process is public, here."""
    from samenspraak.organisations.selectors import current_municipality
    from samenspraak.processes.permissions import can_view_process

    municipality = current_municipality()
    return (
        municipality is not None
        and question.process.municipality_id == municipality.pk
        and can_view_process(user, question.process)
    )


#: Check residents' questions to the council when they are pre-moderated.
QUESTION_MODERATOR_ROLES = (Role.MODERATOR, Role.CLERK, Role.ADMINISTRATOR)


def can_moderate_questions(user) -> bool:
    return _active(user) and user.has_role(*QUESTION_MODERATOR_ROLES)
