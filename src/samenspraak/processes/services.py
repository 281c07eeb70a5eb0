"""Writes for processes, phases and templates. Each checks permission, validates (full_clean),
saves in one transaction and records what staff did in the audit log."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspraak.core import audit, components
from samenspraak.processes import designs
from samenspraak.processes.models import (
    ParticipationLevel,
    Phase,
    Process,
    ProcessStatus,
    ProcessTemplate,
)
from samenspraak.processes.permissions import can_manage_processes
from samenspraak.processes.phases import phase_kinds

PROCESS_FIELDS = (
    "title",
    "summary",
    "description",
    "goal",
    "level",
    "commitment",
    "commitment_owner",
    "commitment_due",
    "decision_maker",
    "decision_rule",
    "policy_phase",
    "department",
    "answer_days",
)


class AuditAction:
    PROCESS_CREATED = "process.created"
    PROCESS_UPDATED = "process.updated"
    PROCESS_PUBLISHED = "process.published"
    PROCESS_UNPUBLISHED = "process.unpublished"
    PROCESS_OUTCOME = "process.outcome_recorded"
    PHASE_ADDED = "process.phase_added"
    PHASE_UPDATED = "process.phase_updated"
    PHASE_DELETED = "process.phase_deleted"
    TEMPLATE_SAVED = "process.template_saved"
    TEMPLATE_IMPORTED = "process.template_imported"
    STARTED_FROM_TEMPLATE = "process.started_from_template"


def _check(actor) -> None:
    if not can_manage_processes(actor):
        raise PermissionDenied(_("U mag geen participatieprocessen beheren."))


def _unique_slug(model, base: str, *, exclude_pk=None, max_length=80, **scope) -> str:
    base = (slugify(base) or "proces")[: max_length - 4].strip("-") or "proces"
    taken = set(
        model.objects.filter(slug__startswith=base, **scope)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _set_relations(process, areas, topics) -> None:
    if areas is not None:
        process.areas.set(areas)
    if topics is not None:
        process.topics.set(topics)


@transaction.atomic
def process_create(*, actor, municipality, areas=None, topics=None, **fields) -> Process:
    """A new draft process. Fields not given get harmless defaults to be filled in later."""
    _check(actor)
    unknown = set(fields) - set(PROCESS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown process fields: {sorted(unknown)}")
    fields.setdefault("level", ParticipationLevel.CONSULT)
    process = Process(municipality=municipality, created_by=actor, **fields)
    process.slug = _unique_slug(Process, process.title, municipality=municipality)
    process.full_clean(exclude=_unfilled(process))
    process.save()
    _set_relations(process, areas, topics)
    audit.record(actor, AuditAction.PROCESS_CREATED, process, {"title": process.title})
    return process


def _unfilled(process) -> list[str]:
    """Fields a wizard fills in on a later step: not required while the process is a draft."""
    if process.is_published:
        return []
    return [
        name
        for name in ("commitment", "commitment_owner", "decision_maker", "policy_phase")
        if not getattr(process, name)
    ]


@transaction.atomic
def process_update(*, actor, process: Process, areas=None, topics=None, **fields) -> Process:
    _check(actor)
    unknown = set(fields) - set(PROCESS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown process fields: {sorted(unknown)}")
    changes = {}
    for name, value in fields.items():
        if getattr(process, name) != value:
            changes[name] = str(value)[:200] if value is not None else None
        setattr(process, name, value)
    process.full_clean(exclude=_unfilled(process))
    if process.is_published:
        problems = publish_problems(process)
        if problems:
            raise ValidationError(problems)
    process.save()
    _set_relations(process, areas, topics)
    if changes or areas is not None or topics is not None:
        audit.record(actor, AuditAction.PROCESS_UPDATED, process, changes)
    return process


def publish_problems(process: Process) -> list[str]:
    """What still stands in the way of publishing, in plain Dutch (empty: ready)."""
    problems = []
    try:
        process.full_clean(exclude=["slug"])
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            field = Process._meta.get_field(field_name) if field_name != "__all__" else None
            label = getattr(field, "verbose_name", "")  # a reverse relation has none
            for message in messages:
                problems.append(f"{label}: {message}" if label else message)
    phases = list(process.phases.all())
    if not phases:
        problems.append(_("Voeg ten minste één fase toe."))
    kinds = [phase_kinds.get(phase.kind) for phase in phases]
    for phase, kind in zip(phases, kinds, strict=True):
        if kind is None:
            problems.append(
                _("De fase ‘%(title)s’ heeft een soort die hier niet bestaat (%(kind)s).")
                % {"title": phase.title, "kind": phase.kind}
            )
    needs_decision = (
        process.level == ParticipationLevel.CO_DECIDE and not process.decision_rule.strip()
    )
    if needs_decision and not any(kind and kind.decides for kind in kinds):
        problems.append(
            _(
                "Bij meebeslissen hoort een besluitfase of een beslisregel. Voeg een fase "
                "‘Besluit’ toe of beschrijf bij het niveau hoe de uitkomst wordt bepaald."
            )
        )
    asks_input = any(kind and kind.promises_answer for kind in kinds)
    if asks_input and not 1 <= (process.answer_days or 0) <= 90:
        problems.append(
            _(
                "Inwoners kunnen inbreng geven, dus er is een antwoordtermijn nodig: "
                "tussen 1 en 90 dagen."
            )
        )
    problems.extend(overlap_problems(phases))
    return problems


def overlap_problems(phases: list[Phase]) -> list[str]:
    """Phases run one after another: each ends after it starts and before the next starts."""
    problems = []
    ordered = sorted(phases, key=lambda p: (p.starts_at, p.order))
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.starts_at < earlier.ends_at:
            problems.append(
                _(
                    "De fasen ‘%(first)s’ en ‘%(second)s’ overlappen. Laat een fase pas "
                    "beginnen als de vorige is afgelopen."
                )
                % {"first": earlier.title, "second": later.title}
            )
    return problems


@transaction.atomic
def process_publish(*, actor, process: Process) -> Process:
    _check(actor)
    problems = publish_problems(process)
    if problems:
        raise ValidationError(problems)
    process.status = ProcessStatus.PUBLISHED
    process.published_at = timezone.now()
    process.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(actor, AuditAction.PROCESS_PUBLISHED, process, {"status": process.status})
    return process


@transaction.atomic
def process_unpublish(*, actor, process: Process) -> Process:
    _check(actor)
    process.status = ProcessStatus.DRAFT
    process.save(update_fields=["status", "updated_at"])
    audit.record(actor, AuditAction.PROCESS_UNPUBLISHED, process, {"status": process.status})
    return process


@transaction.atomic
def process_set_outcome(*, actor, process: Process, outcome: str) -> Process:
    """What was done with the result; only once every phase has ended."""
    from samenspraak.processes.permissions import can_record_outcome

    if not can_record_outcome(actor, process):
        raise PermissionDenied(_("De uitkomst vult u in als het proces voorbij is."))
    process.outcome = outcome.strip()
    process.full_clean()
    process.save(update_fields=["outcome", "updated_at"])
    audit.record(actor, AuditAction.PROCESS_OUTCOME, process, {"outcome": process.outcome[:200]})
    return process


# --- Phases ------------------------------------------------------------------------------


def _validate_phase(phase: Phase) -> None:
    if phase.kind not in phase_kinds:
        raise ValidationError({"kind": _("Kies een soort fase uit de lijst.")})
    phase.full_clean()
    others = list(phase.process.phases.exclude(pk=phase.pk))
    problems = overlap_problems([*others, phase])
    if problems:
        raise ValidationError({"starts_at": problems})
    kind = phase_kinds[phase.kind]
    if kind.promises_answer and not 1 <= (phase.process.answer_days or 0) <= 90:
        raise ValidationError(
            {
                "kind": _(
                    "Bij inbreng hoort een antwoordtermijn van 1 tot 90 dagen (stap Toezegging)."
                )
            }
        )


def _renumber(process: Process) -> None:
    phases = list(process.phases.order_by("starts_at", "pk"))
    for number, phase in enumerate(phases):
        if phase.order != number:
            phase.order = number
            phase.save(update_fields=["order"])


@transaction.atomic
def phase_add(
    *, actor, process: Process, kind: str, title: str, starts_at, ends_at, description=""
) -> Phase:
    _check(actor)
    phase = Phase(
        process=process,
        kind=kind,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        order=process.phases.count(),
    )
    _validate_phase(phase)
    phase.save()
    _renumber(process)
    audit.record(actor, AuditAction.PHASE_ADDED, process, {"phase": title, "kind": kind})
    return phase


@transaction.atomic
def phase_update(*, actor, phase: Phase, **fields) -> Phase:
    _check(actor)
    allowed = {"kind", "title", "description", "starts_at", "ends_at"}
    if set(fields) - allowed:
        raise TypeError(f"Unknown phase fields: {sorted(set(fields) - allowed)}")
    for name, value in fields.items():
        setattr(phase, name, value)
    _validate_phase(phase)
    phase.save()
    _renumber(phase.process)
    audit.record(actor, AuditAction.PHASE_UPDATED, phase.process, {"phase": phase.title})
    return phase


@transaction.atomic
def phase_delete(*, actor, phase: Phase) -> None:
    """Remove a phase. A phase that already holds residents' contributions (other apps protect
    it) stays: deleting it would throw their input away."""
    _check(actor)
    process, title = phase.process, phase.title
    try:
        with transaction.atomic():
            phase.delete()
    except (RestrictedError, ProtectedError) as error:
        raise ValidationError(
            _(
                "Deze fase heeft al inbreng of antwoorden van inwoners en kan daarom niet weg. "
                "Pas de data of de titel aan als er iets niet klopt."
            )
        ) from error
    _renumber(process)
    audit.record(actor, AuditAction.PHASE_DELETED, process, {"phase": title})


# --- Templates ---------------------------------------------------------------------------


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def design_from_process(process: Process, *, name: str, key: str = "", description="") -> dict:
    phases = list(process.phases.order_by("starts_at", "order"))
    start = timezone.localtime(phases[0].starts_at).date() if phases else timezone.localdate()
    design = {
        "format": designs.FORMAT,
        "version": designs.VERSION,
        "key": key or slugify(name),
        "name": name,
        "description": description,
        "process": {
            **{name_: getattr(process, name_) for name_ in designs.PROCESS_TEXT_FIELDS},
            "level": process.level,
            "policy_phase": process.policy_phase or "policy_making",
            "answer_days": process.answer_days,
        },
        "phases": [
            {
                "kind": phase.kind,
                "title": phase.title,
                "description": phase.description,
                "start_day": (timezone.localtime(phase.starts_at).date() - start).days,
                "days": max(
                    1, (phase.last_day - timezone.localtime(phase.starts_at).date()).days + 1
                ),
            }
            for phase in phases
        ],
    }
    return designs.parse_design(design)


@transaction.atomic
def template_save_from_process(
    *, actor, process: Process, name: str, description: str = ""
) -> ProcessTemplate:
    """Save a process's design as the municipality's own template (same name: replaced)."""
    _check(actor)
    design = design_from_process(process, name=name, description=description)
    template = _template_store(process.municipality, design)
    audit.record(actor, AuditAction.TEMPLATE_SAVED, template, {"from": process.slug})
    return template


def _template_store(municipality, design: dict, using=None) -> ProcessTemplate:
    manager = ProcessTemplate.objects.db_manager(using) if using else ProcessTemplate.objects
    template, _created = manager.update_or_create(
        municipality=municipality,
        key=design["key"],
        defaults={
            "name": design["name"],
            "description": design["description"],
            "design": design,
        },
    )
    return template


def template_export_json(template: ProcessTemplate) -> str:
    """The template as a JSON document another municipality can import."""
    design = dict(template.design)
    design.update(key=template.key, name=template.name, description=template.description)
    return designs.dump_design(designs.parse_design(design))


@transaction.atomic
def template_import_json(*, actor, municipality, raw) -> ProcessTemplate:
    """Import a template (text or bytes). Bad files raise ValidationError in plain Dutch."""
    _check(actor)
    design = designs.parse_design(raw)
    template = _template_store(municipality, design)
    audit.record(actor, AuditAction.TEMPLATE_IMPORTED, template, {"key": template.key})
    return template


@transaction.atomic
def process_start_from_template(
    *, actor, template: ProcessTemplate, municipality, start_date: datetime.date, title: str = ""
) -> Process:
    """A draft process with the template's fields and phases, dated from `start_date`."""
    _check(actor)
    design = designs.parse_design(template.design)
    missing = designs.unknown_kinds(design)
    if missing:
        raise ValidationError(
            _(
                "Dit sjabloon gebruikt soorten fasen die hier (nog) niet bestaan: %(kinds)s. "
                "Kies een ander sjabloon."
            )
            % {"kinds": ", ".join(missing)}
        )
    fields = dict(design["process"])
    fields["title"] = title or fields["title"] or design["name"]
    fields["summary"] = fields["summary"] or fields["title"]
    fields["goal"] = fields["goal"] or _("Vul hier in waarom de gemeente dit vraagt.")
    fields["commitment"] = fields["commitment"] or ""
    process = process_create(actor=actor, municipality=municipality, **fields)
    for number, phase in enumerate(design["phases"]):
        start = start_date + datetime.timedelta(days=phase["start_day"])
        Phase.objects.create(
            process=process,
            kind=phase["kind"],
            title=phase["title"],
            description=phase["description"],
            starts_at=_day_start(start),
            ends_at=_day_start(start + datetime.timedelta(days=phase["days"])),
            order=number,
        )
    audit.record(actor, AuditAction.STARTED_FROM_TEMPLATE, process, {"template": template.key})
    return process


