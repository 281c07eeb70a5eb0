"""Start and check: the concept, co-initiators, submitting, the clerk's check, the by-law."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT, too_long
from samenspraak.initiatives import permissions, selectors
from samenspraak.initiatives.events import (
    InitiativeReviewed,
    InitiativeSubmitted,
)
from samenspraak.initiatives.models import (
    ByLaw,
    CoInitiator,
    Initiative,
    InitiativeKind,
    MinimumAge,
    Status,
)
from samenspraak.initiatives.services.common import (
    MAX_COLLECT_DAYS,
    REASON_MIN,
    TEXT_MIN,
    TITLE_MAX,
    TITLE_MIN,
    AuditAction,
    _day,
    _lock,
    _postcodes_valid,
    _refresh,
    _step,
)


def validate_text(values: dict) -> dict:
    errors: dict[str, str] = {}
    title = (values.get("title") or "").strip()
    if len(title) < TITLE_MIN:
        errors["title"] = _("Geef een titel van minstens %(min)s tekens.") % {"min": TITLE_MIN}
    elif len(title) > TITLE_MAX:
        errors["title"] = _("De titel mag hoogstens %(max)s tekens zijn. Nu zijn het er %(n)s.") % {
            "max": TITLE_MAX,
            "n": len(title),
        }
    for name in ("problem", "proposal", "council_ask"):
        text = (values.get(name) or "").strip()
        if len(text) < TEXT_MIN:
            errors[name] = _("Schrijf minstens %(min)s tekens.") % {"min": TEXT_MIN}
        elif message := too_long(text, TEXT_SHORT):
            errors[name] = message
    return errors


def _clean(municipality, values: dict) -> dict:
    errors = validate_text(values)
    kind = values.get("kind")
    if kind not in InitiativeKind.values:
        errors["kind"] = _("Kies wat u de raad vraagt.")
    area = values.get("area")
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = _("Kies een gebied in de gemeente.")
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "title": values["title"].strip(),
        "problem": values["problem"].strip(),
        "proposal": values["proposal"].strip(),
        "council_ask": values["council_ask"].strip(),
        "area": area,
    }


def initiative_create(*, initiator, municipality, **values) -> Initiative:
    """A resident starts an initiative (a concept only they see). They must be allowed to sign
    it themselves under the by-law for its kind."""
    if not permissions.can_start(initiator):
        raise PermissionDenied(_("Alleen inwoners kunnen een burgerinitiatief beginnen."))
    cleaned = _clean(municipality, values)
    problem = selectors.eligibility_problem(
        initiator, selectors.bylaw_for(municipality, cleaned["kind"])
    )
    if problem:
        raise PermissionDenied(problem)
    with transaction.atomic():
        initiative = Initiative.objects.create(
            municipality=municipality,
            initiator=initiator,
            invite_token=secrets.token_urlsafe(16),
            **cleaned,
        )
        _step(initiative, Status.CONCEPT)
    return initiative


def initiative_update(*, actor, initiative: Initiative, **values) -> Initiative:
    if not permissions.can_edit(actor, initiative):
        raise PermissionDenied(_("U kunt dit initiatief niet meer aanpassen."))
    cleaned = _clean(initiative.municipality, values)
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.CONCEPT:
            raise PermissionDenied(_("U kunt dit initiatief niet meer aanpassen."))
        for name, value in cleaned.items():
            setattr(initiative, name, value)
        initiative.save(update_fields=[*cleaned, "updated_at"])
    return initiative


def co_initiator_join(*, user, initiative: Initiative, token: str) -> bool:
    """A resident joins as co-initiator through the initiator's link (before collecting
    starts). True when new, False when they had joined already."""
    if not permissions.is_resident(user):
        raise PermissionDenied(_("Alleen inwoners kunnen mede-initiatiefnemer worden."))
    if not token or not secrets.compare_digest(token, initiative.invite_token or ""):
        raise PermissionDenied(_("Deze uitnodiging klopt niet."))
    if initiative.status not in (Status.CONCEPT, Status.IN_REVIEW):
        raise PermissionDenied(_("Meedoen als initiatiefnemer kan niet meer."))
    if initiative.initiator_id == user.pk:
        return False
    problem = selectors.eligibility_problem(
        user, selectors.bylaw_for(initiative.municipality_id, initiative.kind)
    )
    if problem:
        raise PermissionDenied(problem)
    try:
        with transaction.atomic():
            CoInitiator.objects.create(initiative=initiative, user=user)
    except IntegrityError:
        return False
    return True


def initiative_submit(*, actor, initiative: Initiative) -> Initiative:
    """The initiator asks the clerk to check the initiative (concept -> in review)."""
    if not permissions.is_initiator(actor, initiative):
        raise PermissionDenied(_("Alleen de initiatiefnemer kan het initiatief indienen."))
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.CONCEPT:
            raise PermissionDenied(_("Dit initiatief is al ingediend."))
        locked.status = Status.IN_REVIEW
        locked.save(update_fields=["status", "updated_at"])
        _step(locked, Status.IN_REVIEW)
        events.emit(InitiativeSubmitted(initiative_id=locked.pk))
    return _refresh(initiative, locked)


def initiative_review(
    *, actor, initiative: Initiative, admit: bool, reason: str = "", request=None
) -> Initiative:
    """The clerk checks the initiative against the by-law: admitted, collecting starts with the
    by-law's numbers of today; or refused with a public reason."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie controleert initiatieven."))
    reason = (reason or "").strip()
    if not admit and len(reason) < REASON_MIN:
        raise ValidationError(
            {"reason": _("Schrijf waarom het initiatief niet wordt toegelaten. Dit is openbaar.")}
        )
    if message := too_long(reason, TEXT_SHORT):
        raise ValidationError({"reason": message})
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.IN_REVIEW:
            raise PermissionDenied(_("Dit initiatief wacht niet op een controle."))
        if admit:
            bylaw = selectors.bylaw_for(locked.municipality_id, locked.kind)
            if bylaw is None:
                raise ValidationError(
                    {
                        "reason": _(
                            "Er zijn nog geen regels voor dit soort initiatief. Vul eerst de "
                            "participatieverordening in."
                        )
                    }
                )
            locked.status = Status.COLLECTING
            locked.signatures_needed = bylaw.signatures_needed
            locked.last_day = timezone.localdate() + datetime.timedelta(days=bylaw.collect_days)
            locked.save(update_fields=["status", "signatures_needed", "last_day", "updated_at"])
            _step(
                locked,
                Status.COLLECTING,
                _("%(needed)s handtekeningen nodig, tekenen kan tot en met %(day)s.")
                % {"needed": bylaw.signatures_needed, "day": _day(locked.last_day)}
                + (f"\n{reason}" if reason else ""),
            )
            audit.record(actor, AuditAction.ADMITTED, locked, None, request)
        else:
            locked.status = Status.REFUSED
            locked.refusal_reason = reason
            locked.save(update_fields=["status", "refusal_reason", "updated_at"])
            _step(locked, Status.REFUSED, reason)
            audit.record(actor, AuditAction.REFUSED, locked, None, request)
        events.emit(InitiativeReviewed(initiative_id=locked.pk, admitted=admit))
    return _refresh(initiative, locked)


