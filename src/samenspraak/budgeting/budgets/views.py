"""Pages for budgets: a budget's page with its projects; for staff the list, the setup form and
deleting a budget (which asks first). `process_or_404` and `budget_or_404` are shared by the
proposals pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspraak.accounts.permissions import role_required
from samenspraak.budgeting import actions, permissions
from samenspraak.budgeting.budgets import selectors, services
from samenspraak.budgeting.budgets.forms import BudgetForm, format_category_budgets, money_initial
from samenspraak.budgeting.models import RULE_EXPLANATIONS, Budget, OutcomeRule
from samenspraak.budgeting.proposals import selectors as proposals
from samenspraak.core import maps
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.money import format_money
from samenspraak.dialogue.selectors import mark_hidden
from samenspraak.organisations.models import Area
from samenspraak.organisations.selectors import current_municipality, map_context
from samenspraak.processes import selectors as process_selectors
from samenspraak.processes.actions import for_visitor
from samenspraak.processes.models import Process
from samenspraak.processes.permissions import MANAGER_ROLES, can_manage_process


def process_or_404(request, slug) -> Process:
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    process = get_object_or_404(
        Process.objects.prefetch_related("phases"), municipality=municipality, slug=slug
    )
    if not process.is_published and not permissions.can_manage_budgets(request.user, process):
        raise Http404
    return process


def budget_or_404(process, pk) -> Budget:
    try:
        return selectors.budget_get(process=process, pk=pk)
    except Budget.DoesNotExist:
        raise Http404 from None


def budget_by_pk_or_404(request, pk) -> Budget:
    """A budget of the current municipality by its number alone (the voting and results pages),
    with its process, phases and area; 404 while the process is unpublished, except for those who
    manage it."""
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    budget = get_object_or_404(
        Budget.objects.select_related("process__municipality", "area").prefetch_related(
            "process__phases"
        ),
        pk=pk,
        process__municipality=municipality,
    )
    if not budget.process.is_published and not can_manage_process(request.user, budget.process):
        raise Http404
    return budget


# --- Public ----------------------------------------------------------------------------------


#: Projects per page on a budget's page: the page costs the same however many are proposed.
PROJECTS_PER_PAGE = 24
#: ?weergave=kaart shows the projects with a place on a map, with the same projects as a text
#: list under it (MAP_LIST_SIZE a page); the cards are the default.
MAP_VIEW = "kaart"
MAP_LIST_SIZE = 50


def budget_detail(request, process_slug, pk):
    """A budget and its projects, with support, threshold progress and the review's outcome."""
    process = process_or_404(request, process_slug)
    budget = budget_or_404(process, pk)
    sort = request.GET.get("sorteer", "support")
    if sort not in proposals.SORTS:
        sort = "support"
    as_map = request.GET.get("weergave") == MAP_VIEW
    context = {
        "process": process,
        "budget": budget,
        "as_map": as_map,
        "query": f"sorteer={sort}",
        "sort": sort,
        "amount": format_money(budget.amount),
        "ballot": selectors.ballot_description(budget),
        "eligibility": selectors.eligibility_description(budget),
        "categories": [
            (name, format_money(amount)) for name, amount in (budget.category_budgets or {}).items()
        ],
        "actions": for_visitor(request, actions.process_actions(request, process, budget)),
        "next_phase": process_selectors.next_phase(process),
        "can_review": permissions.can_review(request.user, process),
    }
    if as_map:
        rows, total = proposals.project_map(budget)
        points = maps.dots(rows, maps.url_pattern("budgeting:project_detail", process.slug))
        context.update(map_context(process.municipality_id))
        context.update(
            {
                "points": points,
                "points_total": total,
                # Every dot is on the map; their text list is paged (the same order).
                "points_page": Paginator(points, MAP_LIST_SIZE).get_page(request.GET.get("pagina")),
            }
        )
    else:
        page = proposals.budget_projects_page(
            budget, request.GET.get("pagina"), sort=sort, per_page=PROJECTS_PER_PAGE
        )
        projects = page.object_list
        # One reverse() for the page instead of one per card.
        url = maps.url_pattern("budgeting:project_detail", process.slug)
        for project in projects:
            project.url = url.format(pk=project.pk)
        mark_hidden([project.input for project in projects])
        actions.attach_fates(budget, projects)
        context.update({"projects": projects, "page": page, "projects_total": page.paginator.count})
    return render(request, "budgeting/proposals/budget_detail.html", context)


# --- Staff: budgets --------------------------------------------------------------------------


def process_for_staff(request, slug, may) -> Process:
    """`process_or_404` for a staff page: PermissionDenied unless `may(user, process)`."""
    process = process_or_404(request, slug)
    if not may(request.user, process):
        raise PermissionDenied
    return process


@role_required(*MANAGER_ROLES)
def manage_budgets(request, process_slug):
    process = process_for_staff(request, process_slug, permissions.can_manage_budgets)
    budgets = list(selectors.process_budgets(process))
    for budget in budgets:
        budget.amount_text = format_money(budget.amount)
        budget.ballot_text = selectors.ballot_description(budget)
    return render(
        request,
        "budgeting/staff/budgets/list.html",
        {
            "process": process,
            "budgets": budgets,
            "vote_started": selectors.vote_has_started(process),
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
        "category_budgets": format_category_budgets(budget.category_budgets),
    }


def _budget_form_page(request, process, budget=None):
    areas = Area.objects.filter(municipality_id=process.municipality_id).select_related("parent")
    initial = _budget_initial(budget) if budget else {}
    form = BudgetForm(request.POST or None, areas=areas, initial=initial)
    locked = budget is not None and selectors.budget_is_locked(budget)
    if locked:
        # The published rule is fixed: show it, but take it from the budget, not from the post.
        for name in services.LOCKED_FIELDS:
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.budget_save(
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
            "locked_fields": services.LOCKED_FIELDS if locked else (),
            "rule_explanations": [
                (label, RULE_EXPLANATIONS[value]) for value, label in OutcomeRule.choices
            ],
        },
    )


@role_required(*MANAGER_ROLES)
def manage_budget_new(request, process_slug):
    process = process_for_staff(request, process_slug, permissions.can_manage_budgets)
    return _budget_form_page(request, process)


@role_required(*MANAGER_ROLES)
def manage_budget_edit(request, process_slug, pk):
    process = process_for_staff(request, process_slug, permissions.can_manage_budgets)
    return _budget_form_page(request, process, budget_or_404(process, pk))


@require_http_methods(["GET", "POST"])
@role_required(*MANAGER_ROLES)
def manage_budget_delete(request, process_slug, pk):
    """GET asks first (core.confirm); only the POST from that page deletes."""
    process = process_for_staff(request, process_slug, permissions.can_manage_budgets)
    budget = budget_or_404(process, pk)
    back = reverse("budgeting:manage_budgets", args=[process.slug])
    if request.method != "POST":
        return confirm_delete(request, name=budget.title, back_url=back)
    try:
        services.budget_delete(actor=request.user, budget=budget, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het budget is verwijderd."))
    return redirect(back)
