"""What the processes app holds about a person: the processes a staff member set up.

The processes stay (they are the municipality's); erasure drops who created them.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.processes.models import Process


def export(user) -> dict:
    return {
        "processes_created": [
            {"title": p.title, "status": p.status, "created_at": p.created_at.isoformat()}
            for p in Process.objects.filter(created_by=user).order_by("created_at", "pk")
        ],
    }


def erase(user) -> None:
    Process.objects.filter(created_by=user).update(created_by=None)


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "processes",
        label=_("Processen die u hebt opgezet"),
        exporter=export,
        anonymiser=erase,
        covers=["processes.Process.created_by"],
    )
