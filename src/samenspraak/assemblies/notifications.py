"""The outcome mail to every volunteer with an e-mail address once the panel is published
(a subscriber to PanelPublished, run by the task worker; written in the language the person
registered in): selected, reserve (with their place), or not selected. Published, not drawn:
staff check the drawn panel first, and only the published panel is final."""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from samenspraak.assemblies.events import PanelPublished
from samenspraak.core.links import absolute_url
from samenspraak.core.mail import mail_person

SUBJECT = "assemblies/email/outcome_subject.txt"
BODY = "assemblies/email/outcome_body.txt"


def outcome(member) -> str:
    return member.outcome


def outcome_mail(event: PanelPublished) -> int:
    """Queue one mail per volunteer with an e-mail address; returns the number queued. Runs
    once per assembly (a second delivery of the event sends nothing)."""
    from samenspraak.assemblies.models import Assembly, PoolMember, Stage

    claimed = Assembly.objects.filter(
        pk=event.assembly_id, stage=Stage.PUBLISHED, outcome_mailed_at__isnull=True
    ).update(outcome_mailed_at=timezone.now())
    if not claimed:
        return 0
    assembly = Assembly.objects.select_related("process").get(pk=event.assembly_id)
    members = (
        PoolMember.objects.filter(assembly=assembly, registration__isnull=False)
        .exclude(registration__email="")
        .select_related("registration__user")
        .order_by("pk")
    )
    sent = 0
    for member in members:
        registration = member.registration
        if registration is None:  # erased meanwhile
            continue
        account = registration.user
        person = SimpleNamespace(
            email=registration.email,
            language=registration.language or (account.language if account else ""),
        )

        def context(member=member, registration=registration):
            path = reverse("assemblies:publication", args=[assembly.process.slug, assembly.pk])
            return {
                "assembly": assembly,
                "name": registration.name,
                "outcome": outcome(member),
                "place": member.reserve_rank,
                "public_id": member.public_id,
                "link": absolute_url(path),
            }

        mail_person(person, subject_template=SUBJECT, body_template=BODY, context=context)
        sent += 1
    return sent
