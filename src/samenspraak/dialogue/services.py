"""Writes for comments, reports, house rules and moderation decisions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events, ratelimit
from samenspraak.core.dates import format_moment
from samenspraak.dialogue import selectors
from samenspraak.dialogue.events import (
    CommentApproved,
    CommentMarked,
    CommentPosted,
    ContentModerated,
    ParticipantMuted,
    WordFilterChanged,
)
from samenspraak.dialogue.models import (
    COMMENT_MAX_LENGTH,
    MUTE_REASON_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    Comment,
    CommentStatus,
    FilterWord,
    HouseRule,
    ModerationDecision,
    Mute,
    Position,
    Reaction,
    ReactionKind,
    Report,
)
from samenspraak.dialogue.moderation import reportable_for
from samenspraak.dialogue.permissions import (
    can_comment,
    can_delete_comment,
    can_edit_comment,
    can_moderate,
    is_official,
    is_premoderated,
    takes_positions,
)
from samenspraak.organisations.selectors import current_municipality

#: Flood limits per person for new comments (core.ratelimit rates), unless
#: settings.DIALOGUE_COMMENT_RATES says otherwise. Moderators are not limited.
COMMENT_RATES = ("5/m", "30/h")
#: The same text by the same person within this time is refused as a duplicate.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)


class ModerationAction:
    """Audit action names (stable strings)."""

    HIDE = "dialogue.hide"
    KEEP = "dialogue.keep"
    RESTORE = "dialogue.restore"
    COMMENT_DELETED = "dialogue.comment_deleted"
    RULE_SAVED = "dialogue.house_rule_saved"
    APPROVE = "dialogue.approve"
    PIN = "dialogue.pin"
    UNPIN = "dialogue.unpin"
    HIGHLIGHT = "dialogue.highlight"
    UNHIGHLIGHT = "dialogue.unhighlight"
    MUTE = "dialogue.mute"
    UNMUTE = "dialogue.unmute"
    WORD_ADDED = "dialogue.word_added"
    WORD_REMOVED = "dialogue.word_removed"

    #: Everything a moderator does, in the order the moderation log's filter offers them.
    LOGGED = (
        HIDE,
        KEEP,
        RESTORE,
        APPROVE,
        COMMENT_DELETED,
        PIN,
        UNPIN,
        HIGHLIGHT,
        UNHIGHLIGHT,
        MUTE,
        UNMUTE,
        WORD_ADDED,
        WORD_REMOVED,
        RULE_SAVED,
    )


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


def _rates() -> list[ratelimit.Rate]:
    values = getattr(settings, "DIALOGUE_COMMENT_RATES", COMMENT_RATES)
    return [rate for rate in (ratelimit.Rate.parse(value) for value in values) if rate]


def _check_flood(author) -> None:
    """Count this comment against the person's flood limits; refuse past any of them."""
    if can_moderate(author):
        return
    for rate in _rates():
        count, retry_after = ratelimit.hit(f"dialogue.comment|{author.pk}", rate)
        if count > rate.count:
            raise ValidationError(
                {
                    "body": _(
                        "U plaatst veel reacties kort na elkaar. Uw tekst staat hieronder nog. "
                        "%(wait)s"
                    )
                    % {"wait": ratelimit.wait_text(retry_after)}
                }
            )


def _check_muted(author) -> None:
    mute = selectors.active_mute(author)
    if mute is not None:
        raise PermissionDenied(
            _("U kunt tot %(until)s geen reacties plaatsen. Reden: %(reason)s")
            % {"until": format_moment(mute.until), "reason": mute.reason}
        )


def _filter_reason(text: str) -> str:
    """Why `text` waits for a moderator because of the word filter, or ""."""
    word = selectors.filtered_word(text, selectors.filter_words(current_municipality()))
    if word is None:
        return ""
    return _("Bevat een woord uit het woordfilter: „%(word)s”") % {"word": word}


