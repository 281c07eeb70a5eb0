"""Mail to a participant whose own statement a process manager judged: placed (others can vote
on it now, with a link) or not placed. An event subscriber, so it runs in the task worker and
the mail goes through the mail queue; seeded statements of the municipality send nothing."""

from __future__ import annotations

from django.urls import reverse

from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person


def statement_moderated(event) -> int:
    from samenspraak.conversations.models import Statement, StatementStatus

    statement = (
        Statement.objects.select_related("author", "conversation", "conversation__process")
        .filter(pk=event.statement_id)
        .first()
    )
    if statement is None or statement.author is None or statement.seeded:
        return 0
    if statement.status not in (StatementStatus.ACCEPTED, StatementStatus.REJECTED):
        return 0
    conversation = statement.conversation
    accepted = statement.status == StatementStatus.ACCEPTED

    def context() -> dict:
        path = reverse(
            "conversations:conversation", args=[conversation.process.slug, conversation.pk]
        )
        return {
            "accepted": accepted,
            "statement": statement.text,
            "conversation": conversation.title,
            "link": absolute_url(path + (f"#stelling-{statement.pk}" if accepted else "")),
        }

    sent = mail_person(
        statement.author,
        subject_template="conversations/email/statement_subject.txt",
        body_template="conversations/email/statement_body.txt",
        context=context,
    )
    return 1 if sent is not None else 0
