"""What delivery holds about a person, for "Mijn gegevens" and account erasure.

Delivery projects, their updates and their milestones are the municipality's public account of
its work: erasure keeps them and drops the staff member who made or wrote them.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.delivery.models import DeliveryProject, Update


def export(user) -> dict:
    return {
        "projects_created": [
            {
                "title": p.title,
                "url": p.get_absolute_url(),
                "created_at": p.created_at.isoformat(),
            }
            for p in DeliveryProject.objects.filter(created_by=user).order_by("created_at", "pk")
        ],
        "updates_written": [
            {
                "project": u.project.title,
                "url": u.project.get_absolute_url(),
                "body": u.body,
                "image_alt": u.image_alt,
                "posted_at": u.posted_at.isoformat(),
            }
            for u in Update.objects.filter(author=user)
            .select_related("project")
            .order_by("posted_at", "pk")
        ],
    }


def erase(user) -> None:
    DeliveryProject.objects.filter(created_by=user).update(created_by=None)
    Update.objects.filter(author=user).update(author=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "delivery",
        label=_("Uitvoeringsprojecten en berichten over de uitvoering"),
        exporter=export,
        anonymiser=erase,
        covers=["delivery.DeliveryProject.created_by", "delivery.Update.author"],
    )
