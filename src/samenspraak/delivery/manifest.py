"""What delivery adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import Manifest, PageSection, SearchProvider, StaffLink
from samenspraak.core.trace import TimelineSource, TraceProvider
from samenspraak.delivery import events, permissions, privacy, sections, selectors
from samenspraak.delivery.services import AuditAction

MANIFEST = Manifest(
    app="delivery",
    home_sections=(
        PageSection(
            "delivery.home",
            template="delivery/sections/home.html",
            context=sections.home,
            order=35,
        ),
    ),
    area_sections=(
        PageSection(
            "delivery.area",
            template="delivery/sections/area.html",
            context=sections.area,
            order=40,
        ),
    ),
    search_providers=(
        SearchProvider(
            "delivery.projects",
            _("Uitvoering"),
            search=selectors.search_results,
            matches=selectors.search_matches,
            template="delivery/search_result.html",
            order=50,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Uitvoeringsprojecten bijhouden"),
            "delivery:manage",
            permission=permissions.can_manage,
            order=70,
        ),
        StaffLink(
            _("Dashboard uitvoering"),
            "delivery:dashboard",
            permission=permissions.can_manage,
            order=71,
        ),
    ),
    # The services record these names (delivery.services.AuditAction).
    audit_actions={
        AuditAction.CREATED: _("Uitvoeringsproject gemaakt"),
        AuditAction.CHANGED: _("Uitvoeringsproject gewijzigd"),
        AuditAction.STATUS_CHANGED: _("Status van uitvoeringsproject gewijzigd"),
        AuditAction.MILESTONE_SAVED: _("Mijlpaal opgeslagen"),
        AuditAction.MILESTONE_DELETED: _("Mijlpaal verwijderd"),
        AuditAction.UPDATE_POSTED: _("Bericht over de uitvoering geplaatst"),
        AuditAction.UPDATE_DELETED: _("Bericht over de uitvoering verwijderd"),
        AuditAction.ORIGIN_ADDED: _("Herkomst aan uitvoeringsproject toegevoegd"),
        AuditAction.ORIGIN_REMOVED: _("Herkomst van uitvoeringsproject verwijderd"),
    },
    privacy=(privacy.handler(),),
    demo_chapters="samenspraak.delivery.demo_data",
    api_urls="samenspraak.delivery.api.urls",
    event_types=events.EVENT_TYPES,
    trace_providers=(
        TraceProvider("delivery.inputs", origin="consultation.Input", steps=selectors.input_steps),
        TraceProvider(
            "delivery.budget_projects",
            origin="budgeting.BudgetProject",
            steps=selectors.budget_project_steps,
        ),
        TraceProvider(
            "delivery.initiatives",
            origin="initiatives.Initiative",
            steps=selectors.initiative_steps,
        ),
        TraceProvider(
            "delivery.decisions",
            origin="initiatives.CouncilDecision",
            steps=selectors.decision_steps,
        ),
    ),
    area_timeline=(TimelineSource("delivery.projects", entries=selectors.area_timeline),),
)
