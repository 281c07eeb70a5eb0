"""What dialogue adds to the shared parts of the product (see core.components)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.components import Manifest, PageSection, PhaseAction, StaffLink, ViewRule
from samenspraak.dialogue import events, permissions, privacy, sections
from samenspraak.dialogue.models import COMMENT
from samenspraak.dialogue.services import ModerationAction


def _can_view_comment(user, comment) -> bool:
    # A comment shows on its target's page, so it is visible exactly when that page is (a
    # hidden comment is left out there; the report page checks that for any content).
    # One that waits for a moderator shows only to its author and the moderators.
    if comment.is_pending and not (
        permissions.can_moderate(user)
        or (getattr(user, "is_authenticated", False) and comment.author_id == user.pk)
    ):
        return False
    return comment.target is not None and permissions.can_view(user, comment.target)


MANIFEST = Manifest(
    app="dialogue",
    phase_actions=(PhaseAction(COMMENT, _("Reageren")),),
    account_sections=(
        PageSection(
            "dialogue.comments",
            template="dialogue/mine_comments.html",
            context=sections.mine_comments,
            order=30,
        ),
    ),
    staff_menu=(
        StaffLink(
            _("Moderatie: meldingen en huisregels"),
            "dialogue:moderation_queue",
            permission=permissions.can_moderate,
            order=40,
        ),
        StaffLink(
            _("Moderatielogboek"),
            "dialogue:moderation_log",
            permission=permissions.can_moderate,
            order=41,
        ),
    ),
    audit_actions={
        ModerationAction.HIDE: _("Inhoud verborgen door moderator"),
        ModerationAction.KEEP: _("Melding afgewezen, inhoud blijft staan"),
        ModerationAction.RESTORE: _("Verborgen inhoud teruggezet"),
        ModerationAction.COMMENT_DELETED: _("Reactie verwijderd"),
        ModerationAction.RULE_SAVED: _("Huisregel opgeslagen"),
        ModerationAction.APPROVE: _("Reactie goedgekeurd na controle"),
        ModerationAction.PIN: _("Reactie bovenaan vastgezet"),
        ModerationAction.UNPIN: _("Reactie niet meer vastgezet"),
        ModerationAction.HIGHLIGHT: _("Reactie uitgelicht"),
        ModerationAction.UNHIGHLIGHT: _("Reactie niet meer uitgelicht"),
        ModerationAction.MUTE: _("Deelnemer gedempt"),
        ModerationAction.UNMUTE: _("Demping opgeheven"),
        ModerationAction.WORD_ADDED: _("Woord aan woordfilter toegevoegd"),
        ModerationAction.WORD_REMOVED: _("Woord uit woordfilter gehaald"),
    },
    privacy=(privacy.handler(),),
    view_rules=(
        ViewRule(
            "dialogue.Comment",
            can_view=_can_view_comment,
            report_label=_("reactie"),
            report_text=lambda comment: comment.body,
        ),
    ),
    demo_chapters="samenspraak.dialogue.demo_data",
    event_types=events.EVENT_TYPES,
    subscribers=(
        (events.CommentApproved, "samenspraak.dialogue.notifications.comment_approved"),
        (events.ContentModerated, "samenspraak.dialogue.notifications.content_moderated"),
    ),
)
