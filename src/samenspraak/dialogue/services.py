"""Writes for comments, reports, house rules and moderation decisions."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.dialogue.events import CommentPosted, ContentModerated
from samenspraak.dialogue.models import (
    COMMENT_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    Comment,
    HouseRule,
    ModerationDecision,
    Report,
)
from samenspraak.dialogue.moderation import reportable_for
from samenspraak.dialogue.permissions import can_comment, can_delete_comment, can_moderate


class ModerationAction:
    """Audit action names (stable strings)."""

    HIDE = "dialogue.hide"
    KEEP = "dialogue.keep"
    RESTORE = "dialogue.restore"
    COMMENT_DELETED = "dialogue.comment_deleted"
    RULE_SAVED = "dialogue.house_rule_saved"


def _clean_text(value: str, *, field: str, max_length: int, empty: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Uw tekst is %(length)s tekens lang. Er mogen maximaal %(max)s tekens in.")
                % {"length": len(text), "max": max_length}
            }
        )
    return text


def comment_create(*, target, author, body: str) -> Comment:
    """A new comment by `author` on `target`, if the target's app allows it now."""
    if not can_comment(author, target):
        raise PermissionDenied(_("U kunt hier nu niet reageren."))
    text = _clean_text(
        body,
        field="body",
        max_length=COMMENT_MAX_LENGTH,
        empty=_("Schrijf eerst uw reactie."),
    )
    comment = Comment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        author=author,
        body=text,
    )
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        events.emit(
            CommentPosted(
                comment_id=comment.pk,
                target_type=_label(comment.content_type),
                target_id=target.pk,
            )
        )
    return comment


def _label(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def comment_delete(*, comment: Comment, actor, request=None) -> None:
    """The author or a moderator removes a comment; a moderator's removal is audited."""
    if not can_delete_comment(actor, comment):
        raise PermissionDenied(_("U kunt deze reactie niet verwijderen."))
    with transaction.atomic():
        if comment.author_id != actor.pk:
            audit.record(
                actor,
                ModerationAction.COMMENT_DELETED,
                comment,
                {"body": comment.body, "author": comment.author_id},
                request,
            )
        comment.delete()


def report_create(*, target, reporter, reason: str) -> Report:
    """Anyone reports reportable content; `reporter` may be anonymous."""
    if reportable_for(type(target)) is None:
        raise ValidationError(_("Deze inhoud kunt u niet melden."))
    text = _clean_text(
        reason,
        field="reason",
        max_length=REPORT_REASON_MAX_LENGTH,
        empty=_("Schrijf kort waarom u dit meldt."),
    )
    report = Report(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reason=text,
    )
    report.full_clean()
    with transaction.atomic():
        report.save()
    return report


#: What a moderation decision means, for the event ContentModerated.
_OUTCOMES = {
    ModerationAction.HIDE: "hidden",
    ModerationAction.KEEP: "kept",
    ModerationAction.RESTORE: "restored",
}


def _decide(*, target, actor, hidden: bool, rule, note: str, action: str, request):
    if not can_moderate(actor):
        raise PermissionDenied(_("Alleen moderatoren kunnen dit doen."))
    content_type = ContentType.objects.get_for_model(target)
    decision = ModerationDecision(
        content_type=content_type,
        object_id=target.pk,
        hidden=hidden,
        rule=rule,
        decided_by=actor,
        note=(note or "").strip(),
    )
    decision.full_clean()
    with transaction.atomic():
        decision.save()
        Report.objects.filter(
            content_type=content_type, object_id=target.pk, resolved_at__isnull=True
        ).update(resolved_at=timezone.now(), decision=decision)
        audit.record(
            actor,
            action,
            target,
            {"hidden": hidden, "rule": rule.title if rule else "", "note": decision.note},
            request,
        )
        events.emit(
            ContentModerated(
                decision_id=decision.pk,
                target_type=_label(content_type),
                target_id=target.pk,
                outcome=_OUTCOMES[action],
                hidden=hidden,
            )
        )
    return decision


def content_hide(*, target, actor, rule: HouseRule, note: str = "", request=None):
    """Hide content because it breaks `rule`; closes its open reports."""
    if rule is None:
        raise ValidationError({"rule": _("Kies de huisregel die deze inhoud breekt.")})
    return _decide(
        target=target,
        actor=actor,
        hidden=True,
        rule=rule,
        note=note,
        action=ModerationAction.HIDE,
        request=request,
    )


def content_keep(*, target, actor, note: str = "", request=None):
    """The reports are unfounded: the content stays visible and its reports are closed."""
    return _decide(
        target=target,
        actor=actor,
        hidden=False,
        rule=None,
        note=note,
        action=ModerationAction.KEEP,
        request=request,
    )


def content_restore(*, target, actor, note: str = "", request=None):
    """Show hidden content again."""
    return _decide(
        target=target,
        actor=actor,
        hidden=False,
        rule=None,
        note=note,
        action=ModerationAction.RESTORE,
        request=request,
    )


def house_rule_save(
    *, actor, municipality, title: str, text: str, order: int = 0, rule=None, request=None
) -> HouseRule:
    if not can_moderate(actor):
        raise PermissionDenied(_("Alleen moderatoren kunnen huisregels beheren."))
    rule = rule or HouseRule(municipality=municipality)
    before = {"title": rule.title, "text": rule.text, "order": rule.order} if rule.pk else {}
    rule.title = (title or "").strip()
    rule.text = (text or "").strip()
    rule.order = order or 0
    rule.full_clean()
    with transaction.atomic():
        rule.save()
        audit.record(
            actor,
            ModerationAction.RULE_SAVED,
            rule,
            {"before": before, "after": {"title": rule.title, "text": rule.text}},
            request,
        )
    return rule
