"""Mail to the author of a comment that waited for a moderator (pre-moderation or the word
filter): it is online now, or it was not placed and which house rule it broke. Event
subscribers, so they run in the task worker and the mail goes through the mail queue."""

from __future__ import annotations

from django.utils.text import Truncator

from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person

EXCERPT_WORDS = 40


def _subject_of(comment) -> str:
    target = comment.target
    return str(target) if target is not None else ""


def comment_approved(event) -> int:
    """CommentApproved: the author hears their comment is online, with a link to it."""
    from samenspraak.dialogue.models import Comment
    from samenspraak.dialogue.selectors import is_hidden

    comment = Comment.objects.select_related("author").filter(pk=event.comment_id).first()
    if comment is None or comment.author is None or comment.is_pending or is_hidden(comment):
        return 0
    sent = mail_person(
        comment.author,
        subject_template="dialogue/email/approved_subject.txt",
        body_template="dialogue/email/approved_body.txt",
        context=lambda: {
            "subject": _subject_of(comment),
            "text": Truncator(comment.body).words(EXCERPT_WORDS),
            "link": absolute_url(comment.get_absolute_url()),
        },
    )
    return 1 if sent is not None else 0


def content_moderated(event) -> int:
    """ContentModerated on a comment that waited for a moderator and was hidden: the author
    hears it was not placed and which house rule it broke (their text comes along, so it is
    not lost)."""
    from samenspraak.dialogue.models import Comment, ModerationDecision

    if not (event.was_pending and event.hidden and event.target_type == "dialogue.comment"):
        return 0
    comment = Comment.objects.select_related("author").filter(pk=event.target_id).first()
    decision = ModerationDecision.objects.select_related("rule").filter(pk=event.decision_id)
    found = decision.first()
    if comment is None or comment.author is None or found is None:
        return 0
    sent = mail_person(
        comment.author,
        subject_template="dialogue/email/hidden_subject.txt",
        body_template="dialogue/email/hidden_body.txt",
        context=lambda: {
            "subject": _subject_of(comment),
            "body": comment.body,
            "rule": found.rule.title if found.rule else "",
            "rules_link": absolute_url(_house_rules_path()),
        },
    )
    return 1 if sent is not None else 0


def _house_rules_path() -> str:
    from django.urls import reverse

    return reverse("dialogue:house_rules")
