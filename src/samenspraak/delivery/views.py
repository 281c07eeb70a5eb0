"""Delivery pages: the public list, project page and dashboard; for process managers the pages
to keep projects, milestones, updates and origins (staff sessions passed the second factor:
accounts.middleware; every staff view checks the role)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.permissions import role_required
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.dates import format_day
from samenspraak.core.forms import apply_service_errors, preview_requested, previews
from samenspraak.delivery import permissions, selectors, services
from samenspraak.delivery.forms import (
    FilterForm,
    MilestoneForm,
    OriginSearchForm,
    ProjectForm,
    UpdateForm,
)
from samenspraak.delivery.models import DeliveryProject, Milestone, Origin, ProjectStatus, Update
from samenspraak.delivery.permissions import MANAGER_ROLES
from samenspraak.organisations.models import Area, Topic
from samenspraak.organisations.selectors import current_municipality, map_context


def _municipality():
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    return municipality


def _project_or_404(request, pk) -> DeliveryProject:
    try:
        project = selectors.project_get(_municipality(), pk)
    except DeliveryProject.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view(request.user, project):
        raise Http404
    return project


def _areas(municipality):
    return list(
        Area.objects.filter(municipality=municipality)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


# --- Public pages -------------------------------------------------------------------------------


def project_list(request):
    municipality = _municipality()
    areas = _areas(municipality)
    topics = list(Topic.objects.filter(municipality=municipality))
    form = FilterForm(request.GET or None, areas=areas, topics=topics)
    status = area = topic = None
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"] or None
        area = next((a for a in areas if a.slug == form.cleaned_data["gebied"]), None)
        topic = next((t for t in topics if t.slug == form.cleaned_data["thema"]), None)
    projects = selectors.public_projects(municipality, status=status or "", area=area, topic=topic)
    page = selectors.project_page_of(projects, request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "delivery/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "area": area,
            "can_manage": permissions.can_manage(request.user),
        },
    )


def project_detail(request, pk):
    project = _project_or_404(request, pk)
    points = selectors.map_points(project)
    context = {
        "project": project,
        "milestones": selectors.milestones(project),
        "updates": selectors.updates(project),
        "origins": selectors.origin_items(project),
        "points": points,
        "can_manage": permissions.can_manage(request.user),
    }
    if points:
        context.update(map_context(project.municipality_id))
    return render(request, "delivery/detail.html", context)


def dashboard(request):
    municipality = _municipality()
    areas = _areas(municipality)
    slug = request.GET.get("gebied", "")
    area = next((a for a in areas if a.slug == slug), None) if slug else None
    if slug and area is None:
        raise Http404
    return render(
        request,
        "delivery/dashboard.html",
        {
            "board": selectors.dashboard(municipality, area),
            "area": area,
            "areas": areas,
            "status_layout": selectors.STATUS_LAYOUT,
            "budget_layout": selectors.BUDGET_LAYOUT,
        },
    )


# --- Staff pages --------------------------------------------------------------------------------


@role_required(*MANAGER_ROLES)
def manage(request):
    municipality = _municipality()
    return render(
        request,
        "delivery/staff/manage.html",
        {
            "projects": list(selectors.staff_projects(municipality)),
            "waiting": selectors.waiting_for_delivery(municipality),
        },
    )


def _origin_from_query(request) -> tuple[str, int] | None:
    """?van=budgeting.BudgetProject:12 — "a new project from this funded budget project" (or
    decided initiative, input, council decision)."""
    value = request.GET.get("van") or request.POST.get("van") or ""
    key, _sep, pk = value.partition(":")
    if key in selectors.ORIGIN_KINDS and pk.isdigit():
        return key, int(pk)
    return None


@role_required(*MANAGER_ROLES)
def project_create(request):
    municipality = _municipality()
    origin = _origin_from_query(request)
    origin_item = None
    initial = {"status": ProjectStatus.PLANNED, "progress": "0"}
    if origin is not None:
        item = selectors.origin_public_object(municipality, *origin)
        if item is not None:
            kind = selectors.ORIGIN_KINDS[origin[0]]
            origin_item = {"label": kind.label, "title": kind.title(item), "url": kind.url(item)}
            initial["title"] = kind.title(item)[:120]
            initial["area"] = getattr(item, "area_id", None) or getattr(
                getattr(item, "input", None), "area_id", None
            )
    form = ProjectForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid() and not preview_requested(request):
        try:
            project = services.project_create(
                actor=request.user,
                municipality=municipality,
                data=form.cleaned_data,
                origins=[origin] if origin else [],
                request=request,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error, rename={"origin": None})
        else:
            messages.success(request, _("Het uitvoeringsproject is gemaakt."))
            return redirect("delivery:edit", project.pk)
    return render(
        request,
        "delivery/staff/project_form.html",
        {
            "form": form,
            "origin": origin_item,
            "van": request.GET.get("van", "") or request.POST.get("van", ""),
            "previews": previews(request, form),
            **map_context(municipality.pk),
        },
    )


@role_required(*MANAGER_ROLES)
def project_edit(request, pk):
    project = _project_or_404(request, pk)
    form = ProjectForm(
        request.POST or None,
        initial=ProjectForm.initial_of(project),
        municipality=project.municipality_id,
    )
    if request.method == "POST" and form.is_valid() and not preview_requested(request):
        try:
            services.project_update(
                actor=request.user, project=project, data=form.cleaned_data, request=request
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("delivery:edit", project.pk)
    return render(
        request,
        "delivery/staff/project_form.html",
        {
            "form": form,
            "project": project,
            "milestones": selectors.milestones(project),
            "previews": previews(request, form),
            **map_context(project.municipality_id),
        },
    )


@role_required(*MANAGER_ROLES)
def milestone_add(request, pk):
    return _milestone_form(request, _project_or_404(request, pk), None)


@role_required(*MANAGER_ROLES)
def milestone_edit(request, pk, milestone_pk):
    project = _project_or_404(request, pk)
    milestone = Milestone.objects.filter(project=project, pk=milestone_pk).first()
    if milestone is None:
        raise Http404
    return _milestone_form(request, project, milestone)


def _milestone_form(request, project, milestone):
    initial = (
        {"title": milestone.title, "planned_on": milestone.planned_on, "done_on": milestone.done_on}
        if milestone
        else {}
    )
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(
                actor=request.user,
                project=project,
                milestone=milestone,
                request=request,
                **form.cleaned_data,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De mijlpaal is opgeslagen."))
            return redirect(reverse("delivery:edit", args=[project.pk]) + "#mijlpalen")
    return render(
        request,
        "delivery/staff/milestone_form.html",
        {"form": form, "project": project, "milestone": milestone},
    )


@role_required(*MANAGER_ROLES)
def milestone_delete(request, pk, milestone_pk):
    project = _project_or_404(request, pk)
    milestone = Milestone.objects.filter(project=project, pk=milestone_pk).first()
    if milestone is None:
        raise Http404
    back = reverse("delivery:edit", args=[project.pk]) + "#mijlpalen"
    if request.method != "POST":
        return confirm_delete(request, name=milestone.title, back_url=back)
    services.milestone_delete(actor=request.user, milestone=milestone, request=request)
    messages.success(request, _("De mijlpaal is verwijderd."))
    return redirect(back)


@role_required(*MANAGER_ROLES)
def update_post(request, pk):
    project = _project_or_404(request, pk)
    form = UpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(
                actor=request.user,
                project=project,
                body=form.cleaned_data["body"],
                image=form.cleaned_data.get("image"),
                image_alt=form.cleaned_data.get("image_alt", ""),
                request=request,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het bericht staat op de pagina van het project."))
            return redirect("delivery:detail", project.pk)
    form.ask_for_image_again(request)
    return render(request, "delivery/staff/update_form.html", {"form": form, "project": project})


@role_required(*MANAGER_ROLES)
def update_delete(request, pk, update_pk):
    project = _project_or_404(request, pk)
    update = Update.objects.filter(project=project, pk=update_pk).first()
    if update is None:
        raise Http404
    back = project.get_absolute_url()
    if request.method != "POST":
        return confirm_delete(
            request,
            name=_("het bericht van %(day)s")
            % {"day": format_day(timezone.localdate(update.posted_at))},
            back_url=back,
        )
    services.update_delete(actor=request.user, update=update, request=request)
    messages.success(request, _("Het bericht is verwijderd."))
    return redirect(back)


@role_required(*MANAGER_ROLES)
def origins(request, pk):
    project = _project_or_404(request, pk)
    municipality = _municipality()
    search = OriginSearchForm(request.GET or None)
    candidates = []
    if search.is_bound and search.is_valid():
        candidates = selectors.origin_candidates(municipality, search.cleaned_data["q"])
    error = ""
    if request.method == "POST":
        key, _sep, object_id = request.POST.get("origin", "").partition(":")
        try:
            services.origin_add(
                actor=request.user, project=project, key=key, object_id=object_id, request=request
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("De herkomst is toegevoegd."))
            return redirect("delivery:origins", project.pk)
    linked = selectors.origin_items(project)
    linked_keys = {(item.key, item.object_id) for item in linked}
    return render(
        request,
        "delivery/staff/origins.html",
        {
            "project": project,
            "search": search,
            "candidates": [c for c in candidates if (c.key, c.object_id) not in linked_keys],
            "searched": search.is_bound,
            "linked": linked,
            "error": error,
        },
        status=400 if error else 200,
    )


@role_required(*MANAGER_ROLES)
def origin_remove(request, pk, origin_pk):
    project = _project_or_404(request, pk)
    origin = Origin.objects.filter(project=project, pk=origin_pk).first()
    if origin is None:
        raise Http404
    back = reverse("delivery:origins", args=[project.pk])
    if request.method != "POST":
        return confirm_delete(
            request,
            name=_("deze herkomst"),
            back_url=back,
            consequence=_("Het project blijft bestaan; alleen de verwijzing gaat weg."),
        )
    services.origin_remove(actor=request.user, origin=origin, request=request)
    messages.success(request, _("De herkomst is verwijderd."))
    return redirect(back)
