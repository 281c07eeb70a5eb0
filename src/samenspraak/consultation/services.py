"""Writes for input, supports and official answers. Views, commands and demo data call these."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.consultation import permissions, summary_cache
from samenspraak.consultation.events import InputAnswered, InputSubmitted
from samenspraak.consultation.models import (
    COLLECT,
    OFFLINE_CHANNELS,
    AnswerTemplate,
    Input,
    InputStatus,
    OfficialAnswer,
    Outcome,
    Support,
)
from samenspraak.core import audit, events
from samenspraak.core.geo import point_in_shape
from samenspraak.core.text import TEXT_LONG, TEXT_SHORT, too_long
from samenspraak.core.uploads import sanitise_image

TITLE_MIN, TITLE_MAX = 5, 120
BODY_MIN, BODY_MAX = 10, TEXT_SHORT


class AuditAction:
    REGISTERED = "consultation.input_registered"
    ASSIGNED = "consultation.input_assigned"
    STARTED = "consultation.input_started"
    ANSWERED = "consultation.input_answered"
    TEMPLATE_SAVED = "consultation.answer_template_saved"
    TEMPLATE_DELETED = "consultation.answer_template_deleted"


def validate_text(title: str | None, body: str | None) -> dict:
    errors = {}
    title, body = (title or "").strip(), (body or "").strip()
    if len(title) < TITLE_MIN:
        errors["title"] = _("Geef een titel van minstens %(min)s tekens.") % {"min": TITLE_MIN}
    elif message := too_long(title, TITLE_MAX):
        errors["title"] = message
    if len(body) < BODY_MIN:
        errors["body"] = _("Schrijf minstens %(min)s tekens.") % {"min": BODY_MIN}
    elif message := too_long(body, BODY_MAX):
        errors["body"] = message
    return errors


def _validate_place(process, area, latitude, longitude) -> dict:
    errors = {}
    if area is not None and area.municipality_id != process.municipality_id:
        errors["area"] = _("Kies een gebied in de gemeente.")
    if (latitude is None) != (longitude is None):
        errors["latitude"] = _(
            "Vul zowel de breedtegraad als de lengtegraad in, of geen van beide."
        )
    elif latitude is not None:
        from samenspraak.organisations.models import Area

        shapes = Area.objects.filter(
            municipality_id=process.municipality_id, shape__isnull=False
        ).values_list("shape", flat=True)
        if not any(point_in_shape(latitude, longitude, shape) for shape in shapes):
            errors["latitude"] = _("Dit punt ligt niet in de gemeente. Kies een punt op de kaart.")
    return errors


def _due_date(process, created_at: datetime.datetime) -> datetime.date:
    return timezone.localtime(created_at).date() + datetime.timedelta(days=process.answer_days)


def _build_input(*, process, phase, fields: dict, image, image_alt: str) -> Input:
    errors = validate_text(fields.get("title"), fields.get("body"))
    errors.update(
        _validate_place(
            process, fields.get("area"), fields.get("latitude"), fields.get("longitude")
        )
    )
    topic = fields.get("topic")
    if topic is not None and topic.municipality_id != process.municipality_id:
        errors["topic"] = _("Kies een thema uit de lijst.")
    if image:
        try:
            # Re-encoded without metadata, named by its real format (core/uploads.py).
            image = sanitise_image(image).file
        except ValidationError as error:
            errors["image"] = error.messages[0]
    image_alt = (image_alt or "").strip()
    if image and not image_alt:
        errors["image_alt"] = _("Beschrijf wat er op de afbeelding staat, voor wie hem niet ziet.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    item = Input(
        process=process,
        phase=phase,
        title=fields["title"].strip(),
        body=fields["body"].strip(),
        area=fields.get("area"),
        latitude=fields.get("latitude"),
        longitude=fields.get("longitude"),
        topic=topic,
        image_alt=image_alt if image else "",
        created_at=now,
        due_date=_due_date(process, now),
    )
    if image:
        item.image = image
    return item


def input_create(
    *, author, phase, fields: dict, image=None, image_alt: str = "", errors=None, attach=None
) -> Input:
    """The one route that saves a resident's Input and emits InputSubmitted, whatever app asks.
    The caller checks its own permission first (input_submit for collect phases; budgeting's
    project_submit for proposal phases). `fields` as in input_submit (title, body, area,
    latitude, longitude, topic); `errors` are the caller's own field errors, reported together
    with the Input's; `attach(item)` saves the caller's own record in the same transaction.
    Raises ValidationError per field, in Dutch."""
    try:
        item = _build_input(
            process=phase.process, phase=phase, fields=fields, image=image, image_alt=image_alt
        )
    except ValidationError as error:
        for field, message in (errors or {}).items():
            error.error_dict.setdefault(field, [ValidationError(message)])
        raise
    if errors:
        raise ValidationError(errors)
    item.author = author
    with transaction.atomic():
        item.full_clean(exclude=["image"])
        item.save()
        if attach is not None:
            attach(item)
        _emit_submitted(item)
    return item


def input_submit(
    *,
    author,
    phase,
    title: str,
    body: str,
    area=None,
    latitude: float | None = None,
    longitude: float | None = None,
    topic=None,
    image=None,
    image_alt: str = "",
) -> Input:
    """A resident's input during a collect phase. Raises PermissionDenied outside the phase,
    ValidationError (per field, in Dutch) on bad input."""
    if phase.kind != COLLECT or not permissions.can_submit(author, phase):
        raise PermissionDenied(_("U kunt nu geen inbreng geven: de inbrengfase loopt niet."))
    fields = dict(
        title=title, body=body, area=area, latitude=latitude, longitude=longitude, topic=topic
    )
    return input_create(author=author, phase=phase, fields=fields, image=image, image_alt=image_alt)


def _emit_submitted(item: Input) -> None:
    summary_cache.forget(item.process_id)
    events.emit(
        InputSubmitted(
            input_id=item.pk,
            process_id=item.process_id,
            phase_id=item.phase_id,
            channel=item.channel,
        )
    )


def input_register_offline(
    *,
    actor,
    phase,
    channel: str,
    received_on: datetime.date,
    title: str,
    body: str,
    submitter_name: str = "",
    area=None,
    latitude=None,
    longitude=None,
    topic=None,
    image=None,
    image_alt: str = "",
    request=None,
) -> Input:
    """Input received on paper, by phone, at a meeting or by e-mail, typed in by staff. From then
    on it is input like any other: listed, counted, answered. The answer deadline runs from the
    day it was received."""
    if not permissions.can_register_offline(actor, phase.process):
        raise PermissionDenied(_("U mag geen inbreng invoeren."))
    errors = {}
    if channel not in OFFLINE_CHANNELS:
        errors["channel"] = _("Kies hoe de inbreng binnenkwam.")
    today = timezone.localdate()
    if received_on is None:
        errors["received_on"] = _("Vul de datum in waarop de inbreng binnenkwam.")
    elif received_on > today:
        errors["received_on"] = _("Deze datum ligt in de toekomst.")
    if phase.kind != COLLECT:
        errors["phase"] = _("Inbreng hoort bij een fase voor inbreng.")
    fields = dict(
        title=title, body=body, area=area, latitude=latitude, longitude=longitude, topic=topic
    )
    try:
        item = _build_input(
            process=phase.process, phase=phase, fields=fields, image=image, image_alt=image_alt
        )
    except ValidationError as error:
        error.error_dict.update({k: [ValidationError(v)] for k, v in errors.items()})
        raise
    if errors:
        raise ValidationError(errors)
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    item.created_at = min(received_at, timezone.now())
    item.due_date = received_on + datetime.timedelta(days=phase.process.answer_days)
    item.channel = channel
    item.received_on = received_on
    item.registered_by = actor
    item.submitter_name = (submitter_name or "").strip()[:80]
    with transaction.atomic():
        item.full_clean(exclude=["image"])
        item.save()
        _emit_submitted(item)
        audit.record(
            actor,
            AuditAction.REGISTERED,
            item,
            {"channel": channel, "received_on": received_on},
            request,
        )
    return item


def input_support(*, user, input: Input) -> bool:
    """Support an input once. Returns True when the support is new, False when the person had
    already supported it (not an error). The unique constraint makes this safe when two requests
    race; the counter is raised with F() in the same transaction."""
    if not permissions.can_support(user, input):
        raise PermissionDenied(_("U kunt deze inbreng nu niet steunen."))
    try:
        with transaction.atomic():
            Support.objects.create(input=input, user=user)
            Input.objects.filter(pk=input.pk).update(support_count=F("support_count") + 1)
            summary_cache.forget(input.process_id)
    except IntegrityError:
        return False
    return True


def support_withdraw(*, user, input: Input) -> bool:
    """Take back one's support while the input's phase still allows support (after that the
    count is part of what happened: a budget project's threshold, the figures). Returns True when
    a support was taken back, False when the person did not support it (not an error). The row
    is deleted and the counter lowered with F() in one transaction, so two requests that race
    lower it once."""
    if not permissions.can_support(user, input):
        raise PermissionDenied(
            _("U kunt uw steun nu niet intrekken: de fase om te steunen is voorbij.")
        )
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(input=input, user=user).delete()
        if not deleted:
            return False
        Input.objects.filter(pk=input.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
        summary_cache.forget(input.process_id)
    return True


def input_assign(*, actor, input: Input, owner, request=None) -> Input:
    if not permissions.can_answer(actor, input):
        raise PermissionDenied(_("U mag geen behandelaar toewijzen."))
    if owner is not None and not permissions.can_answer(owner, input):
        raise ValidationError({"owner": _("Kies een procesbegeleider of beheerder.")})
    with transaction.atomic():
        before = input.owner_id
        input.owner = owner
        input.save(update_fields=["owner"])
        audit.record(
            actor, AuditAction.ASSIGNED, input, {"owner": [before, owner and owner.pk]}, request
        )
    return input


def input_start(*, actor, input: Input, request=None) -> Input:
    if not permissions.can_answer(actor, input):
        raise PermissionDenied(_("U mag deze inbreng niet in behandeling nemen."))
    if input.status != InputStatus.SUBMITTED:
        return input
    with transaction.atomic():
        input.status = InputStatus.IN_PROGRESS
        if input.owner_id is None:
            input.owner = actor
        input.save(update_fields=["status", "owner"])
        audit.record(actor, AuditAction.STARTED, input, {"status": input.status}, request)
    return input


def input_answer(
    *, actor, input: Input, body: str, outcome: str, reason: str, request=None
) -> OfficialAnswer:
    """Publish the municipality's answer (outcome and reason). The event InputAnswered tells
    the author and followers by e-mail (consultation.notifications, in the worker)."""
    if not permissions.can_answer(actor, input):
        raise PermissionDenied(_("U mag geen antwoord van de gemeente geven."))
    errors = {}
    body, reason = (body or "").strip(), (reason or "").strip()
    if len(body) < BODY_MIN:
        errors["body"] = _("Schrijf een antwoord van minstens %(min)s tekens.") % {"min": BODY_MIN}
    elif message := too_long(body, TEXT_LONG):
        errors["body"] = message
    if outcome not in Outcome.values:
        errors["outcome"] = _("Kies een uitkomst.")
    if len(reason) < 5:
        errors["reason"] = _("Leg uit waarom: schrijf minstens 5 tekens.")
    elif message := too_long(reason, TEXT_SHORT):
        errors["reason"] = message
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = Input.objects.select_for_update().get(pk=input.pk)
        answer = OfficialAnswer.objects.filter(input=locked).first() or OfficialAnswer(input=locked)
        first_time = answer.pk is None
        answer.body, answer.outcome, answer.reason = body, outcome, reason
        answer.answered_by = actor
        if first_time:
            answer.published_at = now
        answer.full_clean()
        answer.save()
        locked.status = InputStatus.ANSWERED
        if locked.answered_at is None:
            locked.answered_at = now
        locked.save(update_fields=["status", "answered_at"])
        summary_cache.forget(locked.process_id)
        input.status, input.answered_at = locked.status, locked.answered_at
        audit.record(
            actor,
            AuditAction.ANSWERED,
            locked,
            {"outcome": outcome, "first": first_time},
            request,
        )
        events.emit(
            InputAnswered(
                input_id=locked.pk,
                process_id=locked.process_id,
                answer_id=answer.pk,
                first=first_time,
            )
        )
    return answer


# --- Answer templates ------------------------------------------------------------------------


def answer_template_save(
    *,
    actor,
    municipality,
    title: str,
    body: str,
    outcome: str,
    template: AnswerTemplate | None = None,
    request=None,
) -> AnswerTemplate:
    """Create or change a standard answer that staff can start an official answer from; its
    outcome is what choosing it sets on the answer ("Niet overgenomen": not adopted)."""
    if not permissions.can_answer(actor):
        raise PermissionDenied(_("U mag geen standaardantwoorden beheren."))
    template = template or AnswerTemplate(municipality=municipality)
    template.title, template.body = (title or "").strip(), (body or "").strip()
    template.outcome = outcome or ""
    if message := too_long(template.body, TEXT_LONG):
        raise ValidationError({"body": message})
    if template.outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies de uitkomst die bij dit antwoord hoort.")})
    template.full_clean()
    with transaction.atomic():
        template.save()
        changes = {"title": template.title, "outcome": template.outcome}
        audit.record(actor, AuditAction.TEMPLATE_SAVED, template, changes, request)
    return template


def answer_template_delete(*, actor, template: AnswerTemplate, request=None) -> None:
    if not permissions.can_answer(actor):
        raise PermissionDenied(_("U mag geen standaardantwoorden beheren."))
    with transaction.atomic():
        changes = {"title": template.title}
        audit.record(actor, AuditAction.TEMPLATE_DELETED, template, changes, request)
        template.delete()
