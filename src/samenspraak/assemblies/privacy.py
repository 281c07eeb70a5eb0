"""What the burgerberaad holds about a person, for "Mijn gegevens" and account erasure.

A registration needs no account; when the volunteer was logged in it points at their account,
and registrations with the account's e-mail address are theirs too. Export lists them with the
characteristics given; erasure deletes them (the published lottery keeps only a public id).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspraak.assemblies.models import Registration


def _mine(user):
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return Registration.objects.filter(condition).select_related("assembly")


def export(user) -> dict:
    return {
        "registrations": [
            {
                "assembly": r.assembly.title,
                "name": r.name,
                "email": r.email,
                "phone": r.phone,
                "characteristics": r.characteristics,
                "language": r.language,
                "outcome_called_at": (
                    r.outcome_called_at.isoformat() if r.outcome_called_at else None
                ),
                "registered_at": r.created_at.isoformat(),
            }
            for r in _mine(user).order_by("created_at", "pk")
        ]
    }


def erase(user) -> None:
    _mine(user).delete()


def handler():
    from samenspraak.accounts import privacy

    return privacy.handler(
        "assemblies",
        label=_("Aanmeldingen voor een burgerberaad"),
        exporter=export,
        anonymiser=erase,
        covers=["assemblies.Registration.user"],
    )
