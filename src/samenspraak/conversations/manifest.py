"""What conversations (opinion mapping) adds to the shared parts of the product."""

from django.utils.translation import gettext_lazy as _

from samenspraak.conversations import events, permissions, privacy, sections
from samenspraak.conversations.models import PHASE_KIND, VOTE
from samenspraak.core.components import Manifest, PageSection, PhaseAction, StaffLink
from samenspraak.processes.phases import PhaseKind

MANIFEST = Manifest(
    app="conversations",
    process_templates=("process_templates/stellingen-peilen.json",),
    phase_actions=(PhaseAction(VOTE, _("Stemmen op stellingen")),),
    phase_kinds=(
        PhaseKind(
            key=PHASE_KIND,
            name=_("Stellingen peilen"),
            description=_(
                "U geeft bij korte stellingen aan of u het eens of oneens bent, en u kunt zelf "
                "stellingen toevoegen. Daarna ziet u welke groepen er zijn en waar iedereen het "
                "over eens is."
            ),
            allows=frozenset({VOTE}),
        ),
    ),
    process_sections=(
        PageSection(
            "conversations.conversation",
            template="conversations/process_section.html",
            context=sections.process_section,
            order=45,
        ),
    ),
    process_actions=(sections.process_actions,),
    staff_menu=(
        StaffLink(
            _("Stellingen peilen: gesprekken, moderatie en Polis-import"),
            "conversations:manage_list",
            permission=permissions.can_manage,
            order=45,
        ),
    ),
    # The services record these names as literals (conversations.services).
    audit_actions={
        "conversations.conversation_created": _("Gesprek met stellingen gemaakt"),
        "conversations.statement_seeded": _("Stelling van de gemeente geplaatst"),
        "conversations.statement_accepted": _("Stelling van een inwoner geplaatst"),
        "conversations.statement_rejected": _("Stelling van een inwoner afgewezen"),
        "conversations.polis_imported": _("Polis-gegevens geïmporteerd"),
    },
    privacy=(privacy.handler(),),
    event_types=events.EVENT_TYPES,
    subscribers=(
        (
            events.StatementModerated,
            "samenspraak.conversations.notifications.statement_moderated",
        ),
    ),
    api_urls="samenspraak.conversations.api.urls",
    demo_chapters="samenspraak.conversations.demo_data",
)
