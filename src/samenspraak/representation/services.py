"""Writes: answers, paper counts, CBS figures, targets, publishing, and the daily target check."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspraak.core import audit, events
from samenspraak.organisations.models import Area
from samenspraak.processes.models import Phase, Process
from samenspraak.representation import cbs, permissions, selectors
from samenspraak.representation.events import TargetLagging
from samenspraak.representation.models import (
    ELSEWHERE,
    NOT_SAID,
    Answer,
    Characteristic,
    Gender,
    PaperCount,
    PopulationFigure,
    ProcessSetting,
    Target,
    TargetKind,
)

#: Groups CBS has no figure for: a target relative to the population makes no sense there.
NO_POPULATION = {ELSEWHERE, Gender.OTHER}

ALREADY_ANSWERED = gettext_lazy("U heeft deze vragen voor dit proces al beantwoord. Dank u wel!")

# Audit actions (labelled in the manifest).
PAPER_COUNTS_SAVED = "representation.paper_counts_saved"
POPULATION_IMPORTED = "representation.population_imported"
TARGET_ADDED = "representation.target_added"
TARGET_DELETED = "representation.target_deleted"
FIGURES_PUBLISHED = "representation.figures_published"
FIGURES_HIDDEN = "representation.figures_hidden"


def answer_submit(*, process: Process, user, age: str, gender: str, education: str, area: str):
    """Store one person's answers for a process (once). Every answer may be NOT_SAID."""
    if not permissions.can_answer(user, process):
        raise PermissionDenied(_("Alleen ingelogde inwoners beantwoorden deze vragen."))
    allowed = {
        "age": [value for value, _label in selectors.groups_of(Characteristic.AGE, [])],
        "gender": [value for value, _label in selectors.groups_of(Characteristic.GENDER, [])],
        "education": [value for value, _label in selectors.groups_of(Characteristic.EDUCATION, [])],
        "area": [
            value
            for value, _label in selectors.groups_of(
                Characteristic.AREA, selectors.process_areas(process)
            )
        ],
    }
    given = {"age": age, "gender": gender, "education": education, "area": area}
    errors = {
        name: _("Kies een van de antwoorden.")
        for name, value in given.items()
        if value != NOT_SAID and value not in allowed[name]
    }
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return Answer.objects.create(process=process, user=user, **given)
    except IntegrityError:
        raise ValidationError(ALREADY_ANSWERED, code="already") from None


def paper_counts_save(*, actor, process: Process, counts: dict[tuple[str, str], int], request=None):
    """Replace the process's paper counts with `counts` ((characteristic, value) -> number;
    zero removes a count)."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    areas = selectors.process_areas(process)
    valid = {
        (str(characteristic), value)
        for characteristic in Characteristic
        for value, _label in [*selectors.groups_of(characteristic, areas), (NOT_SAID, "")]
    }
    for key, number in counts.items():
        if key not in valid or number < 0:
            raise ValidationError(_("Deze groep bestaat niet of het aantal is negatief."))
    with transaction.atomic():
        PaperCount.objects.filter(process=process).delete()
        PaperCount.objects.bulk_create(
            PaperCount(process=process, characteristic=c, value=v, count=n)
            for (c, v), n in counts.items()
            if n > 0
        )
        audit.record(
            actor,
            PAPER_COUNTS_SAVED,
            target=process,
            changes={"total": sum(counts.values())},
            request=request,
        )


def population_import(*, actor, municipality, raw: bytes, source: str, request=None) -> cbs.Table:
    """Read a CBS table and, when it has no problems, replace the figures of the areas in it.
    Returns the table (with its problems and notes); nothing is stored when it has problems."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    table = cbs.read_table(raw)
    if table.problems:
        return table
    areas = {
        area.cbs_code.strip().upper(): area
        for area in Area.objects.filter(municipality=municipality).exclude(cbs_code="")
    }
    matched = []
    for row in table.rows:
        area = areas.get(row.code)
        if area is None:
            table.notes.append(
                _("Regel %(line)s: geen gebied met CBS-code %(code)s in Samenspraak, overgeslagen.")
                % {"line": row.line, "code": row.code}
            )
            continue
        matched.append((area, row))
    if not matched:
        table.problems.append(
            _(
                "Geen enkele CBS-code in het bestand hoort bij een gebied van de gemeente. "
                "Vul bij de gebieden de CBS-code in (bijvoorbeeld WK036301)."
            )
        )
        return table
    with transaction.atomic():
        PopulationFigure.objects.filter(area__in=[area for area, _row in matched]).delete()
        PopulationFigure.objects.bulk_create(
            PopulationFigure(
                area=area, characteristic=characteristic, value=value, count=n, source=source
            )
            for area, row in matched
            for (characteristic, value), n in row.figures.items()
        )
        audit.record(
            actor,
            POPULATION_IMPORTED,
            changes={"areas": len(matched), "source": source[:120]},
            request=request,
        )
    table.rows = [row for _area, row in matched]
    return table


