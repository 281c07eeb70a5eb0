"""What initiatives adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import (
    LoginLanding,
    Manifest,
    PageSection,
    SearchProvider,
    StaffLink,
    ViewRule,
)
from samenspraak.core.trace import TimelineSource, TraceProvider
from samenspraak.initiatives import events, permissions, privacy, sections, selectors, services
from samenspraak.initiatives.services import AuditAction

NOTIFY = "samenspraak.initiatives.notifications.step_taken"

MANIFEST = Manifest(
    app="initiatives",
    process_sections=(
        PageSection(
            "initiatives.council",
            template="initiatives/sections/process_council.html",
            context=sections.process_council,
            order=80,
        ),
    ),
    input_sections=(
        PageSection(
            "initiatives.council",
            template="initiatives/sections/input_council.html",
            context=sections.input_council,
            order=80,
        ),
    ),
    home_sections=(
        PageSection(
            "initiatives.home",
            template="initiatives/sections/home.html",
            context=sections.home,
            order=30,
        ),
    ),
    search_providers=(
        SearchProvider(
            "initiatives.initiatives",
            _("Burgerinitiatieven"),
            search=selectors.search_results,
            matches=selectors.search_matches,
            template="initiatives/search_result.html",
            order=40,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Mijn pagina als raadslid: vragen, processen en besluiten"),
            "initiatives:council_dashboard",
            permission=permissions.is_council_member,
            order=59,
        ),
        StaffLink(
            _("Vragen aan de raad controleren"),
            "initiatives:question_check",
            permission=permissions.can_moderate_questions,
            order=65,
        ),
        StaffLink(
            _("Besluiten van de raad over burgerinitiatieven"),
            "initiatives:decisions",
            permission=permissions.can_see_queue,
            order=62,
        ),
        StaffLink(
            _("Burgerinitiatieven controleren"),
            "initiatives:review_list",
            permission=permissions.is_clerk,
            order=60,
        ),
        StaffLink(
            _("Agenda van de raad: burgerinitiatieven"),
            "initiatives:queue",
            permission=permissions.can_see_queue,
            order=61,
        ),
        StaffLink(
            _("Raadsvergaderingen"),
            "initiatives:meetings",
            permission=permissions.can_see_queue,
            order=62,
        ),
        StaffLink(
            _("Raadsleden: openbare profielen controleren"),
            "initiatives:council_members",
            permission=permissions.is_clerk,
            order=64,
        ),
        StaffLink(
            _("Regels voor burgerinitiatieven (participatieverordening)"),
            "initiatives:bylaw",
            permission=permissions.is_clerk,
            order=63,
        ),
    ),
    # The services record these names (initiatives.services.AuditAction).
    audit_actions={
        AuditAction.ADMITTED: _("Burgerinitiatief toegelaten"),
        AuditAction.REFUSED: _("Burgerinitiatief niet toegelaten"),
        AuditAction.PAPER_LIST: _("Papieren handtekeningenlijst ingevoerd"),
        AuditAction.MEETING_SAVED: _("Raadsvergadering opgeslagen"),
        AuditAction.SCHEDULED: _("Burgerinitiatief op de raadsagenda gezet"),
        AuditAction.DECIDED: _("Raadsbesluit over burgerinitiatief vastgelegd"),
        AuditAction.BYLAW_SAVED: _("Regels voor burgerinitiatieven opgeslagen"),
        AuditAction.MEMBER_VERIFIED: _("Profiel van raadslid gecontroleerd"),
        AuditAction.QUESTION_PUBLISHED: _("Vraag aan de raad geplaatst na controle"),
        AuditAction.QUESTION_REFUSED: _("Vraag aan de raad niet geplaatst"),
        AuditAction.PAPER_DATA_REMOVED: _(
            "Namen en adressen van een papieren handtekeningenlijst verwijderd (bewaartermijn)"
        ),
    },
    privacy=(privacy.handler(),),
    view_rules=(
        ViewRule(
            "initiatives.Initiative",
            can_view=permissions.can_view_comment_target,
            can_comment=permissions.can_comment,
            report_label=_("burgerinitiatief"),
            report_text=lambda item: f"{item.title}\n{item.problem}\n{item.proposal}",
        ),
        ViewRule(
            "initiatives.CouncilQuestion",
            can_view=permissions.can_view_question,
            report_label=_("vraag aan de raad"),
            report_text=lambda item: item.body,
            premoderate=services.premoderated,
        ),
    ),
    process_templates=("process_templates/burgerinitiatief.json",),
    demo_chapters="samenspraak.initiatives.demo_data",
    trace_providers=(
        TraceProvider(
            "initiatives.initiative",
            origin="initiatives.Initiative",
            steps=selectors.trace_steps,
            order=10,
        ),
    ),
    area_timeline=(TimelineSource("initiatives.initiatives", entries=selectors.area_timeline),),
    login_landings=(LoginLanding("initiatives.council_member", url=selectors.council_landing),),
    api_urls="samenspraak.initiatives.api.urls",
    event_types=events.EVENT_TYPES,
    subscribers=(
        *((event, NOTIFY) for event in (*events.NOTIFIED, events.CouncilMemberReacted)),
        (events.CouncilQuestionAsked, "samenspraak.initiatives.notifications.question_asked"),
        (
            events.CouncilQuestionAnswered,
            "samenspraak.initiatives.notifications.question_answered",
        ),
    ),
    clocks=(
        ("initiatives.expiry", "samenspraak.initiatives.services.expire_clock"),
        ("initiatives.paper_retention", "samenspraak.initiatives.services.paper_retention_clock"),
    ),
)