def comment_create(
    *,
    target,
    author,
    body: str,
    position: str = "",
    parent: Comment | None = None,
    quoted: Comment | None = None,
) -> Comment:
    """A new comment by `author` on `target`, if the target's app allows it now.

    Optionally a reply to `parent` (a comment on the same target; a reply to a reply hangs
    under the same top-level comment), quoting `quoted` (on the same target), and with a
    `position` where the target's view rule asks for one (top-level comments only). It waits
    for a moderator when the target is pre-moderated or the text holds a word of the word
    filter. Refused: muted people, the same text twice within DUPLICATE_WINDOW, and more than
    the flood limits allow.
    """
    if not can_comment(author, target):
        raise PermissionDenied(_("U kunt hier nu niet reageren."))
    _check_muted(author)
    text = _clean_text(
        body,
        field="body",
        max_length=COMMENT_MAX_LENGTH,
        empty=_("Schrijf eerst uw reactie."),
    )
    content_type = ContentType.objects.get_for_model(target)
    for other, field in ((parent, "parent"), (quoted, "quoted")):
        if other is not None and (
            other.content_type_id != content_type.pk or other.object_id != target.pk
        ):
            raise ValidationError({field: _("Die reactie hoort niet bij dit onderwerp.")})
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent
    position = position or ""
    if position and position not in Position.values:
        raise ValidationError({"position": _("Kies voor, tegen of neutraal.")})
    if parent is None and takes_positions(target):
        if not position:
            raise ValidationError({"position": _("Kies of u voor, tegen of neutraal bent.")})
    else:
        position = ""
    since = timezone.now() - DUPLICATE_WINDOW
    if Comment.objects.filter(author=author, body=text, created_at__gte=since).exists():
        raise ValidationError(
            {"body": _("U heeft deze reactie net al geplaatst. Schrijf iets nieuws.")}
        )
    _check_flood(author)
    moderator = can_moderate(author)
    reason = ""
    if not moderator:
        if is_premoderated(target):
            reason = _("Op dit onderwerp bekijkt een moderator elke reactie eerst.")
        else:
            reason = _filter_reason(text)
    comment = Comment(
        content_type=content_type,
        object_id=target.pk,
        author=author,
        body=text,
        parent=parent,
        quoted=quoted,
        position=position,
        official=is_official(author),
        status=CommentStatus.PENDING if reason else CommentStatus.PUBLISHED,
        pending_reason=reason[:200],
    )
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        events.emit(
            CommentPosted(
                comment_id=comment.pk,
                target_type=_label(comment.content_type),
                target_id=target.pk,
                published=not reason,
            )
        )
    return comment


def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    """The author changes their comment within the edit window; it then shows "bewerkt".

    The word filter looks at the new text again (a match makes it wait for a moderator)."""
    if comment.author_id is None or actor is None or comment.author_id != actor.pk:
        raise PermissionDenied(_("U kunt alleen uw eigen reacties bewerken."))
    if not can_edit_comment(actor, comment, minutes=selectors.edit_minutes()):
        raise ValidationError(
            {
                "body": _(
                    "U kunt een reactie alleen in de eerste %(minutes)s minuten bewerken. "
                    "Die tijd is voorbij. Uw tekst staat hieronder nog."
                )
                % {"minutes": selectors.edit_minutes()}
            }
        )
    _check_muted(actor)
    text = _clean_text(
        body,
        field="body",
        max_length=COMMENT_MAX_LENGTH,
        empty=_("Schrijf eerst uw reactie."),
    )
    if text == comment.body:
        return comment
    comment.body = text
    comment.edited_at = timezone.now()
    fields = ["body", "edited_at"]
    if not can_moderate(actor) and comment.status == CommentStatus.PUBLISHED:
        reason = _filter_reason(text)
        if reason:
            comment.status = CommentStatus.PENDING
            comment.pending_reason = reason[:200]
            fields += ["status", "pending_reason"]
    comment.full_clean()
    comment.save(update_fields=fields)
    return comment


