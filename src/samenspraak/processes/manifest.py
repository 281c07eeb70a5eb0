"""What processes adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import Manifest, PageSection, SearchProvider, StaffLink
from samenspraak.core.trace import TimelineSource
from samenspraak.processes import events, permissions, phases, privacy, sections, selectors
from samenspraak.processes.services import AuditAction

MANIFEST = Manifest(
    app="processes",
    phase_kinds=(phases.INFORM, phases.DECIDE, phases.EVALUATE),
    home_sections=(
        PageSection(
            "processes.running",
            template="processes/sections/home_running.html",
            context=sections.running,
            order=10,
        ),
    ),
    area_sections=(
        PageSection(
            "processes.memory",
            template="processes/sections/area_memory.html",
            context=sections.memory,
            order=10,
        ),
    ),
    search_providers=(
        SearchProvider(
            "processes.processes",
            _("Participatieprocessen"),
            search=selectors.search_results,
            matches=selectors.search_matches,
            template="processes/search_result.html",
            order=10,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Participatieprocessen maken en beheren"),
            "processes:manage_list",
            permission=permissions.can_manage_processes,
            order=10,
        ),
        StaffLink(
            _("Processjablonen"),
            "processes:manage_templates",
            permission=permissions.can_manage_processes,
            order=11,
        ),
        StaffLink(
            _("Participatiekalender: hoe vaak vragen we een gebied iets?"),
            "processes:manage_calendar",
            permission=permissions.can_manage_processes,
            order=12,
        ),
    ),
    audit_actions={
        AuditAction.PROCESS_CREATED: _("Proces gemaakt"),
        AuditAction.PROCESS_UPDATED: _("Proces gewijzigd"),
        AuditAction.PROCESS_PUBLISHED: _("Proces gepubliceerd"),
        AuditAction.PROCESS_UNPUBLISHED: _("Proces teruggezet naar concept"),
        AuditAction.PROCESS_OUTCOME: _("Uitkomst van proces vastgelegd"),
        AuditAction.PHASE_ADDED: _("Fase toegevoegd"),
        AuditAction.PHASE_UPDATED: _("Fase gewijzigd"),
        AuditAction.PHASE_DELETED: _("Fase verwijderd"),
        AuditAction.TEMPLATE_SAVED: _("Processjabloon opgeslagen"),
        AuditAction.TEMPLATE_IMPORTED: _("Processjabloon ingelezen"),
        AuditAction.STARTED_FROM_TEMPLATE: _("Proces gestart vanuit sjabloon"),
    },
    privacy=(privacy.handler(),),
    demo_chapters="samenspraak.processes.demo_data",
    event_types=events.EVENT_TYPES,
    clocks=(("processes.phases", "samenspraak.processes.services.phase_clock"),),
    area_timeline=(TimelineSource("processes.processes", entries=selectors.area_timeline),),
    api_urls="samenspraak.processes.api.urls",
)
