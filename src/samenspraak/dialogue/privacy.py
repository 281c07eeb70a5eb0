"""What the dialogue app holds about a person, for "Mijn gegevens" and account erasure.

Comments are public contributions: erasure keeps their text and drops the author. Reactions
("Eens", "Goed punt") are the person's own and go with them. Being muted is the person's record
and goes too; a mute someone gave as moderator stays, unlinked from them. Reports are
private (only moderators see them): the reason stays for the moderator's record, unlinked from
the reporter. A moderator's decisions stay (the audit log keeps who decided), unlinked too.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.dialogue.models import Comment, ModerationDecision, Mute, Reaction, Report


def _content(content_type, object_id) -> str:
    return f"{content_type.app_label}.{content_type.model}#{object_id}"


def export(user) -> dict:
    comments = Comment.objects.filter(author=user).select_related("content_type")
    reports = Report.objects.filter(reporter=user).select_related("content_type")
    decisions = ModerationDecision.objects.filter(decided_by=user).select_related(
        "content_type", "rule"
    )
    return {
        "comments": [
            {
                "body": c.body,
                "on": _content(c.content_type, c.object_id),
                "url": c.get_absolute_url() if c.target is not None else "",
                "created_at": c.created_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
            }
            for c in comments.order_by("created_at", "pk")
        ],
        "reports_filed": [
            {
                "content": _content(r.content_type, r.object_id),
                "reason": r.reason,
                "created_at": r.created_at.isoformat(),
                "resolved_at": r.resolved_at.isoformat() if r.resolved_at else None,
            }
            for r in reports.order_by("created_at", "pk")
        ],
        "reactions": [
            {
                "kind": r.kind,
                "comment": r.comment_id,
                "created_at": r.created_at.isoformat(),
            }
            for r in Reaction.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "mutes": [
            {
                "until": m.until.isoformat(),
                "reason": m.reason,
                "created_at": m.created_at.isoformat(),
                "lifted_at": m.lifted_at.isoformat() if m.lifted_at else None,
            }
            for m in Mute.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "mutes_given": [
            {
                "until": m.until.isoformat(),
                "reason": m.reason,
                "created_at": m.created_at.isoformat(),
            }
            for m in Mute.objects.filter(muted_by=user).order_by("created_at", "pk")
        ],
        "moderation_decisions": [
            {
                "content": _content(d.content_type, d.object_id),
                "hidden": d.hidden,
                "rule": d.rule.title if d.rule else "",
                "note": d.note,
                "decided_at": d.decided_at.isoformat(),
            }
            for d in decisions.order_by("decided_at", "pk")
        ],
    }


def erase(user) -> None:
    Comment.objects.filter(author=user).update(author=None)
    Report.objects.filter(reporter=user).update(reporter=None)
    ModerationDecision.objects.filter(decided_by=user).update(decided_by=None)
    Reaction.objects.filter(user=user).delete()
    Mute.objects.filter(user=user).delete()
    Mute.objects.filter(muted_by=user).update(muted_by=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "dialogue",
        label=_("Reacties, meldingen en moderatie"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "dialogue.Comment.author",
            "dialogue.Report.reporter",
            "dialogue.ModerationDecision.decided_by",
            "dialogue.Reaction.user",
            "dialogue.Mute.user",
            "dialogue.Mute.muted_by",
        ],
    )
