"""Reads for processes, phases, templates and the participation calendar.

Every selector costs a fixed number of queries however many processes, phases, areas or topics
there are: it owns its select_related/prefetch_related.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core.richtext import plain_text
from samenspraak.core.search import first_results, text_matches, text_search
from samenspraak.core.trace import TimelineEntry, area_memory
from samenspraak.organisations.models import Area
from samenspraak.processes.models import Phase, Process, ProcessStatus, ProcessTemplate
from samenspraak.processes.phases import looking_back_kinds, phase_kinds

Moment = TypeVar("Moment")  # a datetime in the product; anything ordered in tests

#: From this many processes asking input at the same time, an area counts as over-asked.
OVER_ASKED_THRESHOLD = 3


def _phases() -> Prefetch:
    return Prefetch("phases", queryset=Phase.objects.order_by("order", "starts_at"))


def _with_relations(queryset: QuerySet[Process]) -> QuerySet[Process]:
    return queryset.select_related("department", "municipality").prefetch_related(
        _phases(), "areas", "topics"
    )


def concerning_area(area, process: str = "pk") -> Q:
    """Processes that concern `area`: tied to it, to one of its buurten (for a wijk) or to its
    wijk (for a buurt), and city-wide ones (tied to no area). No query of its own; `process`
    names the process id in the queryset this filters ("pk", or "process_id" for phases)."""
    links = Process.areas.through.objects.filter(process=OuterRef(process))
    near = Q(area=area) | Q(area__parent=area)
    if area.parent_id is not None:
        near |= Q(area=area.parent_id)
    return Q(Exists(links.filter(near))) | ~Q(Exists(links))


def _city_wide(queryset: QuerySet[Process]) -> QuerySet[Process]:
    """Marks processes tied to no area (`city_wide`), in the same query."""
    links = Process.areas.through.objects.filter(process=OuterRef("pk"))
    return queryset.annotate(city_wide=~Exists(links))


def published(municipality=None) -> QuerySet[Process]:
    queryset = Process.objects.filter(status=ProcessStatus.PUBLISHED)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset


def process_get(*, municipality, slug: str) -> Process:
    """Any process (draft or published) with everything its page shows. Raises DoesNotExist."""
    if municipality is None:
        raise Process.DoesNotExist
    return _with_relations(Process.objects.filter(municipality=municipality)).get(slug=slug)


def process_get_public(slug: str, *, municipality=None) -> Process:
    """A published process for its public page: four queries (process, phases, areas, topics)."""
    from samenspraak.organisations.selectors import current_municipality

    municipality = municipality or current_municipality()
    if municipality is None:
        raise Process.DoesNotExist
    return _with_relations(published(municipality)).get(slug=slug)


def current_phase(process: Process, at=None) -> Phase | None:
    """The running phase (from prefetched phases), or None."""
    at = at or timezone.now()
    for phase in process.phases.all():
        if phase.is_active(at):
            return phase
    return None


def next_phase(process: Process, at=None) -> Phase | None:
    """The first phase that has not started yet (prefetched phases), else None."""
    at = at or timezone.now()
    upcoming = [phase for phase in process.phases.all() if phase.is_upcoming(at)]
    return min(upcoming, key=lambda phase: phase.starts_at, default=None)


def process_state(process: Process, at=None) -> str:
    """ "upcoming", "running" or "past", from the prefetched phases; "upcoming" without phases."""
    at = at or timezone.now()
    phases = list(process.phases.all())
    if not phases:
        return "upcoming"
    if all(phase.is_past(at) for phase in phases):
        return "past"
    if all(phase.is_upcoming(at) for phase in phases):
        return "upcoming"
    return "running"


def process_is_past(process: Process, at=None) -> bool:
    return process_state(process, at) == "past"


def timeline(process: Process, at=None) -> list[dict]:
    """The phases with their kind and whether each is past, current or upcoming."""
    at = at or timezone.now()
    rows = []
    for phase in process.phases.all():
        kind = phase_kinds.get(phase.kind)
        if phase.is_active(at):
            state = "current"
        elif phase.is_past(at):
            state = "past"
        else:
            state = "upcoming"
        rows.append({"phase": phase, "kind": kind, "state": state})
    return rows


def _annotate_dates(queryset):
    return queryset.annotate(first_start=Min("phases__starts_at"), last_end=Max("phases__ends_at"))


def process_list(
    *,
    municipality,
    area=None,
    topic=None,
    level: str = "",
    when: str = "",
    department=None,
    at=None,
) -> QuerySet[Process]:
    """Published processes, filtered; `when` is "current", "upcoming" or "past". The area
    filter keeps every process that concerns the area (see concerning_area)."""
    at = at or timezone.now()
    queryset = _annotate_dates(published(municipality))
    if area is not None:
        queryset = queryset.filter(concerning_area(area))
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    if department is not None:
        queryset = queryset.filter(department=department)
    if level:
        queryset = queryset.filter(level=level)
    if when == "current":
        queryset = queryset.filter(first_start__lte=at, last_end__gt=at)
    elif when == "upcoming":
        queryset = queryset.filter(Q(first_start__gt=at) | Q(first_start__isnull=True))
    elif when == "past":
        queryset = queryset.filter(last_end__lte=at)
    return (
        queryset.distinct()
        .select_related("department")
        .prefetch_related(_phases(), "areas", "topics")
        .order_by("-first_start", "title")
    )


def processes_running(municipality, at=None) -> list[Process]:
    """Published processes with a phase running now, soonest-ending first. Four queries.

    A phase that only looks back (the evaluation after a closed survey, say) does not count:
    nothing runs there any more for residents."""
    at = at or timezone.now()
    if municipality is None:
        return []
    running = Phase.objects.filter(starts_at__lte=at, ends_at__gt=at).exclude(
        kind__in=looking_back_kinds()
    )
    queryset = (
        published(municipality)
        .filter(phases__in=running)
        .distinct()
        .select_related("department")
        .prefetch_related(_phases(), "areas")
    )
    processes = list(queryset)
    for process in processes:
        process.current = current_phase(process, at)
    processes.sort(key=lambda p: (p.current.ends_at if p.current else at, p.title))
    return processes


def processes_for_area(area, at=None) -> dict[str, list[Process]]:
    """Current (running or upcoming) and past published processes that concern an area (its
    own, its buurten's or its wijk's, and city-wide ones marked `city_wide`), for its memory.
    Two queries."""
    at = at or timezone.now()
    queryset = (
        _city_wide(published(area.municipality_id))
        .filter(concerning_area(area))
        .select_related("department")
        .prefetch_related(_phases())
        .order_by("-published_at")
    )
    result: dict[str, list[Process]] = {"current": [], "past": []}
    for process in queryset:
        process.state = process_state(process, at)
        process.current = current_phase(process, at)
        result["past" if process.state == "past" else "current"].append(process)
    return result


_SEARCHED_FIELDS = ["title", "summary", "goal", "description"]


def process_search(query: str, *, municipality=None) -> QuerySet[Process]:
    """Published processes matching `query` (title, summary, goal, description)."""
    return text_search(published(municipality), _SEARCHED_FIELDS, query)


def search_results(query: str, user=None, page: int = 1):
    """Site search (processes' search provider): published processes of this municipality."""
    from samenspraak.organisations.selectors import current_municipality

    return first_results(process_search(query, municipality=current_municipality()), page=page)


def search_matches(query: str, user=None) -> QuerySet[Process]:
    """What `search_results` finds, unranked and not yet run (core.components.SearchProvider)."""
    from samenspraak.organisations.selectors import current_municipality

    return text_matches(published(current_municipality()), _SEARCHED_FIELDS, query)


def staff_process_list(*, municipality, user=None, mine: bool = False) -> QuerySet[Process]:
    queryset = Process.objects.filter(municipality=municipality)
    if mine and user is not None:
        queryset = queryset.filter(created_by=user)
    return _annotate_dates(queryset).select_related("created_by").order_by("status", "-created_at")


def templates_available(municipality) -> QuerySet[ProcessTemplate]:
    """Shipped templates (no municipality) and the municipality's own."""
    return ProcessTemplate.objects.filter(
        Q(municipality__isnull=True) | Q(municipality=municipality)
    ).order_by("municipality_id", "name")


# --- Participation calendar -------------------------------------------------------------


@dataclass
class CalendarRow:
    phase: Phase
    process: Process
    asks_input: bool


@dataclass
class AreaLoad:
    area: Area
    max_simultaneous: int
    busiest_from: datetime.datetime | None
    processes: list = field(default_factory=list)

    @property
    def over_asked(self) -> bool:
        return self.max_simultaneous >= OVER_ASKED_THRESHOLD


def calendar_rows(
    *, municipality, start=None, end=None, area=None, topic=None, department=None
) -> list[CalendarRow]:
    """Every phase of a published process that overlaps [start, end), by start date.

    Three queries: the phases with their process and department, then the processes' areas
    and topics.
    """
    phases = Phase.objects.filter(
        process__municipality=municipality, process__status=ProcessStatus.PUBLISHED
    )
    if start is not None:
        phases = phases.filter(ends_at__gt=start)
    if end is not None:
        phases = phases.filter(starts_at__lt=end)
    if area is not None:
        phases = phases.filter(concerning_area(area, process="process_id"))
    if topic is not None:
        phases = phases.filter(process__topics=topic)
    if department is not None:
        phases = phases.filter(process__department=department)
    phases = (
        phases.distinct()
        .select_related("process", "process__department")
        .prefetch_related("process__areas", "process__topics")
        .order_by("starts_at", "process__title", "order")
    )
    rows = []
    for phase in phases:
        kind = phase_kinds.get(phase.kind)
        rows.append(CalendarRow(phase, phase.process, bool(kind and kind.allows)))
    return rows


def calendar_months(rows: list[CalendarRow]) -> list[dict]:
    """Rows grouped by the month in which the phase starts (a list view by month)."""
    months: dict[datetime.date, list[CalendarRow]] = {}
    for row in rows:
        start = timezone.localtime(row.phase.starts_at).date()
        months.setdefault(start.replace(day=1), []).append(row)
    return [{"month": month, "rows": items} for month, items in months.items()]


def max_simultaneous(intervals: list[tuple[Moment, Moment, object]]) -> tuple[int, Moment | None]:
    """Largest number of distinct owners whose intervals overlap at one moment.

    `intervals` are (start, end, owner); end is exclusive, so one ask ending when the next
    starts is not an overlap. Returns (count, moment the count is first reached)."""
    events: list[tuple[Moment, int, object]] = []
    for start, end, owner in intervals:
        events.append((start, 1, owner))
        events.append((end, 0, owner))  # ends sort before starts at the same moment
    events.sort(key=lambda e: (e[0], e[1]))
    active: dict = {}
    best = 0
    best_at: Moment | None = None
    for moment, is_start, owner in events:
        if is_start:
            active[owner] = active.get(owner, 0) + 1
        else:
            active[owner] -= 1
            if not active[owner]:
                del active[owner]
        if len(active) > best:
            best, best_at = len(active), moment
    return best, best_at


def area_load(rows: list[CalendarRow]) -> list[AreaLoad]:
    """Per area: how many processes ask input at the same time (phases that allow an action).

    Works on calendar rows, so it costs no queries of its own. Busiest areas first."""
    per_area: dict[int, tuple] = {}
    for row in rows:
        if not row.asks_input:
            continue
        for area in row.process.areas.all():
            entry = per_area.setdefault(area.pk, (area, []))
            entry[1].append((row.phase.starts_at, row.phase.ends_at, row.process))
    loads = []
    for area, intervals in per_area.values():
        count, moment = max_simultaneous(intervals)
        processes = sorted({p for _start, _end, p in intervals}, key=lambda p: p.title)
        loads.append(AreaLoad(area, count, moment, processes))
    loads.sort(key=lambda load: (-load.max_simultaneous, load.area.name))
    return loads


# --- The area's memory (core.trace, declared in the manifest) ----------------------------


def _excerpt(text: str, size: int = 300) -> str:
    text = plain_text(text)
    return text if len(text) <= size else text[: size - 3].rstrip() + "…"


def area_timeline(area_ids: list[int], limit: int, *, at=None) -> list[TimelineEntry]:
    """What the municipality asked in these areas and what it did with the answers: each
    published process tied to one of them (or city-wide, in their municipality) whose last
    phase has ended, from the day it was published, and what was done with its outcome from
    the day it ended (or that the municipality still has to write it). Running and coming
    processes are on the area's page under "Nu en binnenkort" (`sections.memory`). One
    query."""
    at = at or timezone.now()
    links = Process.areas.through.objects.filter(process=OuterRef("pk"))
    own = Exists(links.filter(area_id__in=area_ids))
    municipalities = Area.objects.filter(pk__in=area_ids).values("municipality_id")
    processes = (
        Process.objects.filter(status=ProcessStatus.PUBLISHED)
        .annotate(city_wide=~Exists(links), ended=Max("phases__ends_at"))
        .filter(Q(own) | Q(city_wide=True, municipality_id__in=municipalities))
        .filter(ended__lte=at)
        .order_by("-ended", "-pk")[:limit]
    )
    entries = []
    for process in processes:
        url = reverse("processes:process_detail", args=[process.slug])
        area = _("Hele gemeente") if process.city_wide else ""
        entries.append(
            TimelineEntry(
                "process",
                process.published_at or process.created_at,
                process.title,
                url=url,
                text=process.summary,
                area=area,
                status="asked",
                source="processes",
            )
        )
        if process.outcome:
            text = _("Wat de gemeente met de uitkomst deed: %(outcome)s") % {
                "outcome": _excerpt(process.outcome)
            }
        else:
            text = _("De gemeente schrijft hier nog wat er met de uitkomst is gedaan.")
        entries.append(
            TimelineEntry(
                "result",
                process.ended,
                process.title,
                url=url,
                text=text,
                area=area,
                status="outcome" if process.outcome else "outcome_pending",
                source="processes",
            )
        )
    entries.sort(key=lambda e: e.moment, reverse=True)
    return entries[:limit]


#: How many entries the wizard shows of what happened before in the process's areas.
EARLIER_LIMIT = 8


def earlier_in_areas(process, limit: int = EARLIER_LIMIT) -> list[TimelineEntry]:
    """For the wizard ("De vorige keer dat we dit met deze wijk bespraken…"): the newest
    entries of the memory of the areas the process is about and their buurten (processes and
    their outcomes, answered inputs, initiatives, decisions, funded and delivered projects),
    without the process itself. Empty for a city-wide process. Uses the prefetched areas; one
    query for the buurten, then each timeline source's own."""
    areas = list(process.areas.all())
    if not areas:
        return []
    ids = {area.pk for area in areas}
    ids.update(Area.objects.filter(parent__in=ids).values_list("pk", flat=True))
    own = reverse("processes:process_detail", args=[process.slug])
    entries = area_memory(sorted(ids), limit=limit + 2)
    return [entry for entry in entries if entry.url != own][:limit]
