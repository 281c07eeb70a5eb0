"""What discussions (permanent discussion spaces) adds to the shared parts of the product."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import (
    Manifest,
    PageSection,
    SearchProvider,
    StaffLink,
    ViewRule,
)
from samenspraak.dialogue.events import CommentApproved, CommentPosted
from samenspraak.dialogue.models import COMMENT
from samenspraak.discussions import events, permissions, privacy, sections, selectors
from samenspraak.discussions.services import AuditAction
from samenspraak.processes.phases import PhaseKind

PHASE_KIND = "discussions.talk"
NOTIFY = "samenspraak.discussions.notifications"


def _premoderate(thread) -> bool:
    from samenspraak.discussions.models import Moderation

    return thread.space.moderation == Moderation.PRE


MANIFEST = Manifest(
    app="discussions",
    process_templates=("process_templates/permanent-buurtgesprek.json",),
    phase_kinds=(
        PhaseKind(
            key=PHASE_KIND,
            name=_("Doorlopend gesprek"),
            description=_(
                "U praat mee in de gespreksruimte van dit proces: u begint een gesprek of "
                "reageert op anderen, voor of tegen. De gemeente leest mee en vat samen."
            ),
            allows=frozenset({COMMENT}),
        ),
    ),
    home_sections=(
        PageSection(
            "discussions.home",
            template="discussions/sections/home.html",
            context=sections.home,
            order=25,
        ),
    ),
    area_sections=(
        PageSection(
            "discussions.area",
            template="discussions/sections/area.html",
            context=sections.area,
            order=20,
        ),
    ),
    process_sections=(
        PageSection(
            "discussions.process",
            template="discussions/sections/process.html",
            context=sections.process,
            order=46,
        ),
    ),
    account_sections=(
        PageSection(
            "discussions.follows",
            template="discussions/sections/mine.html",
            context=sections.mine,
            order=45,
        ),
    ),
    search_providers=(
        SearchProvider(
            "discussions.threads",
            _("Gesprekken"),
            search=selectors.search_results,
            matches=selectors.search_matches,
            template="discussions/search_result.html",
            order=35,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Gespreksruimtes: buurt- en stadsgesprekken beheren"),
            "discussions:manage_list",
            permission=permissions.is_community_manager,
            order=42,
        ),
    ),
    audit_actions={
        AuditAction.SPACE_CREATED: _("Gespreksruimte gemaakt"),
        AuditAction.SPACE_CHANGED: _("Gespreksruimte gewijzigd"),
        AuditAction.THREAD_CLOSED: _("Gesprek gesloten"),
        AuditAction.THREAD_REOPENED: _("Gesprek heropend"),
        AuditAction.THREAD_PINNED: _("Gesprek vastgezet"),
        AuditAction.THREAD_UNPINNED: _("Gesprek losgemaakt"),
        AuditAction.SUMMARY_WRITTEN: _("Samenvatting van een gesprek geschreven"),
    },
    privacy=(privacy.handler(),),
    view_rules=(
        ViewRule(
            "discussions.Thread",
            can_view=permissions.can_view,
            can_comment=permissions.can_comment,
            report_label=_("gesprek"),
            report_text=lambda thread: f"{thread.title}\n{thread.body}",
            positions=True,
            premoderate=_premoderate,
            house_rules=lambda thread: thread.space.rule_list(),
        ),
    ),
    event_types=events.EVENT_TYPES,
    subscribers=(
        (CommentPosted, f"{NOTIFY}.comment_posted"),
        (CommentApproved, f"{NOTIFY}.comment_posted"),
        (events.ThreadOpened, f"{NOTIFY}.thread_opened"),
        (events.DigestDue, f"{NOTIFY}.send_digests"),
    ),
    clocks=(("discussions.digest", "samenspraak.discussions.services.digest_clock"),),
    demo_chapters="samenspraak.discussions.demo_data",
    api_urls="samenspraak.discussions.api.urls",
)
