"""Reads for input, answers and responsiveness figures, each a fixed number of queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.consultation import summary_cache
from samenspraak.consultation.models import (
    COLLECT,
    AnswerTemplate,
    Input,
    InputStatus,
    OfficialAnswer,
    Support,
)
from samenspraak.core.dates import format_day
from samenspraak.core.richtext import plain_text
from samenspraak.core.search import first_results, text_matches, text_search
from samenspraak.core.trace import TimelineEntry, TraceStep
from samenspraak.processes.models import ProcessStatus

SORTS = {"new": ("-created_at", "-pk"), "support": ("-support_count", "-created_at", "-pk")}


def input_list(
    *,
    process,
    status: str = "",
    outcome: str = "",
    area=None,
    topic=None,
    sort: str = "new",
) -> QuerySet[Input]:
    """The inputs of a process, filtered and sorted. Show them with `input_page`."""
    qs = _filtered(
        Input.objects.filter(process=process),
        status=status,
        outcome=outcome,
        area=area,
        topic=topic,
    )
    return qs.order_by(*SORTS.get(sort, SORTS["new"]))


def _filtered(qs, *, status: str = "", outcome: str = "", area=None, topic=None):
    if status:
        qs = qs.filter(status=status)
    if outcome:
        qs = qs.filter(answer__outcome=outcome)
    if area is not None:
        qs = qs.filter(area=area)
    if topic is not None:
        qs = qs.filter(topic=topic)
    return qs


def public_inputs(*, municipality, process=None, area=None, status: str = "") -> QuerySet[Input]:
    """The inputs the public pages show, across the published processes of `municipality`,
    without the ones a moderator has hidden; newest first. For the API (one query per page)."""
    from samenspraak.dialogue.selectors import exclude_hidden
    from samenspraak.processes.selectors import published

    qs = Input.objects.filter(process__in=published(municipality))
    if process is not None:
        qs = qs.filter(process=process)
    qs = _filtered(qs, status=status, area=area)
    return exclude_hidden(
        qs.select_related("process", "author", "area", "topic", "answer")
    ).order_by(*SORTS["new"])


def input_of_municipality(*, municipality, pk) -> Input:
    """Any input (also of a draft process) of `municipality`, for staff. Raises DoesNotExist."""
    return Input.objects.select_related("process", "author", "area", "topic", "answer").get(
        process__municipality=municipality, pk=pk
    )


LIST_RELATIONS = ("author", "area", "topic", "answer", "phase")


def input_page(inputs: QuerySet[Input], number, per_page: int) -> Page:
    """One page of `inputs`: paginate on primary keys alone, then load just that page's rows
    with their relations. The sort walks one index, and the joins run for 20 rows instead of
    for every row the offset skips (page 250 of 10,000 inputs). Three queries."""
    page = Paginator(inputs.values_list("pk", flat=True), per_page).get_page(number)
    rows = (
        Input.objects.select_related(*LIST_RELATIONS)
        .defer("search_vector")  # the database's search document: no page shows it
        .in_bulk(list(page.object_list))
    )
    return Page([rows[pk] for pk in page.object_list if pk in rows], page.number, page.paginator)


#: The map of an input list shows at most this many points (the newest of the filter).
MAP_LIMIT = 500


@dataclass(frozen=True)
class MapPoint:
    pk: int
    title: str
    latitude: float
    longitude: float
    place_name: str
    status: str

    @property
    def status_label(self) -> str:
        return str(InputStatus(self.status).label)


def input_map(inputs: QuerySet[Input], limit: int = MAP_LIMIT) -> tuple[list[MapPoint], int]:
    """The inputs of `inputs` that have a place, without the ones a moderator hid: at most
    `limit` of them in the list's order, and how many there are in all. One query (two when
    there are more than `limit`)."""
    from samenspraak.dialogue.selectors import exclude_hidden

    placed = exclude_hidden(inputs.filter(latitude__isnull=False, longitude__isnull=False))
    rows = placed.values_list("pk", "title", "latitude", "longitude", "place_name", "status")[
        :limit
    ]
    points = [MapPoint(*row) for row in rows]
    total = len(points) if len(points) < limit else placed.count()
    return points, total


def input_get(*, process, pk: int) -> Input:
    """One input of the process with its answer. Raises Input.DoesNotExist. Its process is the
    caller's (the page's sections and the golden thread read `input.process`: no second read)."""
    item = Input.objects.select_related(
        "author", "area", "topic", "phase", "answer", "owner", "answer__answered_by"
    ).get(process=process, pk=pk)
    item.process = item.phase.process = process
    return item


def input_search(query: str, *, municipality=None, visible: bool = False) -> QuerySet[Input]:
    """Inputs of published processes whose title or body match, best first (for site search);
    `visible`: without those a moderator hid, left out in the same query. One query here (see
    core.search.text_search), one for the rows."""
    qs = _searchable_inputs(municipality, visible).select_related("process").defer("search_vector")
    return text_search(qs, ["title", "body"], query, stored_vector="search_vector")


def _searchable_inputs(municipality, visible: bool) -> QuerySet[Input]:
    from samenspraak.dialogue.selectors import exclude_hidden

    qs = Input.objects.filter(process__status="published")
    if municipality is not None:
        qs = qs.filter(process__municipality=municipality)
    return exclude_hidden(qs) if visible else qs


def search_results(query: str, user=None, page: int = 1):
    """Site search (consultation's provider): matching inputs of published processes of this
    municipality, without those a moderator hid (not counted either); two queries."""
    from samenspraak.organisations.selectors import current_municipality

    return first_results(
        input_search(query, municipality=current_municipality(), visible=True), page=page
    )


def search_matches(query: str, user=None) -> QuerySet[Input]:
    """What `search_results` finds, unranked and not yet run (core.components.SearchProvider)."""
    from samenspraak.organisations.selectors import current_municipality

    inputs = _searchable_inputs(current_municipality(), visible=True)
    return text_matches(inputs, ["title", "body"], query, stored_vector="search_vector")


def has_supported(user, input) -> bool:
    if not (user and user.is_authenticated):
        return False
    return input.supports.filter(user=user).exists()


def collect_phase(process, at=None):
    """The collect phase that runs now, else None. Uses prefetched phases when present."""
    at = at or timezone.now()
    for phase in process.phases.all():
        if phase.kind == COLLECT and phase.is_active(at):
            return phase
    return None


def collect_phases(process):
    return [phase for phase in process.phases.all() if phase.kind == COLLECT]


def latest_inputs(process, limit: int = 3) -> list[Input]:
    return list(
        Input.objects.filter(process=process)
        .select_related("answer")
        .order_by("-created_at")[:limit]
    )


def input_counts(process, *, request=None) -> dict:
    """How many inputs, how many answered, and the supports they have together (one query,
    shared through `request` with the figures: see process_summary)."""
    summary = process_summary(process, request=request)
    return {
        "total": summary.figures.total,
        "answered": summary.figures.answered,
        "supports": summary.supports,
    }


# --- Responsiveness figures --------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    total: int
    answered: int
    overdue: int
    median_days: float | None

    @property
    def share_answered(self) -> int | None:
        """Percentage answered, rounded; None when there is no input."""
        if not self.total:
            return None
        return round(100 * self.answered / self.total)


def _answer_delta():
    return ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField())


def _median(sorted_values: list) -> float | None:
    n = len(sorted_values)
    if not n:
        return None
    middle = n // 2
    if n % 2:
        return sorted_values[middle]
    return (sorted_values[middle - 1] + sorted_values[middle]) / 2


def _days(delta) -> float:
    return delta.total_seconds() / 86400


def _counts(qs, today):
    return dict(
        total=Count("pk"),
        answered=Count("pk", filter=Q(status=InputStatus.ANSWERED)),
        overdue=Count("pk", filter=~Q(status=InputStatus.ANSWERED) & Q(due_date__lt=today)),
    )


class Median(Aggregate):
    """The median of an expression, computed by PostgreSQL (percentile_cont; works on
    intervals too). Other databases use `_median_by_offset`."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


@dataclass(frozen=True)
class Summary:
    """What a process's page tells about its input: the responsiveness figures and the supports
    all inputs have together."""

    figures: Figures
    supports: int


def process_summary(process, *, today=None, request=None) -> Summary:
    """Counts, supports and the median days to answer of a process's input: one aggregate query
    on PostgreSQL (the median by percentile_cont), two elsewhere, and none while the cache holds
    today's figures (consultation.summary_cache; the services forget them on every write that
    changes them). With `request`, the result is kept on it, so the sections of one page share
    one look-up."""
    today = today or timezone.localdate()
    memo = getattr(request, "_consultation_summaries", None) if request is not None else None
    key = (process.pk, today)
    if memo is not None and key in memo:
        return memo[key]
    summary = summary_cache.get(process.pk, today)
    if summary is None:
        summary = _process_summary(process, today)
        summary_cache.put(process.pk, today, summary)
    if request is not None:
        if memo is None:
            memo = request._consultation_summaries = {}
        memo[key] = summary
    return summary


def _process_summary(process, today) -> Summary:
    qs = Input.objects.filter(process=process)
    aggregates: dict[str, Any] = _counts(qs, today)
    aggregates["supports"] = Coalesce(Sum("support_count"), 0)
    answered = Q(status=InputStatus.ANSWERED, answered_at__isnull=False)
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["median"] = Median(_answer_delta(), filter=answered)
    row = qs.aggregate(**aggregates)
    if postgres:
        median = _days_or_none(row.pop("median"))
    else:
        median = _median_by_offset(qs.filter(answered), row["answered"])
    supports = row.pop("supports")
    return Summary(figures=Figures(median_days=median, **row), supports=supports)


def _median_by_offset(answered: QuerySet[Input], n: int) -> float | None:
    """The median time to answer from the one or two middle rows of the answered inputs sorted
    by it: exact, and transfers at most two values (for databases without percentile_cont)."""
    if not n:
        return None
    lo = (n - 1) // 2
    middle = list(
        answered.annotate(delta=_answer_delta())
        .order_by("delta", "pk")
        .values_list("delta", flat=True)[lo : n // 2 + 1]
    )
    if not middle:
        return None
    return sum(_days(d) for d in middle) / len(middle)


def process_figures(process, *, today=None, request=None) -> Figures:
    """Share answered, median days to answer, and how many are overdue (see process_summary)."""
    return process_summary(process, today=today, request=request).figures


def municipality_figures(municipality, *, today=None) -> tuple[Figures, list[tuple]]:
    """Figures for the whole municipality and per published process with input: three queries.
    On PostgreSQL the medians come from the database (percentile_cont per process and overall);
    elsewhere from one sorted list of every answered input's time to answer.

    Returns (overall Figures, [(process, Figures), ...] ordered by process title).
    """
    from samenspraak.processes.models import Process

    today = today or timezone.localdate()
    base = Input.objects.filter(process__municipality=municipality, process__status="published")
    answered = Q(status=InputStatus.ANSWERED, answered_at__isnull=False)
    if connection.vendor == "postgresql":
        median = Median(_answer_delta(), filter=answered)
        per_process: dict[int, Mapping[str, Any]] = {
            row["process"]: row
            for row in base.values("process")
            .annotate(**_counts(base, today), median=median)
            .order_by()
        }
        medians = {pk: _days_or_none(row["median"]) for pk, row in per_process.items()}
        overall_median = _days_or_none(base.aggregate(median=median)["median"])
    else:
        per_process = {
            row["process"]: row
            for row in base.values("process").annotate(**_counts(base, today)).order_by()
        }
        medians, overall_median = _medians_in_python(base.filter(answered))
    processes = Process.objects.filter(pk__in=per_process.keys()).order_by("title")
    rows = []
    for process in processes:
        row = per_process[process.pk]
        rows.append(
            (
                process,
                Figures(
                    total=row["total"],
                    answered=row["answered"],
                    overdue=row["overdue"],
                    median_days=medians.get(process.pk),
                ),
            )
        )
    overall = Figures(
        total=sum(r["total"] for r in per_process.values()),
        answered=sum(r["answered"] for r in per_process.values()),
        overdue=sum(r["overdue"] for r in per_process.values()),
        median_days=overall_median,
    )
    return overall, rows


def _days_or_none(delta) -> float | None:
    return _days(delta) if delta is not None else None


def _medians_in_python(answered: QuerySet[Input]) -> tuple[dict[int, float | None], float | None]:
    """Per process and overall median days to answer from one sorted query (no percentile_cont
    on this database)."""
    deltas: dict[int, list[float]] = {}
    everything: list[float] = []
    for process_id, delta in (
        answered.annotate(delta=_answer_delta())
        .order_by("delta", "pk")
        .values_list("process", "delta")
    ):
        days = _days(delta)
        deltas.setdefault(process_id, []).append(days)
        everything.append(days)
    return {pk: _median(values) for pk, values in deltas.items()}, _median(everything)


# --- Staff --------------------------------------------------------------------------------------


def inbox(*, user, mine: bool = False, overdue: bool = False, process=None, today=None):
    """Open inputs (not yet answered) for the answer inbox, oldest deadline first."""
    today = today or timezone.localdate()
    qs = (
        Input.objects.exclude(status=InputStatus.ANSWERED)
        .select_related("process", "owner")
        .order_by("due_date", "pk")
    )
    if mine:
        qs = qs.filter(owner=user)
    if overdue:
        qs = qs.filter(due_date__lt=today)
    if process is not None:
        qs = qs.filter(process=process)
    return qs


def inbox_processes():
    """Processes that have open input (for the inbox's process filter)."""
    from samenspraak.processes.models import Process

    return Process.objects.filter(
        pk__in=Input.objects.exclude(status=InputStatus.ANSWERED).values("process")
    ).order_by("title")


def answer_templates(municipality) -> QuerySet[AnswerTemplate]:
    return AnswerTemplate.objects.filter(municipality=municipality).order_by("title")


def answer_of(input) -> OfficialAnswer | None:
    return OfficialAnswer.objects.filter(input=input).first()


def staff_who_answer():
    from samenspraak.accounts.models import Role, User

    return User.objects.filter(
        is_active=True, role__in=[Role.PROCESS_MANAGER, Role.ADMINISTRATOR]
    ).order_by("display_name")


def inputs_by(user) -> QuerySet[Input]:
    """What `user` submitted in consultation's own phases, newest first, with the process and
    the answer joined (a budget proposal is budgeting's to show, with its fate)."""
    return (
        Input.objects.filter(author=user, phase__kind=COLLECT)
        .select_related("process", "phase", "answer")
        .order_by("-created_at", "-pk")
    )


def supports_by(user) -> QuerySet[Support]:
    """What `user` supports, newest support first, with the input, its phase, process and
    answer joined (all in one query)."""
    return (
        Support.objects.filter(user=user)
        .select_related("input__phase__process", "input__process", "input__answer")
        .order_by("-created_at", "-pk")
    )


# --- The golden thread and the area's memory (core.trace, declared in the manifest) -------


def _public_trace_inputs(ids) -> QuerySet[Input]:
    """Inputs of published processes that no moderator hid, with their answer and phase."""
    from samenspraak.dialogue.selectors import exclude_hidden

    return exclude_hidden(
        Input.objects.filter(pk__in=ids, process__status=ProcessStatus.PUBLISHED)
    ).select_related("process", "phase", "answer")


def _answer_step(item: Input, url: str, api_url: str):

    answer = item.answer
    if item.shows_outcome:
        title = _("De gemeente heeft geantwoord: %(outcome)s") % {
            "outcome": answer.get_outcome_display().lower()
        }
        status = answer.outcome
    else:
        title, status = _("De gemeente heeft geantwoord"), ""
    text = plain_text(answer.body)
    if len(text) > 300:
        text = text[:297].rstrip() + "…"
    return TraceStep(
        "answer",
        answer.published_at,
        title,
        text=text,
        url=f"{url}#answer-heading",
        api_url=api_url,
        status=status,
        source="consultation",
    )


def trace_steps(ids: list[int]) -> dict[int, list]:
    """The golden thread's first steps of each public input: submitted, and the municipality's
    official answer (with its outcome where the phase gives one). One query for any number of
    ids; hidden inputs and inputs of unpublished processes get no steps."""

    result: dict[int, list] = {}
    for item in _public_trace_inputs(ids):
        url = reverse("consultation:input_detail", args=[item.process.slug, item.pk])
        api_url = reverse("api:v1:input", args=[item.pk])
        steps = [
            TraceStep(
                "input",
                item.created_at,
                _("De inbreng is ingediend"),
                text=item.title,
                url=url,
                api_url=api_url,
                status=InputStatus.SUBMITTED,
                source="consultation",
            )
        ]
        if hasattr(item, "answer"):
            steps.append(_answer_step(item, url, api_url))
        result[item.pk] = steps
    return result


def area_timeline(area_ids: list[int], limit: int) -> list:
    """What residents asked in these areas and what the municipality answered: the newest
    `limit` answered public inputs (one query)."""
    from samenspraak.dialogue.selectors import exclude_hidden

    inputs = exclude_hidden(
        Input.objects.filter(
            area_id__in=area_ids,
            process__status=ProcessStatus.PUBLISHED,
            answer__isnull=False,
        )
    )
    inputs = (
        inputs.select_related("process", "phase", "answer", "area")
        # Only what the entries show: not the bodies, descriptions and search vectors.
        .only(
            "title",
            "created_at",
            "process__slug",
            "phase__kind",
            "answer__published_at",
            "answer__outcome",
            "area__name",
        )
        .order_by("-answer__published_at", "-pk")[:limit]
    )
    entries = []
    for item in inputs:
        answer = item.answer
        if item.shows_outcome:
            text = _("Gevraagd op %(day)s. Antwoord van de gemeente: %(outcome)s.") % {
                "day": format_day(item.created_at),
                "outcome": answer.get_outcome_display().lower(),
            }
            status = answer.outcome
        else:
            text = _("Gevraagd op %(day)s. De gemeente heeft geantwoord.") % {
                "day": format_day(item.created_at)
            }
            status = ""
        entries.append(
            TimelineEntry(
                "answer",
                answer.published_at,
                item.title,
                url=reverse("consultation:input_detail", args=[item.process.slug, item.pk]),
                text=text,
                area=item.area.name if item.area else "",
                status=status,
                source="consultation",
            )
        )
    return entries