def bylaw_save(
    *,
    actor,
    municipality,
    kind: str,
    signatures_needed: int,
    collect_days: int,
    minimum_age: int,
    postcodes: str = "",
    request=None,
) -> ByLaw:
    """The clerk writes down what the participation by-law says for one kind of initiative.
    Initiatives already collecting keep the numbers they started with."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie legt de regels vast."))
    errors = {}
    if kind not in InitiativeKind.values:
        errors["kind"] = _("Kies een soort initiatief.")
    if not 1 <= signatures_needed <= 1_000_000:
        errors["signatures_needed"] = _("Vul een aantal van 1 tot 1.000.000 in.")
    if not 1 <= collect_days <= MAX_COLLECT_DAYS:
        errors["collect_days"] = _("Vul een aantal dagen van 1 tot %(max)s in.") % {
            "max": MAX_COLLECT_DAYS
        }
    if minimum_age not in MinimumAge.values:
        errors["minimum_age"] = _("Kies 16 of 18 jaar.")
    postcodes = " ".join((postcodes or "").replace(",", ", ").split()).strip(", ")
    if postcodes and not _postcodes_valid(postcodes):
        errors["postcodes"] = _(
            "Schrijf de cijfers van postcodes, of reeksen met een streepje: 9990-9999, 9801."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bylaw = ByLaw.objects.filter(municipality=municipality, kind=kind).first() or ByLaw(
            municipality=municipality, kind=kind
        )
        before = {
            "signatures_needed": bylaw.signatures_needed,
            "collect_days": bylaw.collect_days,
            "minimum_age": bylaw.minimum_age if bylaw.pk else None,
        }
        bylaw.signatures_needed, bylaw.collect_days = signatures_needed, collect_days
        bylaw.minimum_age, bylaw.postcodes = minimum_age, postcodes
        bylaw.save()
        audit.record(
            actor,
            AuditAction.BYLAW_SAVED,
            bylaw,
            {
                name: [before[name], getattr(bylaw, name)]
                for name in before
                if before[name] != getattr(bylaw, name)
            },
            request,
        )
    return bylaw
