"""Writes for delivery: projects, their status, milestones, updates and origins. Every write
checks the actor, records the audit log and emits its event (core.events) in one transaction.
Bad input raises ValidationError with a Dutch message per field; no permission, PermissionDenied.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.dates import format_day
from samenspraak.core.money import parse_money
from samenspraak.core.text import TEXT_LONG, TEXT_SHORT, too_long
from samenspraak.core.uploads import sanitise_image
from samenspraak.delivery import permissions, selectors
from samenspraak.delivery.events import (
    MilestoneReached,
    ProjectCompleted,
    ProjectCreated,
    ProjectStatusChanged,
    UpdatePosted,
)
from samenspraak.delivery.models import (
    DeliveryProject,
    Milestone,
    Origin,
    ProjectStatus,
    Update,
)
from samenspraak.organisations.models import Municipality

TITLE_MIN, TITLE_MAX = 3, 120
BODY_MIN = 10


class AuditAction:
    CREATED = "delivery.project_created"
    CHANGED = "delivery.project_changed"
    STATUS_CHANGED = "delivery.status_changed"
    MILESTONE_SAVED = "delivery.milestone_saved"
    MILESTONE_DELETED = "delivery.milestone_deleted"
    UPDATE_POSTED = "delivery.update_posted"
    UPDATE_DELETED = "delivery.update_deleted"
    ORIGIN_ADDED = "delivery.origin_added"
    ORIGIN_REMOVED = "delivery.origin_removed"


#: Where a project may go from each status. Delivered can be reopened (a defect after all);
#: a stopped project can start again.
STATUS_MOVES: dict[str, frozenset[str]] = {
    ProjectStatus.PLANNED: frozenset(
        {ProjectStatus.IN_PROGRESS, ProjectStatus.DELAYED, ProjectStatus.STOPPED}
    ),
    ProjectStatus.IN_PROGRESS: frozenset(
        {ProjectStatus.DELAYED, ProjectStatus.DELIVERED, ProjectStatus.STOPPED}
    ),
    ProjectStatus.DELAYED: frozenset(
        {ProjectStatus.IN_PROGRESS, ProjectStatus.DELIVERED, ProjectStatus.STOPPED}
    ),
    ProjectStatus.DELIVERED: frozenset({ProjectStatus.IN_PROGRESS}),
    ProjectStatus.STOPPED: frozenset({ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS}),
}


def _require_manager(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied(
            _("Alleen procesbegeleiders en beheerders houden uitvoeringsprojecten bij.")
        )


def _forget_counts(project: DeliveryProject) -> None:
    """The home page's cached figures (selectors.public_counts) are stale after a write."""
    key = selectors.public_counts_key(project.municipality_id)
    transaction.on_commit(lambda: cache.delete(key))