def shipped_templates_install(using=None) -> list[ProcessTemplate]:
    """Load the process templates the installed apps ship (their manifests' `process_templates`;
    idempotent: run after every migrate; a changed file updates its template)."""
    installed = []
    for path in components.process_template_files():
        design = designs.parse_design(path.read_bytes())
        installed.append(_template_store(None, design, using=using))
    return installed


# --- Phase events ------------------------------------------------------------------------------

#: How far back the clock looks. A phase of a published process whose start or end passed in
#: this window gets its event once; older moments (before events existed, or while the process
#: was a draft) get none, so switching events on never floods subscribers with history.
PHASE_EVENT_LOOKBACK = datetime.timedelta(days=2)


def phase_clock(now: datetime.datetime) -> int:
    """Emit PhaseStarted / PhaseEnded once for every phase of a published process whose start
    or end has passed (within PHASE_EVENT_LOOKBACK). Idempotent: the event's unique key
    ("<type>:<phase id>") makes a second run, or a parallel one, emit nothing. Returns the
    number emitted. Run by `samenspraak events_dispatch` (core.events.register_clock)."""
    from samenspraak.core import events
    from samenspraak.core.models import OutboxEvent
    from samenspraak.processes.events import PhaseEnded, PhaseStarted

    since = now - PHASE_EVENT_LOOKBACK
    published = Phase.objects.filter(process__status=ProcessStatus.PUBLISHED)
    due = [
        (PhaseStarted, phase, phase.starts_at)
        for phase in published.filter(starts_at__lte=now, starts_at__gt=since)
    ] + [
        (PhaseEnded, phase, phase.ends_at)
        for phase in published.filter(ends_at__lte=now, ends_at__gt=since)
    ]
    keys = {f"{cls.type}:{phase.pk}" for cls, phase, _moment in due}
    done = set(OutboxEvent.objects.filter(key__in=keys).values_list("key", flat=True))
    emitted = 0
    for cls, phase, moment in sorted(due, key=lambda item: item[2]):
        key = f"{cls.type}:{phase.pk}"
        if key in done:
            continue
        event = cls(
            phase_id=phase.pk, process_id=phase.process_id, kind=phase.kind, occurred_at=moment
        )
        if events.emit(event, key=key) is not None:
            emitted += 1
    return emitted
