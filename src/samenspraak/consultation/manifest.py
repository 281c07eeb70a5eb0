"""What consultation adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.consultation import events, permissions, privacy, sections, selectors
from samenspraak.consultation.models import COLLECT, SUBMIT_INPUT, SUPPORT
from samenspraak.consultation.services import AuditAction
from samenspraak.core.components import (
    Manifest,
    PageSection,
    PhaseAction,
    SearchProvider,
    StaffLink,
    ViewRule,
)
from samenspraak.core.trace import TimelineSource, TraceProvider
from samenspraak.dialogue.models import COMMENT
from samenspraak.processes.phases import PhaseKind

MANIFEST = Manifest(
    app="consultation",
    process_templates=(
        "process_templates/buurtagenda.json",
        "process_templates/ideeen-voor-het-plein.json",
        "process_templates/inspraak-op-een-raadsvoorstel.json",
    ),
    phase_actions=(
        # Every input gets an official answer within the process's answer period.
        PhaseAction(SUBMIT_INPUT, _("Inbreng geven"), promises_answer=True),
        PhaseAction(SUPPORT, _("Inbreng steunen")),
    ),
    phase_kinds=(
        PhaseKind(
            key=COLLECT,
            name=_("Inbreng verzamelen"),
            description=_(
                "Inwoners geven ideeën, steunen en bespreken ze. "
                "Elke inbreng krijgt een openbaar antwoord van de gemeente."
            ),
            allows=frozenset({SUBMIT_INPUT, SUPPORT, COMMENT}),
        ),
    ),
    process_sections=(
        PageSection(
            "consultation.inputs",
            template="consultation/section_inputs.html",
            context=sections.inputs_section,
            order=30,
        ),
        PageSection(
            "consultation.figures",
            template="consultation/section_figures.html",
            context=sections.figures_section,
            order=40,
        ),
    ),
    account_sections=(
        PageSection(
            "consultation.inputs",
            template="consultation/mine_inputs.html",
            context=sections.mine_inputs,
            order=10,
        ),
        PageSection(
            "consultation.supports",
            template="consultation/mine_supports.html",
            context=sections.mine_supports,
            order=20,
        ),
    ),
    search_providers=(
        SearchProvider(
            "consultation.inputs",
            _("Inbreng van inwoners"),
            search=selectors.search_results,
            matches=selectors.search_matches,
            template="consultation/search_result.html",
            order=20,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Antwoorden geven op inbreng"),
            "consultation:inbox",
            permission=permissions.can_use_inbox,
            order=30,
        ),
    ),
    audit_actions={
        AuditAction.REGISTERED: _("Inbreng geregistreerd namens inwoner"),
        AuditAction.ASSIGNED: _("Inbreng toegewezen"),
        AuditAction.STARTED: _("Inbreng in behandeling genomen"),
        AuditAction.ANSWERED: _("Inbreng beantwoord"),
        AuditAction.TEMPLATE_SAVED: _("Antwoordsjabloon opgeslagen"),
        AuditAction.TEMPLATE_DELETED: _("Antwoordsjabloon verwijderd"),
    },
    privacy=(privacy.handler(),),
    process_actions=(sections.process_actions,),
    view_rules=(
        ViewRule(
            "consultation.Input",
            can_view=permissions.can_view_input,
            can_comment=permissions.can_comment,
            report_label=_("inbreng"),
            report_text=lambda item: f"{item.title}\n{item.body}",
        ),
    ),
    demo_chapters="samenspraak.consultation.demo_data",
    event_types=events.EVENT_TYPES,
    subscribers=(
        (events.InputAnswered, "samenspraak.consultation.notifications.answer_published"),
        (events.InputSubmitted, "samenspraak.consultation.places.describe_input"),
    ),
    trace_providers=(
        TraceProvider(
            "consultation.input", origin="consultation.Input", steps=selectors.trace_steps, order=10
        ),
    ),
    area_timeline=(TimelineSource("consultation.answers", entries=selectors.area_timeline),),
    api_urls="samenspraak.consultation.api.urls",
)
