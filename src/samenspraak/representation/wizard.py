"""Representation's step in the process wizard: the targets for who should take part, set while
the process is designed (core.components.WizardStep; processes shows it, this app stores it)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samenspraak.representation import permissions, selectors, services
from samenspraak.representation.forms import TargetForm


def target_form(process, data=None) -> TargetForm:
    return TargetForm(data, areas=selectors.process_areas(process))


def target_save(request, process, form: TargetForm) -> str:
    """Through the same service as the representation page: permission and audit log there."""
    services.target_add(
        actor=request.user, process=process, request=request, **form.target_fields()
    )
    return _("Het doel is opgeslagen. U kunt nog een doel toevoegen, of verder gaan.")


def target_context(process) -> dict:
    """The process's targets with the name of their group. Three queries, however many."""
    areas = selectors.process_areas(process)
    return {
        "targets": [
            {
                "target": target,
                "label": selectors.group_label(target.characteristic, target.value, areas),
            }
            for target in selectors.targets(process)
        ]
    }


def can_set_targets(user) -> bool:
    return permissions.can_manage(user)
