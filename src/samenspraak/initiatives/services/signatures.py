"""Signing online, withdrawing, reaching the threshold, and the expiry clock."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import events
from samenspraak.initiatives import selectors
from samenspraak.initiatives.events import (
    InitiativeExpired,
    SignatureCounted,
    ThresholdReached,
)
from samenspraak.initiatives.models import (
    Initiative,
    Signature,
    SignatureChannel,
    Status,
)
from samenspraak.initiatives.services.common import (
    _lock,
    _refresh,
    _step,
)


def _closed_message(initiative: Initiative) -> str:
    if initiative.status == Status.COLLECTING:
        return _("De termijn om te tekenen is voorbij.")
    if initiative.status in (Status.AGENDA, Status.SCHEDULED, Status.DECIDED):
        return _("Het tekenen is gesloten: er zijn genoeg handtekeningen.")
    return _("U kunt dit initiatief nu niet tekenen.")


def _reach_threshold(locked: Initiative) -> None:
    """Enough signatures: into the council agenda queue (the caller holds the lock)."""
    if locked.status == Status.COLLECTING and locked.signature_count >= locked.signatures_needed:
        locked.status = Status.AGENDA
        locked.save(update_fields=["status", "updated_at"])
        _step(
            locked,
            Status.AGENDA,
            _("%(count)s handtekeningen: het initiatief gaat naar de raad.")
            % {"count": locked.signature_count},
        )
        events.emit(
            ThresholdReached(initiative_id=locked.pk, signature_count=locked.signature_count)
        )


def signature_add(*, user, initiative: Initiative, notify: bool = False) -> bool:
    """Sign once. True when the signature is new, False when the person had signed already.

    The initiative's row is locked while counting, and a unique constraint keeps one signature
    per person, so two requests at once give exactly one signature and one count. Reaching the
    threshold moves the initiative into the council agenda queue in the same transaction."""
    problem = selectors.eligibility_problem(
        user, selectors.bylaw_for(initiative.municipality_id, initiative.kind)
    )
    if problem:
        raise PermissionDenied(problem)
    if Signature.objects.filter(initiative=initiative, user=user).exists():
        return False  # signed before: no need to wait for the initiative's lock
    with transaction.atomic():
        locked = _lock(initiative)
        if not selectors.is_open_for_signing(locked):
            if Signature.objects.filter(initiative=locked, user=user).exists():
                return False
            raise PermissionDenied(_closed_message(locked))
        try:
            with transaction.atomic():
                Signature.objects.create(
                    initiative=locked, user=user, channel=SignatureChannel.ONLINE, notify=notify
                )
        except IntegrityError:
            return False
        locked.signature_count = F("signature_count") + 1
        locked.save(update_fields=["signature_count", "updated_at"])
        locked.refresh_from_db(fields=["signature_count"])
        events.emit(
            SignatureCounted(
                initiative_id=locked.pk,
                signature_count=locked.signature_count,
                channel=SignatureChannel.ONLINE,
            )
        )
        _reach_threshold(locked)
    _refresh(initiative, locked)
    return True


def signature_withdraw(*, user, initiative: Initiative) -> bool:
    """Withdraw one's own signature while signing is open. True when withdrawn, False when
    there was none."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Log eerst in."))
    with transaction.atomic():
        locked = _lock(initiative)
        signature = Signature.objects.filter(initiative=locked, user=user).first()
        if signature is None:
            return False
        if not selectors.is_open_for_signing(locked):
            raise PermissionDenied(
                _("Intrekken kan niet meer: het tekenen is gesloten. Uw handtekening telt mee.")
            )
        signature.delete()
        locked.signature_count = F("signature_count") - 1
        locked.save(update_fields=["signature_count", "updated_at"])
        locked.refresh_from_db(fields=["signature_count"])
        events.emit(
            SignatureCounted(
                initiative_id=locked.pk,
                signature_count=locked.signature_count,
                channel=SignatureChannel.ONLINE,
            )
        )
    _refresh(initiative, locked)
    return True


def expire_clock(now=None) -> int:
    """Clock (core.events): initiatives whose collecting period ended without enough
    signatures expire. Idempotent: each expires once. Returns the number that expired."""
    today = timezone.localdate(now) if now else timezone.localdate()
    count = 0
    due = Initiative.objects.filter(status=Status.COLLECTING, last_day__lt=today)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            locked = Initiative.objects.select_for_update().get(pk=pk)
            if locked.status != Status.COLLECTING or not (
                locked.last_day and locked.last_day < today
            ):
                continue
            locked.status = Status.EXPIRED
            locked.save(update_fields=["status", "updated_at"])
            _step(
                locked,
                Status.EXPIRED,
                _("De termijn is voorbij met %(count)s van de %(needed)s handtekeningen.")
                % {"count": locked.signature_count, "needed": locked.signatures_needed},
            )
            events.emit(
                InitiativeExpired(initiative_id=locked.pk, signature_count=locked.signature_count)
            )
            count += 1
    return count
