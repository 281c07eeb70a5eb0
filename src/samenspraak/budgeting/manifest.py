"""What budgeting adds to the shared parts of the product (see core.components).

Budgeting's parts (budgets, proposals, voting, results) are sub-packages in the common shape;
this one module registers what all of them add.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.budgeting import events, mine, privacy, trace
from samenspraak.budgeting.actions import process_actions
from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.phases import PROPOSE, RESULTS, REVIEW, VOTE, VOTE_ACTION
from samenspraak.budgeting.proposals import sections as sections_proposals
from samenspraak.budgeting.proposals import services as proposals
from samenspraak.budgeting.results import sections as sections_results
from samenspraak.budgeting.results import services as results
from samenspraak.budgeting.voting import codes, paper
from samenspraak.budgeting.voting import sections as sections_voting
from samenspraak.consultation.models import SUBMIT_INPUT, SUPPORT
from samenspraak.core.components import Manifest, PageSection, PhaseAction, StaffLink
from samenspraak.core.trace import TimelineSource, TraceProvider
from samenspraak.dialogue.models import COMMENT
from samenspraak.processes.permissions import can_manage_processes
from samenspraak.processes.phases import PhaseKind

MANIFEST = Manifest(
    app="budgeting",
    process_templates=(
        "process_templates/burgerbegroting.json",
        "process_templates/buurtbudget.json",
    ),
    phase_actions=(PhaseAction(VOTE_ACTION, _("Stemmen over een budget")),),
    phase_kinds=(
        PhaseKind(
            key=PROPOSE,
            name=_("Projecten voorstellen"),
            description=_(
                "Inwoners stellen projecten voor met een geschatte prijs. Anderen steunen ze."
            ),
            allows=frozenset({SUBMIT_INPUT, SUPPORT, COMMENT}),
        ),
        PhaseKind(
            key=REVIEW,
            name=_("Toets op haalbaarheid"),
            description=_(
                "De gemeente bekijkt elk voorstel: kan het, en wat kost het? "
                "Bij elk voorstel staat het antwoord met de reden."
            ),
            allows=frozenset({COMMENT}),
        ),
        PhaseKind(
            key=VOTE,
            name=_("Stemmen"),
            description=_("Inwoners kiezen welke projecten van het budget worden uitgevoerd."),
            allows=frozenset({VOTE_ACTION}),
            decides=True,
        ),
        PhaseKind(
            key=RESULTS,
            name=_("Uitslag en uitvoering"),
            description=_(
                "De gemeente laat zien welke projecten geld krijgen, waarom, "
                "en hoe ver de uitvoering is."
            ),
        ),
    ),
    input_sections=(
        PageSection(
            "budgeting.project",
            template="budgeting/proposals/input_panel.html",
            context=sections_proposals._project_panel,
        ),
    ),
    process_sections=(
        PageSection(
            "budgeting.budgets",
            template="budgeting/proposals/section_budgets.html",
            context=sections_proposals._budgets_section,
            order=25,
        ),
        PageSection(
            "budgeting.voting",
            template="budgeting/voting/section.html",
            context=sections_voting._voting_section,
            order=25,
        ),
        PageSection(
            "budgeting.results",
            template="budgeting/results/section.html",
            context=sections_results._results_section,
            order=sections_results.ORDER,
        ),
    ),
    account_sections=(
        PageSection(
            "budgeting.proposals",
            template="budgeting/mine/proposals.html",
            context=mine.mine_proposals,
            order=50,
        ),
        PageSection(
            "budgeting.votes",
            template="budgeting/mine/votes.html",
            context=mine.mine_votes,
            order=55,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Een stemming over een budget nabootsen (Pabulib-bestand)"),
            "budgeting:pabulib_replay",
            permission=can_manage_processes,
            order=20,
        ),
    ),
    audit_actions={
        budget_services.AuditAction.CREATED: _("Budget gemaakt"),
        budget_services.AuditAction.CHANGED: _("Budget gewijzigd"),
        budget_services.AuditAction.DELETED: _("Budget verwijderd"),
        budget_services.AuditAction.LOCKED: _("Budget vastgezet voor de stemming"),
        proposals.AuditAction.REVIEWED: _("Project getoetst"),
        codes.AuditAction.CODES_GENERATED: _("Stemcodes aangemaakt"),
        paper.AuditAction.ENTERED: _("Papieren stembiljetten ingevoerd"),
        paper.AuditAction.COUNTED: _("Papieren stembiljetten geteld"),
        results.AuditAction.COMPUTED: _("Uitslag berekend"),
        results.AuditAction.PUBLISHED: _("Uitslag gepubliceerd"),
        # Recorded as a literal by results.views.result_export.
        "budgeting.result_exported": _("Uitslag gedownload (Pabulib)"),
    },
    privacy=(privacy.handler(),),
    process_actions=(process_actions,),
    demo_chapters="samenspraak.budgeting.demo_data",
    event_types=events.EVENT_TYPES,
    trace_providers=(
        TraceProvider(
            "budgeting.project",
            origin="budgeting.BudgetProject",
            steps=trace.project_trace,
            order=10,
        ),
        # A project is proposed as an Input: its page shows whether the vote chose it too.
        TraceProvider(
            "budgeting.input_outcome",
            origin="consultation.Input",
            steps=trace.input_trace,
            order=50,
        ),
    ),
    area_timeline=(TimelineSource("budgeting.funded", entries=trace.area_timeline),),
    api_urls="samenspraak.budgeting.api.urls",
)
