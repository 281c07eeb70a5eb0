"""Reads for delivery: public lists, the project page, origins, the dashboard, the golden thread
and the area's memory. Each in a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspraak.core.charts import BarLayout, BarPlace, bar_places, shorten
from samenspraak.core.money import format_money
from samenspraak.core.search import first_results, text_matches, text_search
from samenspraak.core.trace import TimelineEntry, TraceStep
from samenspraak.delivery.models import (
    OPEN_STATUSES,
    DeliveryProject,
    Milestone,
    Origin,
    ProjectStatus,
    Update,
)
from samenspraak.organisations.models import Area, Municipality

PER_PAGE = 20

# --- Origins: what may lead to a project -------------------------------------------------------


def _public_inputs(municipality: Municipality) -> QuerySet:
    from samenspraak.consultation.selectors import public_inputs

    return public_inputs(municipality=municipality).order_by()


def _public_budget_projects(municipality: Municipality) -> QuerySet:
    from samenspraak.budgeting.models import BudgetProject

    inputs = _public_inputs(municipality).values("pk")
    return BudgetProject.objects.filter(input__in=inputs).select_related("input", "budget__process")


def _public_initiatives(municipality: Municipality) -> QuerySet:
    from samenspraak.initiatives.selectors import public_initiatives

    return public_initiatives(municipality).order_by()


def _public_decisions(municipality: Municipality) -> QuerySet:
    from samenspraak.initiatives.models import PUBLIC_STATUSES, CouncilDecision

    return CouncilDecision.objects.filter(
        initiative__municipality=municipality, initiative__status__in=PUBLIC_STATUSES
    ).select_related("initiative", "meeting")


def _budget_project_url(project) -> str:
    return reverse("budgeting:project_detail", args=[project.budget.process.slug, project.pk])


@dataclass(frozen=True)
class OriginKind:
    """One kind of thing a project can come from: `key` "app_label.ModelName"."""

    key: str
    label: Any
    public: Callable[[Any], QuerySet]
    title_field: str
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    api_url: Callable[[Any], str]
    #: Where its date comes from, for the list of origins.
    at: Callable[[Any], Any]


ORIGIN_KINDS: dict[str, OriginKind] = {
    kind.key: kind
    for kind in (
        OriginKind(
            "consultation.Input",
            gettext_lazy("Inbreng"),
            _public_inputs,
            "title",
            lambda item: item.title,
            lambda item: item.get_absolute_url(),
            lambda item: reverse("api:v1:input", args=[item.pk]),
            lambda item: item.created_at,
        ),
        OriginKind(
            "budgeting.BudgetProject",
            gettext_lazy("Project uit de begroting van inwoners"),
            _public_budget_projects,
            "input__title",
            lambda item: item.input.title,
            _budget_project_url,
            lambda item: reverse("api:v1:input", args=[item.input_id]),
            lambda item: item.created_at,
        ),
        OriginKind(
            "initiatives.Initiative",
            gettext_lazy("Burgerinitiatief"),
            _public_initiatives,
            "title",
            lambda item: item.title,
            lambda item: item.get_absolute_url(),
            lambda item: reverse("api:v1:initiative", args=[item.pk]),
            lambda item: item.created_at,
        ),
        OriginKind(
            "initiatives.CouncilDecision",
            gettext_lazy("Raadsbesluit"),
            _public_decisions,
            "initiative__title",
            lambda item: f"{item.initiative.title}: {item.get_outcome_display()}",
            lambda item: item.initiative.get_absolute_url(),
            lambda item: reverse("api:v1:council_decision", args=[item.pk]),
            lambda item: item.decided_on,
        ),
    )
}


#: (app_label, model name in lower case) -> kind, as content types name them.
_KINDS_BY_NATURAL_KEY = {tuple(key.lower().split(".")): kind for key, kind in ORIGIN_KINDS.items()}


def origin_kind_of(content_type: ContentType) -> OriginKind | None:
    return _KINDS_BY_NATURAL_KEY.get((content_type.app_label, content_type.model))


def origin_public_object(municipality: Municipality | int, key: str, object_id: int):
    """The public thing `object_id` of kind `key` in `municipality`, or None."""
    kind = ORIGIN_KINDS.get(key)
    if kind is None:
        return None
    return kind.public(municipality).filter(pk=object_id).first()


@dataclass(frozen=True)
class OriginItem:
    """One origin as the pages and the API show it."""

    pk: int
    key: str
    object_id: int
    kind_label: str
    title: str
    url: str
    api_url: str
    at: Any


def origin_items(project: DeliveryProject) -> list[OriginItem]:
    """The project's origins that are (still) public, in the order they were added."""
    return origin_items_for([project])[project.pk]