def _money(value: Any, errors: dict, name: str, *, required: bool) -> Decimal | None:
    """An amount typed by a person or given as a number; errors in `errors[name]`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[name] = _("Vul een bedrag in, bijvoorbeeld 12.500 of 12500,50.")
        return None
    if isinstance(value, str) and value.strip().startswith("-"):
        errors[name] = _("Een bedrag kan niet lager zijn dan 0.")
        return None
    try:
        amount = parse_money(value) if not isinstance(value, float) else Decimal(str(value))
    except ValueError as error:
        errors[name] = str(error)
        return None
    if amount < 0:
        errors[name] = _("Een bedrag kan niet lager zijn dan 0.")
        return None
    return amount.quantize(Decimal("0.01"))


def _progress(value: Any, errors: dict) -> int:
    try:
        progress = int(str(value).strip().rstrip("%")) if value not in (None, "") else 0
    except ValueError:
        errors["progress"] = _("Vul de voortgang in als een heel getal van 0 tot en met 100.")
        return 0
    if not 0 <= progress <= 100:
        errors["progress"] = _(
            "De voortgang is een percentage: van 0 tot en met 100. U vulde %(value)s in."
        ) % {"value": progress}
    return progress


def _title(value: Any, errors: dict, name: str = "title") -> str:
    title = (value or "").strip()
    if len(title) < TITLE_MIN:
        errors[name] = _("Geef een titel van minstens %(min)s tekens.") % {"min": TITLE_MIN}
    elif message := too_long(title, TITLE_MAX):
        errors[name] = message
    return title


def _check_project(municipality: Municipality, data: dict, current: DeliveryProject | None):
    """The cleaned fields of a project, or ValidationError with every problem at once."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {"title": _title(data.get("title"), errors)}
    description = (data.get("description") or "").strip()
    if message := too_long(description, TEXT_LONG):
        errors["description"] = message
    cleaned["description"] = description
    status = data.get("status") or ProjectStatus.PLANNED
    if status not in ProjectStatus.values:
        errors["status"] = _("Kies een status uit de lijst.")
    elif (
        current is not None
        and status != current.status
        and status not in STATUS_MOVES[current.status]
    ):
        errors["status"] = _(
            "Van '%(old)s' kan een project niet naar '%(new)s'. Dat kan wel naar: %(moves)s."
        ) % {
            "old": current.get_status_display(),
            "new": ProjectStatus(status).label,
            "moves": ", ".join(
                str(ProjectStatus(s).label)
                for s in ProjectStatus.values
                if s in STATUS_MOVES[current.status]
            ),
        }
    cleaned["status"] = status
    cleaned["progress"] = _progress(data.get("progress"), errors)
    if (
        status == ProjectStatus.DELIVERED
        and "progress" not in errors
        and cleaned["progress"] != 100
    ):
        errors["progress"] = _(
            "Een opgeleverd project is 100% klaar. Zet de voortgang op 100 of kies een "
            "andere status."
        )
    cleaned["budget_planned"] = _money(
        data.get("budget_planned"), errors, "budget_planned", required=False
    )
    spent = _money(data.get("budget_spent"), errors, "budget_spent", required=False)
    cleaned["budget_spent"] = spent if spent is not None else Decimal(0)
    for name in ("department", "area", "topic"):
        value = data.get(name)
        if value is not None and value.municipality_id != municipality.pk:
            errors[name] = _("Kies uit de lijst van deze gemeente.")
        cleaned[name] = value
    latitude, longitude = data.get("latitude"), data.get("longitude")
    if (latitude is None) != (longitude is None):
        errors["longitude" if latitude is not None else "latitude"] = _(
            "Vul breedtegraad en lengtegraad allebei in, of allebei niet."
        )
    elif (
        latitude is not None
        and longitude is not None
        and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        errors["latitude"] = _("Deze plek bestaat niet. Kies de plek op de kaart.")
    cleaned["latitude"], cleaned["longitude"] = latitude, longitude
    cleaned["place_name"] = (data.get("place_name") or "").strip()[:200]
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("Het project kan niet klaar zijn voordat het begint (%(day)s).") % {
            "day": format_day(starts_on)
        }
    cleaned["starts_on"], cleaned["ends_on"] = starts_on, ends_on
    cleaned["is_public"] = bool(data.get("is_public"))
    if errors:
        raise ValidationError(errors)
    return cleaned


def project_create(
    *,
    actor,
    municipality: Municipality,
    data: dict,
    origins: list[tuple[str, int]] | None = None,
    request=None,
) -> DeliveryProject:
    """A new project; `origins` ("app.Model", id) are linked in the same transaction (each
    checked like origin_add)."""
    _require_manager(actor)
    cleaned = _check_project(municipality, data, None)
    found = [_origin_target(municipality, key, object_id) for key, object_id in origins or []]
    with transaction.atomic():
        project = DeliveryProject.objects.create(
            municipality=municipality, created_by=actor, **cleaned
        )
        if project.status == ProjectStatus.DELIVERED:
            project.delivered_on = timezone.localdate()
            project.save(update_fields=["delivered_on"])
        for content_type, object_id in found:
            Origin.objects.get_or_create(
                project=project, content_type=content_type, object_id=object_id
            )
        audit.record(
            actor,
            AuditAction.CREATED,
            project,
            {"status": project.status, "public": project.is_public, "origins": len(found)},
            request,
        )
        events.emit(
            ProjectCreated(project_id=project.pk, status=project.status, public=project.is_public)
        )
        if project.status == ProjectStatus.DELIVERED:
            events.emit(ProjectCompleted(project_id=project.pk))
        _forget_counts(project)
    return project


def project_update(*, actor, project: DeliveryProject, data: dict, request=None) -> DeliveryProject:
    """Save the project's fields; a status change follows STATUS_MOVES, is recorded and emitted
    (delivered: the day is kept and ProjectCompleted emitted)."""
    _require_manager(actor)
    with transaction.atomic():
        locked = DeliveryProject.objects.select_for_update().get(pk=project.pk)
        municipality = Municipality.objects.get(pk=locked.municipality_id)
        cleaned = _check_project(municipality, data, locked)
        old_status = locked.status
        changes = {
            name: [str(getattr(locked, name)), str(value)]
            for name, value in cleaned.items()
            if getattr(locked, name) != value and name not in ("description",)
        }
        for name, value in cleaned.items():
            setattr(locked, name, value)
        if locked.status != old_status:
            if locked.status == ProjectStatus.DELIVERED:
                locked.delivered_on = timezone.localdate()
            elif old_status == ProjectStatus.DELIVERED:
                locked.delivered_on = None
        locked.save()
        audit.record(actor, AuditAction.CHANGED, locked, changes, request)
        if locked.status != old_status:
            audit.record(
                actor,
                AuditAction.STATUS_CHANGED,
                locked,
                {"status": [old_status, locked.status]},
                request,
            )
            events.emit(
                ProjectStatusChanged(
                    project_id=locked.pk, old_status=old_status, status=locked.status
                )
            )
            if locked.status == ProjectStatus.DELIVERED:
                events.emit(ProjectCompleted(project_id=locked.pk))
        _forget_counts(locked)
    for name in (*cleaned, "delivered_on", "updated_at"):
        setattr(project, name, getattr(locked, name))
    return project


# --- Milestones ---------------------------------------------------------------------------------


def milestone_save(
    *,
    actor,
    project: DeliveryProject,
    title: str,
    planned_on: datetime.date | None,
    done_on: datetime.date | None = None,
    milestone: Milestone | None = None,
    request=None,
) -> Milestone:
    """Add a milestone or change one. Planned not before the project starts; done not in the
    future nor before the project starts. Marking it done emits MilestoneReached."""
    _require_manager(actor)
    if milestone is not None and milestone.project_id != project.pk:
        raise PermissionDenied(_("Deze mijlpaal hoort bij een ander project."))
    errors: dict[str, str] = {}
    title = _title(title, errors)
    today = timezone.localdate()
    if planned_on is None:
        errors["planned_on"] = _("Vul de geplande datum in.")
    elif project.starts_on and planned_on < project.starts_on:
        errors["planned_on"] = _(
            "Het project begint op %(day)s. Een mijlpaal kan niet eerder gepland zijn."
        ) % {"day": format_day(project.starts_on)}
    if done_on is not None:
        if done_on > today:
            errors["done_on"] = _(
                "Een mijlpaal is pas gehaald als het zo ver is: niet in de toekomst."
            )
        elif project.starts_on and done_on < project.starts_on:
            errors["done_on"] = _(
                "Het project begint op %(day)s. Een mijlpaal kan niet eerder gehaald zijn."
            ) % {"day": format_day(project.starts_on)}
    if errors:
        raise ValidationError(errors)
    assert planned_on is not None
    with transaction.atomic():
        was_done = False
        if milestone is None:
            milestone = Milestone(project=project)
        else:
            was_done = Milestone.objects.filter(pk=milestone.pk, done_on__isnull=False).exists()
        milestone.title, milestone.planned_on, milestone.done_on = title, planned_on, done_on
        milestone.save()
        audit.record(
            actor,
            AuditAction.MILESTONE_SAVED,
            project,
            {"milestone": milestone.pk, "title": title, "done": done_on is not None},
            request,
        )
        if done_on is not None and not was_done:
            events.emit(MilestoneReached(project_id=project.pk, milestone_id=milestone.pk))
    return milestone


def milestone_delete(*, actor, milestone: Milestone, request=None) -> None:
    _require_manager(actor)
    with transaction.atomic():
        audit.record(
            actor,
            AuditAction.MILESTONE_DELETED,
            milestone.project,
            {"milestone": milestone.pk, "title": milestone.title},
            request,
        )
        milestone.delete()


# --- Updates -----------------------------------------------------------------------------------


def update_post(
    *,
    actor,
    project: DeliveryProject,
    body: str,
    image=None,
    image_alt: str = "",
    request=None,
) -> Update:
    """Public news about the project, with an optional picture (made safe by core.uploads;
    its description is required)."""
    _require_manager(actor)
    errors: dict[str, str] = {}
    body = (body or "").strip()
    if len(body) < BODY_MIN:
        errors["body"] = _("Schrijf minstens %(min)s tekens.") % {"min": BODY_MIN}
    elif message := too_long(body, TEXT_SHORT):
        errors["body"] = message
    if image:
        try:
            image = sanitise_image(image).file
        except ValidationError as error:
            errors["image"] = error.messages[0]
    image_alt = (image_alt or "").strip()
    if image and not image_alt:
        errors["image_alt"] = _("Beschrijf wat er op de foto staat, voor wie hem niet ziet.")
    elif message := too_long(image_alt, 200):
        errors["image_alt"] = message
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        update = Update(
            project=project,
            body=body,
            author=actor,
            posted_at=timezone.now(),
            image_alt=image_alt if image else "",
        )
        if image:
            update.image = image
        update.save()
        audit.record(
            actor,
            AuditAction.UPDATE_POSTED,
            project,
            {"update": update.pk, "image": bool(image)},
            request,
        )
        events.emit(UpdatePosted(project_id=project.pk, update_id=update.pk))
    return update


def update_delete(*, actor, update: Update, request=None) -> None:
    """Take an update (and its photo) off the project page."""
    _require_manager(actor)
    with transaction.atomic():
        audit.record(
            actor,
            AuditAction.UPDATE_DELETED,
            update.project,
            {"update": update.pk, "posted_at": update.posted_at},
            request,
        )
        storage, name = update.image.storage, update.image.name or ""
        update.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


# --- Origins -----------------------------------------------------------------------------------


def _origin_target(municipality: Municipality, key: str, object_id: Any) -> tuple[ContentType, int]:
    """The content type and id of an origin, after checking it may be one: one of the four
    kinds, public, and of the project's municipality."""
    kind = selectors.ORIGIN_KINDS.get(key)
    if kind is None:
        raise ValidationError(
            {
                "origin": _(
                    "Een project kan alleen voortkomen uit inbreng, een project uit de "
                    "begroting van inwoners, een burgerinitiatief of een raadsbesluit."
                )
            }
        )
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        raise ValidationError({"origin": _("Kies iets uit de zoekresultaten.")}) from None
    if selectors.origin_public_object(municipality, key, object_id) is None:
        raise ValidationError(
            {
                "origin": _(
                    "Dit kan niet de herkomst zijn: het is niet openbaar of hoort niet bij deze "
                    "gemeente."
                )
            }
        )
    app_label, model = key.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model.lower()), object_id


def origin_add(
    *, actor, project: DeliveryProject, key: str, object_id: Any, request=None
) -> Origin:
    """Link the project to what led to it (checked: _origin_target); twice is refused."""
    _require_manager(actor)
    municipality = Municipality.objects.get(pk=project.municipality_id)
    content_type, object_id = _origin_target(municipality, key, object_id)
    try:
        with transaction.atomic():
            origin = Origin.objects.create(
                project=project, content_type=content_type, object_id=object_id
            )
            audit.record(
                actor,
                AuditAction.ORIGIN_ADDED,
                project,
                {"origin": key, "object_id": object_id},
                request,
            )
    except IntegrityError:
        raise ValidationError(
            {"origin": _("Dit staat al bij de herkomst van het project.")}
        ) from None
    return origin


def origin_remove(*, actor, origin: Origin, request=None) -> None:
    _require_manager(actor)
    with transaction.atomic():
        audit.record(
            actor,
            AuditAction.ORIGIN_REMOVED,
            origin.project,
            {"content_type": origin.content_type_id, "object_id": origin.object_id},
            request,
        )
        origin.delete()
