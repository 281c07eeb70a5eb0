"""Council members: the clerk verifies a member's public profile (with the areas and themes
they follow); verified members react publicly to initiatives, inputs and processes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.models import Role
from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT, too_long
from samenspraak.initiatives import permissions
from samenspraak.initiatives.events import CouncilMemberReacted, CouncilReactionPosted
from samenspraak.initiatives.models import CouncilMember, CouncilReaction, Initiative
from samenspraak.initiatives.services.common import REASON_MIN, AuditAction


def council_member_save(
    *,
    actor,
    municipality,
    user,
    name: str,
    party: str,
    portfolio: str = "",
    bio: str = "",
    areas=None,
    topics=None,
    request=None,
) -> CouncilMember:
    """The clerk confirms that `user` is a member of the council and writes their public
    profile (or changes it)."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie controleert raadsleden."))
    errors = {}
    if user is None or user.role != Role.COUNCIL_MEMBER or not user.is_active:
        errors["user"] = _("Kies een account met de rol raadslid.")
    name, party = (name or "").strip(), (party or "").strip()
    if len(name) < 2:
        errors["name"] = _("Vul de naam in zoals die openbaar staat.")
    if len(party) < 2:
        errors["party"] = _("Vul de partij in.")
    bio = (bio or "").strip()
    if message := too_long(bio, TEXT_SHORT):
        errors["bio"] = message
    areas, topics = list(areas or []), list(topics or [])
    if any(a.municipality_id != municipality.pk for a in areas):
        errors["areas"] = _("Kies gebieden van deze gemeente.")
    if any(t.municipality_id != municipality.pk for t in topics):
        errors["topics"] = _("Kies thema's van deze gemeente.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        member = CouncilMember.objects.filter(user=user).first() or CouncilMember(
            user=user, municipality=municipality
        )
        member.name, member.party = name[:120], party[:80]
        member.portfolio, member.bio = (portfolio or "").strip()[:200], bio
        member.verified_by, member.verified_at = actor, timezone.now()
        member.save()
        member.areas.set(areas)
        member.topics.set(topics)
        audit.record(actor, AuditAction.MEMBER_VERIFIED, member, None, request)
    return member


def verified_member(user) -> CouncilMember:
    """The council member profile `user` may react and answer with; PermissionDenied when the
    account is not a council member's or the clerk has not checked its profile."""
    member = CouncilMember.objects.filter(user=user).first() if user.is_authenticated else None
    if member is None or not permissions.can_see_queue(user) or user.role != Role.COUNCIL_MEMBER:
        raise PermissionDenied(
            _("Alleen raadsleden met een profiel dat de griffie controleerde, reageren hier.")
        )
    return member


def clean_body(body: str, *, field: str = "body", minimum: int = REASON_MIN, maximum=TEXT_SHORT):
    body = (body or "").strip()
    if len(body) < minimum:
        raise ValidationError({field: _("Schrijf minstens %(min)s tekens.") % {"min": minimum}})
    if message := too_long(body, maximum):
        raise ValidationError({field: message})
    return body


def council_reaction_post(
    *, user, body: str, initiative: Initiative | None = None, input=None, process=None
) -> CouncilReaction:
    """A verified council member reacts publicly to one public thing: an initiative, an input
    or a participation process of their municipality."""
    from samenspraak.consultation.permissions import can_view_input
    from samenspraak.processes.permissions import can_view_process

    if sum(x is not None for x in (initiative, input, process)) != 1:
        raise ValueError("council_reaction_post reacts to exactly one initiative, input or process")
    member = verified_member(user)
    if initiative is not None and not initiative.is_public:
        raise PermissionDenied(_("Dit initiatief is nog niet openbaar."))
    if input is not None and not (input.process.is_published and can_view_input(user, input)):
        raise PermissionDenied(_("Deze inbreng is niet openbaar."))
    if process is not None and not (process.is_published and can_view_process(user, process)):
        raise PermissionDenied(_("Dit proces is nog niet openbaar."))
    subject = initiative or input or process
    municipality_id = (
        input.process.municipality_id if input is not None else subject.municipality_id
    )
    if municipality_id != member.municipality_id:
        raise PermissionDenied(_("U bent raadslid in een andere gemeente."))
    body = clean_body(body)
    with transaction.atomic():
        reaction = CouncilReaction.objects.create(
            initiative=initiative, input=input, process=process, member=member, body=body
        )
        if initiative is not None:
            events.emit(CouncilMemberReacted(initiative_id=initiative.pk, reaction_id=reaction.pk))
        else:
            events.emit(
                CouncilReactionPosted(
                    reaction_id=reaction.pk,
                    subject="input" if input is not None else "process",
                    subject_id=subject.pk,
                    process_id=input.process_id if input is not None else process.pk,
                )
            )
    return reaction
