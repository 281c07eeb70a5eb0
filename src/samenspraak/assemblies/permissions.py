"""Who may do what with a burgerberaad.

- Setting it up, the address file, invitations, letters, closing, the draw and publication:
  process managers and administrators (staff pages, behind the second factor).
- Registering: anyone with a valid code while the assembly's phase runs and registration is
  open; no account needed.
- The public page, the publication and the API: everyone, once the process is published; the
  lottery and the probabilities only after publication.
"""

from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import has_role, is_staff_member
from samenspraak.assemblies.models import REGISTER, Stage
from samenspraak.processes.phases import phase_allows

MANAGER_ROLES = (Role.PROCESS_MANAGER, Role.ADMINISTRATOR)


def can_manage(user) -> bool:
    return has_role(user, *MANAGER_ROLES)


def can_view(user, assembly) -> bool:
    return assembly.process.is_published or is_staff_member(user)


def registration_open(assembly, at=None) -> bool:
    return assembly.stage == Stage.INVITED and phase_allows(assembly.phase, REGISTER, at)


def can_see_publication(user, assembly) -> bool:
    return assembly.stage == Stage.PUBLISHED and can_view(user, assembly)
