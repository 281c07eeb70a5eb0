"""Start-up checks: every phase kind stored in the database is declared by an installed app."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def check_stored_phase_kinds(app_configs=None, databases=None, **kwargs):
    from samenspraak.processes.models import Phase
    from samenspraak.processes.phases import phase_kinds

    errors = []
    for alias in databases or []:
        try:
            stored = set(Phase.objects.using(alias).values_list("kind", flat=True).distinct())
        except DatabaseError:
            continue  # not migrated yet: nothing stored to check
        for key in sorted(stored - {kind.key for kind in phase_kinds.all()}):
            errors.append(
                checks.Error(
                    f"Phases of kind {key!r} exist, but no installed app declares that kind.",
                    hint="Install the app that provides it, or migrate those phases.",
                    obj="processes.Phase",
                    id="processes.E001",
                )
            )
    return errors
