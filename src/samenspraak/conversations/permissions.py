"""Who may do what in a conversation.

- Voting and adding statements: logged-in residents while the conversation's phase runs (process
  published). Staff act for the municipality and do not vote.
- Seeding, moderating statements, importing and exporting Polis data: process managers and
  administrators.
- The opinion groups: everyone who may see the (published) process.
"""

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role, is_staff_member
from samenspraak.conversations.models import VOTE
from samenspraak.processes.phases import phase_allows

MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def can_manage(user) -> bool:
    return has_role(user, *MANAGER_ROLES)


def can_vote(user, conversation, at=None) -> bool:
    if user is None or not user.is_authenticated or is_staff_member(user):
        return False
    return phase_allows(conversation.phase, VOTE, at)


def can_add_statement(user, conversation, at=None) -> bool:
    return conversation.allow_statements and can_vote(user, conversation, at)


def can_view(user, conversation) -> bool:
    return conversation.process.is_published or is_staff_member(user)
