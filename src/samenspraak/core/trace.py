"""The golden thread and the area's memory: what happened with something, told by the apps
that know.

"What happened with this?" is answered by several apps: consultation gives the municipality's
answer to an input, initiatives the council's decision, delivery the project that carries it
out and its result. None of them imports the others. Each declares in its manifest what it
can tell about which kind of thing (core.components):

    trace_providers=(
        TraceProvider(
            "delivery.origins",
            origin="consultation.Input",           # the model whose thread this extends
            steps=delivery_selectors.trace_steps,  # (ids) -> {id: [TraceStep, ...]}
        ),
    ),
    area_timeline=(
        TimelineSource("delivery.projects", entries=delivery_selectors.area_timeline),
    ),

`thread(origin, ids)` asks every provider for that origin at once (each in a fixed number of
queries for any number of ids) and gives each id its steps in date order; `area_memory(area_ids,
limit)` merges the sources' entries for a set of areas (an area and its buurten) into one
timeline, newest first.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

#: The kinds of step the golden thread knows, in the order they usually come. Apps may use
#: others; these have their own words and icons on the pages.
STEP_KINDS = ("input", "answer", "initiative", "decision", "delivery", "milestone", "result")


@dataclass(frozen=True)
class TraceStep:
    """One dated step of the golden thread.

    `kind`: one of STEP_KINDS (or an app's own); `at`: a date or an aware datetime; `title`: a
    short B1 line ("De gemeenteraad heeft het voorstel aangenomen"); `text`: more, plain text;
    `url`: the page that shows it; `api_url`: the path of its API resource (the API makes it
    absolute); `status`: a stable status string where the step has one.
    """

    kind: str
    at: datetime.date | datetime.datetime
    title: str
    text: str = ""
    url: str = ""
    api_url: str = ""
    status: str = ""
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def moment(self) -> datetime.datetime:
        """`at` as a datetime (a date counts from its start), for ordering."""
        at = self.at
        if isinstance(at, datetime.datetime):
            return at if at.tzinfo else at.replace(tzinfo=datetime.UTC)
        return datetime.datetime.combine(at, datetime.time(), tzinfo=datetime.UTC)


@dataclass(frozen=True)
class TraceProvider:
    """Steps an app adds to the thread of `origin` ("app_label.ModelName").

    `steps(ids) -> {id: [TraceStep, ...]}` runs a fixed number of queries whatever the number
    of ids and leaves out what the public may not see.
    """

    key: str
    origin: str
    steps: Callable[[list[int]], dict[int, list[TraceStep]]]
    order: int = 100


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an area's memory: something asked, decided or delivered there."""

    kind: str
    at: datetime.date | datetime.datetime
    title: str
    url: str = ""
    text: str = ""
    area: str = ""
    status: str = ""
    source: str = ""

    @property
    def moment(self) -> datetime.datetime:
        return TraceStep(self.kind, self.at, self.title).moment


@dataclass(frozen=True)
class TimelineSource:
    """What an app adds to an area's memory.

    `entries(area_ids, limit) -> [TimelineEntry, ...]`: at most `limit` public entries tied to
    those areas (city-wide ones included where the app has them), in a fixed number of queries.
    """

    key: str
    entries: Callable[[list[int], int], list[TimelineEntry]]
    order: int = 100


def providers(origin: str) -> list[TraceProvider]:
    from samenspraak.core import components

    found = [p for p in components.entries("trace_providers") if p.origin == origin]
    return sorted(found, key=lambda p: (p.order, p.key))


def thread(origin: str, ids: Iterable[int]) -> dict[int, list[TraceStep]]:
    """Every provider's steps for each of `ids` of `origin`, in date order (a fixed number of
    queries: each provider's own, whatever the number of ids)."""
    ids = list(dict.fromkeys(ids))
    result: dict[int, list[TraceStep]] = {pk: [] for pk in ids}
    if not ids:
        return result
    for provider in providers(origin):
        for pk, steps in provider.steps(ids).items():
            if pk in result:
                result[pk].extend(steps)
    for steps in result.values():
        steps.sort(key=_thread_order)
    return result


def _thread_order(step: TraceStep) -> tuple[datetime.date, int, datetime.datetime]:
    """Day first; within one day the usual order of kinds (STEP_KINDS), then the moment.

    Many steps only have a day (a delivery project's start, a milestone reached), others a
    moment (a decision recorded at 15:00). Counting a day from its start would put a project
    started on the day of the council's decision before that decision; within a day the kinds
    say what came first, and steps of one kind keep their own order."""
    at = step.at
    if isinstance(at, datetime.datetime):
        day = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
    else:
        day = at
    return day, STEP_ORDER.get(step.kind, len(STEP_KINDS)), step.moment


STEP_ORDER = {kind: position for position, kind in enumerate(STEP_KINDS)}


#: The longest an area's memory is kept (seconds): the bound on staleness after a change that
#: emits no event (a data migration, the shell) or a process whose last phase ends by the clock.
AREA_MEMORY_SECONDS = 300


def area_memory(area_ids: Iterable[int], *, limit: int = 50) -> list[TimelineEntry]:
    """The newest `limit` entries of every timeline source for these areas, newest first.

    Kept in the cache under `events.content_version()` (which every committed domain event
    changes) and the language, at most AREA_MEMORY_SECONDS: each source costs its own queries
    (five apps), more than the rest of the area page (issue #11, ADR 0007's figures alike)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from samenspraak.core import events

    area_ids = sorted(set(area_ids))
    key = f"core:area-memory:{events.content_version()}:{get_language()}:{limit}:" + ",".join(
        str(pk) for pk in area_ids
    )
    entries = cache.get(key)
    if entries is None:
        entries = fresh_area_memory(area_ids, limit=limit)
        cache.set(key, entries, AREA_MEMORY_SECONDS)
    return entries


def fresh_area_memory(area_ids: Iterable[int], *, limit: int = 50) -> list[TimelineEntry]:
    """`area_memory` computed now, from every source (each a fixed number of queries)."""
    from samenspraak.core import components

    area_ids = list(area_ids)
    sources = sorted(components.entries("area_timeline"), key=lambda s: (s.order, s.key))
    entries: list[TimelineEntry] = []
    for source in sources:
        entries.extend(source.entries(area_ids, limit))
    entries.sort(key=lambda entry: entry.moment, reverse=True)
    return entries[:limit]


def kind_label(kind: str) -> str:
    """The word for a kind of step or entry on the pages ("Antwoord", "Besluit", ...)."""
    return str(_KIND_LABELS.get(kind, _KIND_LABELS[""]))


#: Lazy, so each call translates one word (the area page asks for it 30 times).
_KIND_LABELS = {
    "input": gettext_lazy("Inbreng"),
    "answer": gettext_lazy("Antwoord"),
    "initiative": gettext_lazy("Burgerinitiatief"),
    "decision": gettext_lazy("Besluit"),
    "delivery": gettext_lazy("Uitvoering"),
    "milestone": gettext_lazy("Mijlpaal"),
    "result": gettext_lazy("Resultaat"),
    "process": gettext_lazy("Participatieproces"),
    "ballot": gettext_lazy("Stemming"),
    "project": gettext_lazy("Project"),
    "": gettext_lazy("Stap"),
}


def api_moment(at: datetime.date | datetime.datetime) -> datetime.datetime:
    """`at` as an aware datetime for the API: a date counts from its start in the site's time
    zone."""
    from django.utils import timezone

    if isinstance(at, datetime.datetime):
        return at if timezone.is_aware(at) else timezone.make_aware(at)
    return timezone.make_aware(datetime.datetime.combine(at, datetime.time()))


def step_data(step: TraceStep, absolute: Callable[[str], str]) -> dict[str, Any]:
    """One step as the API gives it: kind, at, title, text, status, source and `_links` (html:
    the page, api: the resource, and any links the provider added in `extra["links"]`), made
    absolute with `absolute` (e.g. request.build_absolute_uri)."""
    links: dict[str, dict[str, str]] = {}
    if step.url:
        links["html"] = {"href": absolute(step.url)}
    if step.api_url:
        links["api"] = {"href": absolute(step.api_url)}
    for name, href in (step.extra.get("links") or {}).items():
        links[name] = {"href": href if "://" in href else absolute(href)}
    return {
        "kind": step.kind,
        "at": api_moment(step.at),
        "title": step.title,
        "text": step.text,
        "status": step.status,
        "source": step.source,
        "_links": links,
    }
