"""What the information app holds about a person, for "Mijn gegevens" and account erasure.

Following a process is private and ends with the account. Updates and documents are the
municipality's publications: they stay, without the staff member who wrote or added them.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.information.models import Document, Follow, Update


def export(user) -> dict:
    return {
        "follows": [
            {"process": f.process.title, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user)
            .select_related("process")
            .order_by("created_at", "pk")
        ],
        "updates_written": [
            {
                "process": u.process.title,
                "title": u.title,
                "published_at": u.published_at.isoformat(),
            }
            for u in Update.objects.filter(author=user)
            .select_related("process")
            .order_by("published_at", "pk")
        ],
        "documents_added": [
            {"process": d.process.title, "title": d.title}
            for d in Document.objects.filter(created_by=user)
            .select_related("process")
            .order_by("pk")
        ],
    }


def erase(user) -> None:
    Follow.objects.filter(user=user).delete()
    Update.objects.filter(author=user).update(author=None)
    Document.objects.filter(created_by=user).update(created_by=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "information",
        label=_("Processen die u volgt"),
        exporter=export,
        anonymiser=erase,
        covers=[
            "information.Follow.user",
            "information.Update.author",
            "information.Document.created_by",
        ],
    )
