"""Who may do what with delivery projects. Services and views ask here; tested as a role matrix.

- process managers and administrators keep the delivery projects (create, edit, milestones,
  updates, origins): they run the processes the projects come from;
- everyone sees public projects and the dashboard; a project that is not public only staff who
  keep projects see;
- residents, moderators, council members and the clerk change nothing here.
"""

from samenspraak.accounts.models import Role

#: Keep delivery projects.
MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage(user) -> bool:
    return _active(user) and user.has_role(*MANAGER_ROLES)


def can_view(user, project) -> bool:
    return project.is_public or can_manage(user)
