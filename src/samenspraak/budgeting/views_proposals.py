"""Pages for budgets and proposals: a budget's projects, proposing and supporting a project, a
project's page; for staff the budget setup and the feasibility review."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.budgeting import actions, permissions, proposals
from samenspraak.budgeting import budgets as budget_services
from samenspraak.budgeting.forms_proposals import (
    BudgetForm,
    ProjectForm,
    ReviewForm,
    money_initial,
)
from samenspraak.budgeting.models import Budget, BudgetProject, Feasibility
from samenspraak.consultation import services as consultation_services
from samenspraak.consultation.models import SUPPORT
from samenspraak.consultation.selectors import has_supported
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.core.responses import once_response
from samenspraak.dialogue.selectors import hidden_rules_for
from samenspraak.organisations.models import Area
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes import selectors as process_selectors
from samenspraak.processes.actions import for_visitor
from samenspraak.processes.models import Process
from samenspraak.processes.permissions import MANAGER_ROLES
from samenspraak.processes.phases import phase_allows


def _process(request, slug) -> Process:
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    process = get_object_or_404(
        Process.objects.prefetch_related("phases"), municipality=municipality, slug=slug
    )
    if not process.is_published and not permissions.can_manage_budgets(request.user, process):
        raise Http404
    return process


def _budget(process, pk) -> Budget:
    try:
        return budget_services.budget_get(process=process, pk=pk)
    except Budget.DoesNotExist:
        raise Http404 from None


def _map_context(process) -> dict:
    """Area shapes as GeoJSON for the map (drawn by consultation's static map.js)."""
    shapes = Area.objects.filter(municipality_id=process.municipality_id, shape__isnull=False)
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": shape}
        for name, shape in shapes.values_list("name", "shape")
    ]
    return {
        "map_shapes": {"type": "FeatureCollection", "features": features},
        "map_tiles": getattr(settings, "SAMENSPRAAK_MAP_TILES", ""),
    }


def _mark_hidden(items) -> None:
    """Set `.hidden` and `.hidden_rule` on inputs a moderator has hidden (one query)."""
    rules = hidden_rules_for(items)
    for item in items:
        item.hidden = item.pk in rules
        item.hidden_rule = rules.get(item.pk)


# --- Public ----------------------------------------------------------------------------------


#: Projects per page on a budget's page: the page costs the same however many are proposed.
PROJECTS_PER_PAGE = 24


def budget_detail(request, process_slug, pk):
    """A budget and its projects, with support, threshold progress and the review's outcome."""
    process = _process(request, process_slug)
    budget = _budget(process, pk)
    sort = request.GET.get("sorteer", "support")
    if sort not in proposals.SORTS:
        sort = "support"
    page = proposals.budget_projects_page(
        budget, request.GET.get("pagina"), sort=sort, per_page=PROJECTS_PER_PAGE
    )
    projects = page.object_list
    _mark_hidden([project.input for project in projects])
    actions.attach_fates(budget, projects)
    context = {
        "process": process,
        "budget": budget,
        "projects": projects,
        "page": page,
        "query": f"sorteer={sort}",
        "sort": sort,
        "amount": budget_services.format_money(budget.amount),
        "ballot": budget_services.ballot_description(budget),
        "eligibility": budget_services.eligibility_description(budget),
        "categories": [
            (name, budget_services.format_money(amount))
            for name, amount in (budget.category_budgets or {}).items()
        ],
        "actions": for_visitor(request, actions.process_actions(request, process, budget)),
        "next_phase": process_selectors.next_phase(process),
        "can_review": permissions.can_review(request.user, process),
    }
    return render(request, "budgeting/proposals/budget_detail.html", context)


