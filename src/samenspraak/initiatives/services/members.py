"""Council members: the clerk verifies a member's public profile; verified members react
publicly to initiatives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.models import Role
from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT, too_long
from samenspraak.initiatives import permissions
from samenspraak.initiatives.events import CouncilMemberReacted
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
        audit.record(actor, AuditAction.MEMBER_VERIFIED, member, None, request)
    return member


def council_reaction_post(*, user, initiative: Initiative, body: str) -> CouncilReaction:
    """A verified council member reacts publicly to a public initiative."""
    member = CouncilMember.objects.filter(user=user).first() if user.is_authenticated else None
    if member is None or not permissions.can_see_queue(user) or user.role != Role.COUNCIL_MEMBER:
        raise PermissionDenied(
            _("Alleen raadsleden met een profiel dat de griffie controleerde, reageren hier.")
        )
    if not initiative.is_public:
        raise PermissionDenied(_("Dit initiatief is nog niet openbaar."))
    body = (body or "").strip()
    if len(body) < REASON_MIN:
        raise ValidationError({"body": _("Schrijf minstens %(min)s tekens.") % {"min": REASON_MIN}})
    if message := too_long(body, TEXT_SHORT):
        raise ValidationError({"body": message})
    with transaction.atomic():
        reaction = CouncilReaction.objects.create(initiative=initiative, member=member, body=body)
        events.emit(CouncilMemberReacted(initiative_id=initiative.pk, reaction_id=reaction.pk))
    return reaction