def target_add(
    *,
    actor,
    process: Process,
    characteristic: str,
    value: str,
    kind: str,
    number: int,
    request=None,
) -> Target:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    groups = dict(selectors.groups_of(characteristic, selectors.process_areas(process)))
    if characteristic not in Characteristic.values or value not in groups:
        raise ValidationError({"group": _("Kies een groep.")})
    if kind not in TargetKind.values:
        raise ValidationError({"kind": _("Kies een soort doel.")})
    if kind == TargetKind.AT_LEAST and not 1 <= number <= 100:
        raise ValidationError({"number": _("Een percentage ligt tussen 1 en 100.")})
    if kind == TargetKind.WITHIN and value in NO_POPULATION:
        raise ValidationError(
            {
                "kind": _(
                    "Voor deze groep is er geen bevolkingscijfer. Kies „minimaal dit percentage”."
                )
            }
        )
    if kind == TargetKind.WITHIN and not 0 <= number <= 100:
        raise ValidationError({"number": _("Het aantal procentpunten ligt tussen 0 en 100.")})
    try:
        with transaction.atomic():
            target = Target.objects.create(
                process=process,
                characteristic=characteristic,
                value=value,
                kind=kind,
                number=number,
            )
            audit.record(
                actor,
                TARGET_ADDED,
                target=process,
                changes={"group": f"{characteristic}:{value}", "kind": kind, "number": number},
                request=request,
            )
    except IntegrityError:
        raise ValidationError(
            _("Voor deze groep is al zo'n doel. Verwijder dat eerst als u het wilt veranderen.")
        ) from None
    return target


def target_delete(*, actor, target: Target, request=None) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    with transaction.atomic():
        audit.record(
            actor,
            TARGET_DELETED,
            target=target.process,
            changes={"group": f"{target.characteristic}:{target.value}", "kind": target.kind},
            request=request,
        )
        target.delete()


def publish_set(*, actor, process: Process, published: bool, request=None) -> ProcessSetting:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    with transaction.atomic():
        setting, _created = ProcessSetting.objects.select_for_update().get_or_create(
            process=process
        )
        setting.published = published
        setting.save(update_fields=["published"])
        if published:
            audit.record(actor, FIGURES_PUBLISHED, target=process, request=request)
        else:
            audit.record(actor, FIGURES_HIDDEN, target=process, request=request)
    return setting


def _running(process_ids: list[int], now: datetime.datetime) -> set[int]:
    """The processes with a phase running now (participation is still going on)."""
    return set(
        Phase.objects.filter(
            process_id__in=process_ids, starts_at__lte=now, ends_at__gt=now
        ).values_list("process_id", flat=True)
    )


def target_clock(now: datetime.datetime) -> int:
    """Once a day per running process: when groups lag their targets, emit TargetLagging
    (the manager gets an e-mail, representation.notifications). Idempotent: the event's key
    holds the process and the date, and `last_alert_on` keeps the day. Returns the number
    emitted. Run by `samenspraak events_dispatch` (the manifest's clock)."""
    today = timezone.localdate(now)
    processes = selectors.processes_with_targets()
    running = _running([process.pk for process in processes], now)
    emitted = 0
    for process in processes:
        if process.pk not in running:
            continue
        setting = selectors.setting(process)
        if setting.last_alert_on == today:
            continue
        checks = selectors.target_checks(
            selectors.targets(process), selectors.process_figures(process)
        )
        lagging = sum(check.lagging for check in checks)
        if not lagging:
            continue
        with transaction.atomic():
            ProcessSetting.objects.update_or_create(
                process=process, defaults={"last_alert_on": today}
            )
            event = TargetLagging(process_id=process.pk, lagging=lagging, day=today.isoformat())
            if events.emit(event, key=f"{TargetLagging.type}:{process.pk}:{today}") is not None:
                emitted += 1
    return emitted