def project_detail(request, process_slug, pk):
    process = _process(request, process_slug)
    try:
        project = proposals.project_get(process=process, pk=pk)
    except BudgetProject.DoesNotExist:
        raise Http404 from None
    item = project.input
    _mark_hidden([item])
    actions.attach_fates(project.budget, [project])

    context = {
        "process": process,
        "project": project,
        "budget": project.budget,
        "input": item,
        "answer": getattr(item, "answer", None) if hasattr(item, "answer") else None,
        "has_supported": has_supported(request.user, item),
        "can_support": permissions.can_support(request.user, project),
        "support_open": phase_allows(item.phase, SUPPORT),
        "can_review": permissions.can_review(request.user, process),
        "cost": budget_services.format_money(project.cost),
        "estimated": budget_services.format_money(project.estimated_cost),
        "supports_needed": proposals.supports_needed_text(project),
    }
    return render(request, "budgeting/proposals/project_detail.html", context)


@require_POST
def project_support(request, process_slug, pk):
    process = _process(request, process_slug)
    project = get_object_or_404(
        BudgetProject.objects.select_related("input__phase__process", "budget"),
        budget__process=process,
        pk=pk,
    )
    return once_response(
        request,
        redirect("budgeting:project_detail", process.slug, project.pk),
        # Supporting a project is supporting its Input (consultation's service and rules).
        lambda: consultation_services.input_support(user=request.user, input=project.input),
        refused=_("U kunt dit project nu niet steunen."),
        thanks=_("Dank u wel. U steunt dit project."),
        already=_("U steunde dit project al. Iedereen kan één keer steunen."),
    )