def origin_items_for(projects: list[DeliveryProject]) -> dict[int, list[OriginItem]]:
    """The public origins of each of `projects` (of one municipality), in the order they were
    added: one query for the links and one per kind they point at (at most four)."""
    result: dict[int, list[OriginItem]] = {project.pk: [] for project in projects}
    if not projects:
        return result
    origins = list(
        Origin.objects.filter(project__in=[p.pk for p in projects])
        .select_related("content_type")
        .order_by("project_id", "pk")
    )
    ids_by_kind: dict[str, set[int]] = {}
    for origin in origins:
        kind = origin_kind_of(origin.content_type)
        if kind is not None:
            ids_by_kind.setdefault(kind.key, set()).add(origin.object_id)
    found: dict[tuple[str, int], Any] = {}
    municipality_id = projects[0].municipality_id
    for key, ids in ids_by_kind.items():
        for item in ORIGIN_KINDS[key].public(municipality_id).filter(pk__in=ids):
            found[(key, item.pk)] = item
    for origin in origins:
        kind = origin_kind_of(origin.content_type)
        if kind is None or (kind.key, origin.object_id) not in found:
            continue
        item = found[(kind.key, origin.object_id)]
        result[origin.project_id].append(
            OriginItem(
                pk=origin.pk,
                key=kind.key,
                object_id=origin.object_id,
                kind_label=str(kind.label),
                title=kind.title(item),
                url=kind.url(item),
                api_url=kind.api_url(item),
                at=kind.at(item),
            )
        )
    return result


def origin_candidates(municipality: Municipality, query: str, limit: int = 10) -> list[OriginItem]:
    """Public things of the municipality whose title matches `query`, per kind at most `limit`
    (staff pick origins from these): one query per kind."""
    query = " ".join((query or "").split())[:100]
    if len(query) < 2:
        return []
    items = []
    for kind in ORIGIN_KINDS.values():
        rows = kind.public(municipality).filter(**{f"{kind.title_field}__icontains": query})
        for item in rows.order_by("-pk")[:limit]:
            items.append(
                OriginItem(
                    pk=0,
                    key=kind.key,
                    object_id=item.pk,
                    kind_label=str(kind.label),
                    title=kind.title(item),
                    url=kind.url(item),
                    api_url=kind.api_url(item),
                    at=kind.at(item),
                )
            )
    return items


# --- Projects -----------------------------------------------------------------------------------


def _with_relations(projects: QuerySet[DeliveryProject]) -> QuerySet[DeliveryProject]:
    return projects.select_related("area", "area__parent", "department", "topic")


def public_projects(
    municipality: Municipality | int, *, status: str = "", area: Area | None = None, topic=None
) -> QuerySet[DeliveryProject]:
    """Public projects of the municipality, newest first; `area` includes its buurten."""
    projects = DeliveryProject.objects.filter(municipality=municipality, is_public=True)
    if status:
        projects = projects.filter(status=status)
    if area is not None:
        projects = projects.filter(Q(area=area) | Q(area__parent=area))
    if topic is not None:
        projects = projects.filter(topic=topic)
    return _with_relations(projects).order_by("-created_at", "-pk")


def project_page_of(projects: QuerySet[DeliveryProject], number) -> Page:
    """One page of `projects` (two queries: the count and the rows)."""
    return Paginator(projects, PER_PAGE).get_page(number)


def staff_projects(municipality: Municipality) -> QuerySet[DeliveryProject]:
    """Every project of the municipality, public or not, newest first."""
    return _with_relations(DeliveryProject.objects.filter(municipality=municipality)).order_by(
        "-created_at", "-pk"
    )


