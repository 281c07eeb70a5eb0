"""Start-up checks: every phase kind stored in the database is declared by an installed app;
the steps other apps add to the wizard follow one of its own steps and take no key of its own."""

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


@checks.register()
def check_wizard_steps(app_configs=None, **kwargs):
    from samenspraak.core import components
    from samenspraak.processes.wizard import ANCHORS, OWN_KEYS

    errors = []
    for manifest in components.manifests():
        for step in manifest.wizard_steps:
            if not isinstance(step, components.WizardStep):
                continue  # core.E016 says so
            if step.after not in ANCHORS:
                errors.append(
                    checks.Error(
                        f"Wizard step {step.key!r} of {manifest.app!r} follows {step.after!r}, "
                        "which is no step another app may follow.",
                        hint=f"Name one of {', '.join(ANCHORS)}.",
                        id="processes.E002",
                    )
                )
            if step.key in OWN_KEYS:
                errors.append(
                    checks.Error(
                        f"Wizard step {step.key!r} of {manifest.app!r} takes the key of one of "
                        "the wizard's own steps.",
                        id="processes.E003",
                    )
                )
    return errors