@rate_limit("5/m")
def project_submit(request, process_slug):
    process = _process(request, process_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    phase = proposals.propose_phase(process)
    budgets = list(budget_services.process_budgets(process))
    if not budgets:
        raise Http404
    allowed = phase is not None and permissions.can_propose(request.user, phase)
    initial = {}
    wanted = request.GET.get("budget", "")
    if wanted.isdigit() and any(b.pk == int(wanted) for b in budgets):
        initial["budget"] = int(wanted)
    form = ProjectForm(
        request.POST or None, request.FILES or None, budgets=budgets, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = proposals.project_submit(
                author=request.user, phase=phase, **form.service_fields()
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error, refused=_("U kunt nu geen project voorstellen."))
        else:
            messages.success(
                request,
                _(
                    "Dank u wel voor uw voorstel. De gemeente bekijkt of het kan en wat het "
                    "kost, en reageert uiterlijk op %(date)s."
                )
                % {"date": project.input.due_date.strftime("%d-%m-%Y")},
            )
            return redirect("budgeting:project_detail", process.slug, project.pk)
    if request.method == "POST" and request.FILES.get("image") and form.errors:
        form.add_error(
            "image",
            _("Kies de afbeelding opnieuw: een browser stuurt een bestand maar één keer mee."),
        )
    context = {"process": process, "form": form, "phase": phase, "allowed": allowed}
    context.update(_map_context(process))
    return render(request, "budgeting/proposals/project_form.html", context)


# --- Staff: budgets --------------------------------------------------------------------------


def _managed_process(request, slug) -> Process:
    process = _process(request, slug)
    if not permissions.can_manage_budgets(request.user, process):
        raise PermissionDenied
    return process


@role_required(*MANAGER_ROLES)
def manage_budgets(request, process_slug):
    process = _managed_process(request, process_slug)
    budgets = list(budget_services.process_budgets(process))
    for budget in budgets:
        budget.amount_text = budget_services.format_money(budget.amount)
        budget.ballot_text = budget_services.ballot_description(budget)
    return render(
        request,
        "budgeting/staff/budgets/list.html",
        {
            "process": process,
            "budgets": budgets,
            "vote_started": budget_services.vote_has_started(process),
        },
    )


def _budget_initial(budget: Budget) -> dict:
    return {
        "title": budget.title,
        "description": budget.description,
        "area": budget.area_id,
        "amount": money_initial(budget.amount),
        "required_attributes": budget.required_attributes,
        "support_threshold": budget.support_threshold,
        "ballot_type": budget.ballot_type,
        "max_choices": budget.max_choices,
        "points": budget.points,
        "rule": budget.rule,
        "min_score": budget.min_score,
        "category_budgets": budget_services.format_category_budgets(budget.category_budgets),
    }


def _budget_form_page(request, process, budget=None):
    areas = Area.objects.filter(municipality_id=process.municipality_id).select_related("parent")
    initial = _budget_initial(budget) if budget else {}
    form = BudgetForm(request.POST or None, areas=areas, initial=initial)
    locked = budget is not None and budget_services.budget_is_locked(budget)
    if locked:
        # The published rule is fixed: show it, but take it from the budget, not from the post.
        for name in budget_services.LOCKED_FIELDS:
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            saved = budget_services.budget_save(
                actor=request.user,
                process=process,
                budget=budget,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Het budget '%(title)s' is opgeslagen.") % {"title": saved.title}
            )
            return redirect("budgeting:manage_budgets", process.slug)
    return render(
        request,
        "budgeting/staff/budgets/form.html",
        {
            "process": process,
            "budget": budget,
            "form": form,
            "locked": locked,
            "locked_fields": budget_services.LOCKED_FIELDS if locked else (),
        },
    )


@role_required(*MANAGER_ROLES)
def manage_budget_new(request, process_slug):
    process = _managed_process(request, process_slug)
    return _budget_form_page(request, process)


@role_required(*MANAGER_ROLES)
def manage_budget_edit(request, process_slug, pk):
    process = _managed_process(request, process_slug)
    return _budget_form_page(request, process, _budget(process, pk))


@require_http_methods(["GET", "POST"])
@role_required(*MANAGER_ROLES)
def manage_budget_delete(request, process_slug, pk):
    """GET asks first (core.confirm); only the POST from that page deletes."""
    process = _managed_process(request, process_slug)
    budget = _budget(process, pk)
    back = reverse("budgeting:manage_budgets", args=[process.slug])
    if request.method != "POST":
        return confirm_delete(request, name=budget.title, back_url=back)
    try:
        budget_services.budget_delete(actor=request.user, budget=budget, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het budget is verwijderd."))
    return redirect(back)


# --- Staff: review ---------------------------------------------------------------------------


def _reviewed_process(request, slug) -> Process:
    process = _process(request, slug)
    if not permissions.can_review(request.user, process):
        raise PermissionDenied
    return process


@role_required(*MANAGER_ROLES)
def review_list(request, process_slug, pk):
    process = _reviewed_process(request, process_slug)
    budget = _budget(process, pk)
    projects = proposals.review_list(budget)
    for project in projects:
        project.estimated_text = budget_services.format_money(project.estimated_cost)
        project.final_text = budget_services.format_money(project.final_cost)
    return render(
        request,
        "budgeting/staff/budgets/review_list.html",
        {
            "process": process,
            "budget": budget,
            "projects": projects,
            "pending": sum(1 for p in projects if p.feasibility == Feasibility.PENDING),
            "reviewable": proposals.reviewable(budget),
        },
    )


@role_required(*MANAGER_ROLES)
def review_project(request, process_slug, pk):
    process = _reviewed_process(request, process_slug)
    try:
        project = proposals.project_get(process=process, pk=pk)
    except BudgetProject.DoesNotExist:
        raise Http404 from None
    answer = getattr(project.input, "answer", None) if hasattr(project.input, "answer") else None
    initial = {"final_cost": money_initial(project.final_cost or project.estimated_cost)}
    if project.feasibility != Feasibility.PENDING:
        initial["feasibility"] = project.feasibility
    if answer is not None:
        initial["reason"] = answer.reason
    form = ReviewForm(request.POST or None, initial=initial)
    reviewable = proposals.reviewable(project.budget)
    if request.method == "POST" and form.is_valid():
        try:
            proposals.project_review(
                actor=request.user, project=project, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De toets van '%(title)s' is gepubliceerd.") % {"title": project.input.title},
            )
            return redirect("budgeting:review_list", process.slug, project.budget_id)
    return render(
        request,
        "budgeting/staff/budgets/review_form.html",
        {
            "process": process,
            "project": project,
            "budget": project.budget,
            "input": project.input,
            "answer": answer,
            "form": form,
            "reviewable": reviewable,
            "estimated": budget_services.format_money(project.estimated_cost),
        },
    )