def _linked_ids(key: str) -> QuerySet:
    app_label, model = key.split(".")
    return Origin.objects.filter(
        content_type__app_label=app_label, content_type__model=model.lower()
    ).values("object_id")


def waiting_for_delivery(municipality: Municipality, limit: int = 20) -> list[OriginItem]:
    """Funded budget projects (in a published result) and adopted initiatives that no project
    carries out yet, for "new project from this" on the staff page. Three queries."""
    from samenspraak.budgeting.models import BudgetResult
    from samenspraak.initiatives.models import Outcome

    funded: list[int] = []
    for selected in BudgetResult.objects.filter(
        budget__process__municipality=municipality, published_at__isnull=False
    ).values_list("selected", flat=True):
        funded.extend(selected)
    items = []
    kinds = (
        (
            ORIGIN_KINDS["budgeting.BudgetProject"],
            ORIGIN_KINDS["budgeting.BudgetProject"].public(municipality).filter(pk__in=funded),
        ),
        (
            ORIGIN_KINDS["initiatives.Initiative"],
            ORIGIN_KINDS["initiatives.Initiative"]
            .public(municipality)
            .filter(decisions__outcome=Outcome.ADOPTED)
            .distinct(),
        ),
    )
    for kind, rows in kinds:
        for item in rows.exclude(pk__in=_linked_ids(kind.key)).order_by("-pk")[:limit]:
            items.append(
                OriginItem(
                    pk=0,
                    key=kind.key,
                    object_id=item.pk,
                    kind_label=str(kind.label),
                    title=kind.title(item),
                    url=kind.url(item),
                    api_url=kind.api_url(item),
                    at=kind.at(item),
                )
            )
    return items


def public_counts_key(municipality_id: int) -> str:
    return f"delivery:public-counts:{municipality_id}"


