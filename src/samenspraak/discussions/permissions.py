"""Who may do what in discussion spaces.

- Reading spaces and threads: everyone (they are the municipality's public conversations).
- Opening a thread: logged-in, active people while the space is open.
- Commenting (dialogue asks through the view rule): while the thread and its space are open.
- Following: logged-in people.
- Community managers (moderators, process managers, administrators): create and edit spaces,
  close and reopen threads, pin them, write the summary.
"""

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role

COMMUNITY_MANAGER_ROLES = (Role.MODERATOR, Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def is_community_manager(user) -> bool:
    return has_role(user, *COMMUNITY_MANAGER_ROLES)


def can_view(user, obj) -> bool:
    """Spaces and threads are public."""
    return True


def can_start_thread(user, space) -> bool:
    return bool(user and user.is_authenticated and user.is_active and space.is_open)


def comments_open(thread) -> bool:
    return thread.is_open and thread.space.is_open


def can_comment(user, thread) -> bool:
    """Dialogue's comment rule (only asked for logged-in, active people)."""
    return comments_open(thread)


def can_follow(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)
