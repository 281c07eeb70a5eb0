"""What conversations holds about a person, for "Mijn gegevens" and account erasure.

A person's votes are theirs alone: the export lists them and erasure deletes them (the opinion
groups are computed again without them). Statements they wrote stay in the conversation others
voted on, without their name.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.conversations.models import Statement, Vote


def export(user) -> dict:
    statements = Statement.objects.filter(author=user).select_related("conversation__process")
    votes = Vote.objects.filter(participant=user).select_related("statement__conversation")
    return {
        "statements": [
            {
                "conversation": s.conversation.title,
                "statement": s.text,
                "status": s.get_status_display(),
                "written_at": s.created_at.isoformat(),
            }
            for s in statements.order_by("created_at", "pk")
        ],
        "votes": [
            {
                "conversation": v.statement.conversation.title,
                "statement": v.statement.text,
                "vote": v.get_value_display(),
                "voted_at": v.updated_at.isoformat(),
            }
            for v in votes.order_by("created_at", "pk")
        ],
    }


def erase(user) -> None:
    from samenspraak.conversations.models import Conversation
    from samenspraak.conversations.tasks import schedule_recompute

    touched = list(Conversation.objects.filter(statements__votes__participant=user).distinct())
    Vote.objects.filter(participant=user).delete()
    Statement.objects.filter(author=user).update(author=None)
    Statement.objects.filter(moderated_by=user).update(moderated_by=None)
    for conversation in touched:
        schedule_recompute(conversation)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "conversations",
        label=_("Stellingen en stemmen op stellingen"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "conversations.Statement.author",
            "conversations.Statement.moderated_by",
            "conversations.Vote.participant",
        ],
    )