def public_counts(municipality: Municipality) -> dict[str, int]:
    """{status: number} of the municipality's public projects, for the home page. Cached (the
    services clear it on every project write), so the home page asks without a query."""
    key = public_counts_key(municipality.pk)
    counts = cache.get(key)
    if counts is None:
        counts = dict(
            DeliveryProject.objects.filter(municipality=municipality, is_public=True)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        cache.set(key, counts, timeout=300)
    return counts


def project_get(municipality: Municipality, pk: int) -> DeliveryProject:
    """Any project of the municipality. Raises DeliveryProject.DoesNotExist."""
    return _with_relations(DeliveryProject.objects.filter(municipality=municipality)).get(pk=pk)


def milestones(project: DeliveryProject, today: datetime.date | None = None) -> list[Milestone]:
    """The project's milestones by date, each with `.overdue`. One query."""
    today = today or timezone.localdate()
    items = list(Milestone.objects.filter(project=project).order_by("planned_on", "pk"))
    for item in items:
        item.overdue = project.is_open and item.done_on is None and item.planned_on < today
    return items


def updates(project: DeliveryProject) -> list[Update]:
    """The project's updates, newest first, with their authors. One query."""
    return list(Update.objects.filter(project=project).select_related("author"))


def map_points(project: DeliveryProject) -> list[dict]:
    if project.latitude is None or project.longitude is None:
        return []
    return [
        {
            "lat": project.latitude,
            "lon": project.longitude,
            "title": project.title,
            "url": project.get_absolute_url(),
            "place": project.place_name,
        }
    ]


_SEARCHED_FIELDS = ["title", "description"]


def _searchable_projects():
    from samenspraak.organisations.selectors import current_municipality

    municipality = current_municipality()
    if municipality is None:
        return DeliveryProject.objects.none()
    return DeliveryProject.objects.filter(municipality=municipality, is_public=True)


def search_results(query: str, user=None, page: int = 1):
    """Site search (delivery's provider): page `page` of the public projects of this
    municipality."""
    return first_results(text_search(_searchable_projects(), _SEARCHED_FIELDS, query), page=page)


def search_matches(query: str, user=None):
    """What `search_results` finds, unranked and not yet run (core.components.SearchProvider)."""
    return text_matches(_searchable_projects(), _SEARCHED_FIELDS, query)


# --- Dashboard -----------------------------------------------------------------------------------

STATUS_LAYOUT = BarLayout(
    row_height=32, bar_height=22, label_width=150, bar_area=300, value_width=60
)
BUDGET_LAYOUT = BarLayout(
    row_height=32, bar_height=22, label_width=150, bar_area=300, value_width=140
)
#: The dashboard's table lists at most this many projects (the largest budgets first).
DASHBOARD_PROJECTS = 50
OVERDUE_LIMIT = 50


@dataclass
class Bar:
    label: str
    value: Any
    value_text: str
    place: BarPlace | None = None
    css: str = ""


@dataclass
class Dashboard:
    by_status: list[Bar]
    budget: list[Bar]
    total: int
    planned: Decimal
    spent: Decimal
    overdue: list[Milestone]
    overdue_count: int
    projects: list[DeliveryProject]
    status_height: int = 0
    budget_height: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def spent_percent(self) -> int | None:
        if not self.planned:
            return None
        return round(self.spent * 100 / self.planned)


def dashboard(
    municipality: Municipality, area: Area | None = None, today: datetime.date | None = None
) -> Dashboard:
    """The delivery dashboard of the municipality or of one area (with its buurten): projects
    by status, budget planned against spent, overdue milestones, the projects. Three queries."""
    today = today or timezone.localdate()
    projects = public_projects(municipality, area=area)
    rows = {
        row["status"]: row
        for row in projects.order_by()
        .values("status")
        .annotate(n=Count("pk"), planned=Sum("budget_planned"), spent=Sum("budget_spent"))
    }
    by_status = []
    planned = spent = Decimal(0)
    total = 0
    for status in ProjectStatus:
        row: dict[str, Any] = dict(rows.get(status.value, {}))
        n = row.get("n", 0)
        total += n
        planned += row.get("planned") or 0
        spent += row.get("spent") or 0
        by_status.append(Bar(str(status.label), n, str(n), css=f"bar--{status.value}"))
    for bar, place in zip(
        by_status, bar_places([b.value for b in by_status], STATUS_LAYOUT), strict=True
    ):
        bar.place = place
    budget = [
        Bar(_("Gepland"), planned, format_money(planned), css="bar--planned"),
        Bar(_("Uitgegeven"), spent, format_money(spent), css="bar--spent"),
    ]
    for bar, place in zip(
        budget, bar_places([float(b.value) for b in budget], BUDGET_LAYOUT), strict=True
    ):
        bar.place = place
    overdue_qs = Milestone.objects.filter(
        project__in=projects.filter(status__in=OPEN_STATUSES).values("pk"),
        done_on__isnull=True,
        planned_on__lt=today,
    ).select_related("project")
    overdue = list(overdue_qs.order_by("planned_on", "pk")[: OVERDUE_LIMIT + 1])
    for item in overdue:
        item.overdue = True
    overdue_count = len(overdue) if len(overdue) <= OVERDUE_LIMIT else overdue_qs.count()
    table = list(
        projects.order_by("status", "-budget_planned", "-pk")[:DASHBOARD_PROJECTS] if total else []
    )
    return Dashboard(
        by_status=by_status,
        budget=budget,
        total=total,
        planned=planned,
        spent=spent,
        overdue=overdue[:OVERDUE_LIMIT],
        overdue_count=overdue_count,
        projects=table,
        status_height=STATUS_LAYOUT.height(len(by_status)),
        budget_height=BUDGET_LAYOUT.height(len(budget)),
    )


def chart_label(text: str) -> str:
    return shorten(text, 22)


# --- The golden thread and the area's memory ---------------------------------------------------


def _thread_steps(key: str) -> Callable[[list[int]], dict[int, list[TraceStep]]]:
    """A TraceProvider's `steps` for origins of kind `key`: the public projects they led to,
    their milestones done and their delivery. Two queries for any number of ids."""

    def steps(ids: list[int]) -> dict[int, list[TraceStep]]:
        result: dict[int, list[TraceStep]] = {}
        if not ids:
            return result
        app_label, model = key.split(".")
        links = list(
            Origin.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model.lower(),
                object_id__in=ids,
                project__is_public=True,
            )
            .select_related("project")
            .order_by("project__pk")
        )
        if not links:
            return result
        done: dict[int, list[Milestone]] = {}
        for milestone in Milestone.objects.filter(
            project__in={link.project_id for link in links}, done_on__isnull=False
        ).order_by("done_on", "pk"):
            done.setdefault(milestone.project_id, []).append(milestone)
        for link in links:
            result.setdefault(link.object_id, []).extend(project_steps(link.project, done))
        return result

    return steps


