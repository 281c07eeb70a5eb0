"""What representation adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import Manifest, PageSection, StaffLink, WizardStep
from samenspraak.representation import events, permissions, privacy, sections, services, wizard

MANIFEST = Manifest(
    app="representation",
    process_sections=(
        PageSection(
            "representation.figures",
            template="representation/process_section.html",
            context=sections.process_section,
            order=80,
        ),
    ),
    process_actions=(sections.process_actions,),
    staff_menu=(
        StaffLink(
            _("Wie doen er mee: deelnemers en bevolking"),
            "representation:overview",
            permission=permissions.can_manage,
            order=75,
        ),
    ),
    audit_actions={
        services.PAPER_COUNTS_SAVED: _("Aantallen deelnemers op papier opgeslagen"),
        services.POPULATION_IMPORTED: _("Bevolkingscijfers van het CBS ingelezen"),
        services.TARGET_ADDED: _("Doel voor deelname toegevoegd"),
        services.TARGET_DELETED: _("Doel voor deelname verwijderd"),
        services.FIGURES_PUBLISHED: _("Cijfers over deelnemers openbaar gemaakt"),
        services.FIGURES_HIDDEN: _("Cijfers over deelnemers niet meer openbaar"),
    },
    privacy=(privacy.handler(),),
    demo_chapters="samenspraak.representation.demo_data",
    event_types=events.EVENT_TYPES,
    subscribers=((events.TargetLagging, "samenspraak.representation.notifications.lagging_alert"),),
    clocks=(("representation.targets", "samenspraak.representation.services.target_clock"),),
    wizard_steps=(
        WizardStep(
            "deelnemers",
            _("Wie doen mee"),
            template="representation/wizard_targets.html",
            form=wizard.target_form,
            save=wizard.target_save,
            context=wizard.target_context,
            after="fasen",
            permission=wizard.can_set_targets,
        ),
    ),
)
