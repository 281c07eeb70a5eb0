"""What discussions holds about a person, for "Mijn gegevens" and account erasure.

Follows and pending digest notices are private and end with the account. Threads someone
opened stay (others replied to them), without the name; the same for the spaces and summaries
staff wrote.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.discussions.models import Follow, PendingNotice, Space, Thread


def export(user) -> dict:
    return {
        "follows": [
            {
                "space": item.space.name if item.space else None,
                "thread": item.thread.title if item.thread else None,
                "email": item.frequency,
                "since": item.created_at.isoformat(),
            }
            for item in Follow.objects.filter(user=user)
            .select_related("space", "thread")
            .order_by("created_at", "pk")
        ],
        "threads_opened": [
            {
                "space": t.space.name,
                "title": t.title,
                "text": t.body,
                "opened_at": t.created_at.isoformat(),
            }
            for t in Thread.objects.filter(author=user)
            .select_related("space")
            .order_by("created_at", "pk")
        ],
        "summaries_written": [
            {"thread": t.title, "summary": t.summary}
            for t in Thread.objects.filter(summary_by=user).order_by("pk")
        ],
        "spaces_created": [s.name for s in Space.objects.filter(created_by=user).order_by("pk")],
    }


def erase(user) -> None:
    Follow.objects.filter(user=user).delete()
    PendingNotice.objects.filter(user=user).delete()
    Thread.objects.filter(author=user).update(author=None)
    Thread.objects.filter(summary_by=user).update(summary_by=None)
    Space.objects.filter(created_by=user).update(created_by=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "discussions",
        label=_("Gesprekken die u volgt en gesprekken die u begon"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "discussions.Follow.user",
            "discussions.PendingNotice.user",
            "discussions.Thread.author",
            "discussions.Thread.summary_by",
            "discussions.Space.created_by",
        ],
    )