def project_steps(project: DeliveryProject, done: dict[int, list[Milestone]]) -> list[TraceStep]:
    url = project.get_absolute_url()
    api_url = reverse("api:v1:delivery_project", args=[project.pk])
    started = project.starts_on or timezone.localdate(project.created_at)
    steps = [
        TraceStep(
            kind="delivery",
            at=started,
            title=_("Uitvoeringsproject: %(title)s") % {"title": project.title},
            text=_("%(status)s, %(progress)s%% klaar")
            % {"status": project.get_status_display(), "progress": project.progress},
            url=url,
            api_url=api_url,
            status=project.status,
            source="delivery",
            extra={"project_id": project.pk, "progress": project.progress},
        )
    ]
    for milestone in done.get(project.pk, []):
        if milestone.done_on is None:
            continue
        steps.append(
            TraceStep(
                kind="milestone",
                at=milestone.done_on,
                title=_("Mijlpaal gehaald: %(title)s") % {"title": milestone.title},
                url=url,
                api_url=api_url,
                status="done",
                source="delivery",
                extra={"project_id": project.pk},
            )
        )
    if project.status == ProjectStatus.DELIVERED and project.delivered_on:
        steps.append(
            TraceStep(
                kind="result",
                at=project.delivered_on,
                title=_("Opgeleverd: %(title)s") % {"title": project.title},
                url=url,
                api_url=api_url,
                status=project.status,
                source="delivery",
                extra={"project_id": project.pk},
            )
        )
    return steps


input_steps = _thread_steps("consultation.Input")
budget_project_steps = _thread_steps("budgeting.BudgetProject")
initiative_steps = _thread_steps("initiatives.Initiative")
decision_steps = _thread_steps("initiatives.CouncilDecision")


def area_timeline(area_ids: list[int], limit: int) -> list[TimelineEntry]:
    """Public projects in these areas (and city-wide ones of their municipality): when each
    started and, when delivered, its result. One query."""
    if not area_ids:
        return []
    municipalities = Area.objects.filter(pk__in=area_ids).values("municipality_id")
    projects = (
        DeliveryProject.objects.filter(is_public=True)
        .filter(Q(area_id__in=area_ids) | Q(area__isnull=True, municipality_id__in=municipalities))
        .select_related("area")
        .order_by("-created_at", "-pk")[:limit]
    )
    entries = []
    for project in projects:
        area = project.area.name if project.area else _("Hele gemeente")
        entries.append(
            TimelineEntry(
                kind="delivery",
                at=project.starts_on or project.created_at,
                title=_("Uitvoering: %(title)s") % {"title": project.title},
                url=project.get_absolute_url(),
                text=_("%(status)s, %(progress)s%% klaar")
                % {"status": project.get_status_display(), "progress": project.progress},
                area=area,
                status=project.status,
                source="delivery",
            )
        )
        if project.status == ProjectStatus.DELIVERED and project.delivered_on:
            entries.append(
                TimelineEntry(
                    kind="result",
                    at=project.delivered_on,
                    title=_("Opgeleverd: %(title)s") % {"title": project.title},
                    url=project.get_absolute_url(),
                    area=area,
                    status=project.status,
                    source="delivery",
                )
            )
    entries.sort(key=lambda entry: entry.moment, reverse=True)
    return entries[:limit]


def area_projects(area: Area, limit: int = 5) -> tuple[list[DeliveryProject], bool]:
    """Public projects in the area and its buurten, newest first (for the area page); one
    query. True when there are more than `limit`."""
    rows = list(public_projects(area.municipality_id, area=area)[: limit + 1])
    return rows[:limit], len(rows) > limit
