"""What the assemblies app (burgerberaad: citizens' assemblies by fair lot) adds.

A phase kind "Burgerberaad" during which invited residents register with the code of their
letter; the section on the process page and "Meld u aan"; the staff page (addresses,
invitations and letters, quotas, the draw and its publication); the process template; the
registrations as personal data (export and erasure), deleted by the retention clock after the
assembly; the events; /api/v1/assemblies; the demo burgerberaad. The `panel-select` and
`panel-draw` commands run the engine (`sortition_engine`) on files.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.assemblies import events, permissions, privacy, sections
from samenspraak.assemblies.models import PHASE_KIND, REGISTER
from samenspraak.core.components import Manifest, PageSection, PhaseAction, StaffLink
from samenspraak.processes.phases import PhaseKind

MANIFEST = Manifest(
    app="assemblies",
    process_templates=("process_templates/burgerberaad.json",),
    phase_actions=(PhaseAction(REGISTER, _("Aanmelden voor een burgerberaad")),),
    phase_kinds=(
        PhaseKind(
            key=PHASE_KIND,
            name=_("Burgerberaad"),
            description=_(
                "Adressen krijgen door loting een uitnodiging. Wie wil, meldt zich aan met de "
                "code uit de brief. Uit de aanmeldingen loten we een groep die lijkt op alle "
                "inwoners."
            ),
            allows=frozenset({REGISTER}),
        ),
    ),
    process_sections=(
        PageSection(
            "assemblies.assembly",
            template="assemblies/process_section.html",
            context=sections.process_section,
            order=47,
        ),
    ),
    process_actions=(sections.process_actions,),
    staff_menu=(
        StaffLink(
            _("Burgerberaden: adressen, brieven, aanmeldingen en loting"),
            "assemblies:manage_list",
            permission=permissions.can_manage,
            order=47,
        ),
    ),
    # The services and tasks record these names as literals.
    audit_actions={
        "assemblies.created": _("Burgerberaad gemaakt"),
        "assemblies.updated": _("Burgerberaad gewijzigd"),
        "assemblies.quotas_saved": _("Quota van een burgerberaad opgeslagen"),
        "assemblies.addresses_uploaded": _("Adressenbestand van een burgerberaad geladen"),
        "assemblies.invitations_drawn": _("Uitnodigingen voor een burgerberaad verloot"),
        "assemblies.letters_downloaded": _("Brieven van een burgerberaad gedownload"),
        "assemblies.registration_closed": _("Aanmelden voor een burgerberaad gesloten"),
        "assemblies.seed_committed": _("Lotnummer van een burgerberaad vastgelegd"),
        "assemblies.draw_requested": _("Loting van een burgerberaad gestart"),
        "assemblies.published": _("Panel van een burgerberaad gepubliceerd"),
        "assemblies.registrations_erased": _("Aanmeldingen van een burgerberaad verwijderd"),
        "assemblies.outcome_letters_downloaded": _(
            "Brieven met de uitslag van een burgerberaad gedownload"
        ),
        "assemblies.outcome_called": _("Vrijwilliger gebeld over de uitslag van een burgerberaad"),
        "assemblies.outcome_call_undone": _(
            "Markering gebeld over de uitslag van een burgerberaad weggehaald"
        ),
        "assemblies.registration_entered": _(
            "Aanmelding voor een burgerberaad ingevoerd door een medewerker"
        ),
    },
    privacy=(privacy.handler(),),
    event_types=events.EVENT_TYPES,
    subscribers=((events.PanelPublished, "samenspraak.assemblies.notifications.outcome_mail"),),
    clocks=(("assemblies.retention", "samenspraak.assemblies.tasks.retention_clock"),),
    api_urls="samenspraak.assemblies.api.urls",
    demo_chapters="samenspraak.assemblies.demo_data",
)