def reaction_toggle(*, comment: Comment, user, kind: str) -> bool:
    """Give or take back `user`'s reaction of `kind`; True when it is given now."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Log in om te reageren."))
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Deze waardering bestaat niet.")})
    if comment.is_pending or selectors.is_hidden(comment):
        raise PermissionDenied(_("Op deze reactie kunt u niet reageren."))
    with transaction.atomic():
        deleted, _n = Reaction.objects.filter(comment=comment, user=user, kind=kind).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(comment=comment, user=user, kind=kind)
        except IntegrityError:  # a second click at the same moment: it is there already
            pass
    return True


def _require_moderator(actor) -> None:
    if not can_moderate(actor):
        raise PermissionDenied(_("Alleen moderatoren kunnen dit doen."))


def comment_approve(*, comment: Comment, actor, note: str = "", request=None) -> Comment:
    """A moderator lets a pre-moderated comment through."""
    _require_moderator(actor)
    if not comment.is_pending:
        return comment
    with transaction.atomic():
        comment.status = CommentStatus.PUBLISHED
        comment.save(update_fields=["status"])
        Report.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            object_id=comment.pk,
            resolved_at__isnull=True,
        ).update(resolved_at=timezone.now())
        audit.record(
            actor,
            ModerationAction.APPROVE,
            comment,
            {"reason": comment.pending_reason, "note": (note or "").strip()},
            request,
        )
        events.emit(
            CommentApproved(
                comment_id=comment.pk,
                target_type=_label(comment.content_type),
                target_id=comment.object_id,
            )
        )
    return comment


def comment_mark(*, comment: Comment, actor, mark: str, on: bool, request=None) -> Comment:
    """Pin (`mark="pinned"`) or highlight (`"highlighted"`) a comment, or undo it."""
    _require_moderator(actor)
    actions = {
        ("pinned", True): ModerationAction.PIN,
        ("pinned", False): ModerationAction.UNPIN,
        ("highlighted", True): ModerationAction.HIGHLIGHT,
        ("highlighted", False): ModerationAction.UNHIGHLIGHT,
    }
    action = actions.get((mark, bool(on)))
    if action is None:
        raise ValidationError(_("Onbekende markering."))
    if getattr(comment, mark) == bool(on):
        return comment
    with transaction.atomic():
        setattr(comment, mark, bool(on))
        comment.save(update_fields=[mark])
        audit.record(actor, action, comment, {mark: bool(on)}, request)
        events.emit(
            CommentMarked(
                comment_id=comment.pk,
                target_type=_label(comment.content_type),
                target_id=comment.object_id,
                mark=mark,
                on=bool(on),
            )
        )
    return comment


def participant_mute(*, user, actor, until: datetime.datetime, reason: str, request=None) -> Mute:
    """Stop `user` writing comments until `until`, for `reason` (which they see)."""
    _require_moderator(actor)
    if user is None or can_moderate(user):
        raise ValidationError(_("Een moderator kunt u niet dempen."))
    if until <= timezone.now():
        raise ValidationError({"until": _("Kies een moment in de toekomst.")})
    text = _clean_text(
        reason,
        field="reason",
        max_length=MUTE_REASON_MAX_LENGTH,
        empty=_("Schrijf kort waarom. De deelnemer ziet deze reden."),
    )
    mute = Mute(user=user, until=until, reason=text, muted_by=actor)
    mute.full_clean()
    with transaction.atomic():
        mute.save()
        audit.record(
            actor,
            ModerationAction.MUTE,
            user,
            {"until": until.isoformat(), "reason": text},
            request,
        )
        events.emit(ParticipantMuted(mute_id=mute.pk, user_id=user.pk, muted=True))
    return mute


def mute_lift(*, mute: Mute, actor, request=None) -> Mute:
    _require_moderator(actor)
    if mute.lifted_at is not None:
        return mute
    with transaction.atomic():
        mute.lifted_at = timezone.now()
        mute.save(update_fields=["lifted_at"])
        audit.record(actor, ModerationAction.UNMUTE, mute.user, {"mute": mute.pk}, request)
        events.emit(ParticipantMuted(mute_id=mute.pk, user_id=mute.user_id, muted=False))
    return mute


def filter_word_add(*, actor, municipality, word: str, request=None) -> FilterWord:
    _require_moderator(actor)
    text = " ".join((word or "").split()).lower()
    if not text:
        raise ValidationError({"word": _("Vul een woord in.")})
    if len(text) > 60:
        raise ValidationError({"word": _("Een woord heeft maximaal 60 tekens.")})
    if FilterWord.objects.filter(municipality=municipality, word=text).exists():
        raise ValidationError({"word": _("Dit woord staat al in het woordfilter.")})
    with transaction.atomic():
        item = FilterWord.objects.create(municipality=municipality, word=text)
        audit.record(actor, ModerationAction.WORD_ADDED, item, {"word": text}, request)
        events.emit(WordFilterChanged(municipality_id=municipality.pk, added=True))
    return item


def filter_word_remove(*, actor, item: FilterWord, request=None) -> None:
    _require_moderator(actor)
    with transaction.atomic():
        audit.record(actor, ModerationAction.WORD_REMOVED, item, {"word": item.word}, request)
        events.emit(WordFilterChanged(municipality_id=item.municipality_id, added=False))
        item.delete()


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
    was_pending = isinstance(target, Comment) and target.is_pending
    with transaction.atomic():
        decision.save()
        if was_pending:
            # A decision settles pre-moderation: hidden, it shows which rule it broke.
            target.status = CommentStatus.PUBLISHED
            target.save(update_fields=["status"])
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
                was_pending=was_pending,
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
