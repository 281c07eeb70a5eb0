"""Pages for proposals: proposing and supporting a project, a project's page; for staff the
feasibility review. A budget's own pages are in `budgets.views`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.budgeting import actions, permissions
from samenspraak.budgeting.budgets import selectors as budget_selectors
from samenspraak.budgeting.budgets.forms import money_initial
from samenspraak.budgeting.budgets.views import budget_or_404, process_for_staff, process_or_404
from samenspraak.budgeting.models import BudgetProject, Feasibility
from samenspraak.budgeting.proposals import selectors, services
from samenspraak.budgeting.proposals.forms import ProjectForm, ReviewForm
from samenspraak.consultation import services as consultation_services
from samenspraak.consultation.models import SUPPORT
from samenspraak.consultation.selectors import has_supported
from samenspraak.core.dates import format_day
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.money import format_money
from samenspraak.core.ratelimit import rate_limit
from samenspraak.core.responses import once_response
from samenspraak.core.trace import thread
from samenspraak.dialogue.selectors import mark_hidden
from samenspraak.organisations.selectors import map_context
from samenspraak.processes.permissions import MANAGER_ROLES
from samenspraak.processes.phases import phase_allows


def _project_or_404(process, pk) -> BudgetProject:
    try:
        return selectors.project_get(process=process, pk=pk)
    except BudgetProject.DoesNotExist:
        raise Http404 from None


# --- Public ----------------------------------------------------------------------------------


def project_detail(request, process_slug, pk):
    process = process_or_404(request, process_slug)
    project = _project_or_404(process, pk)
    item = project.input
    mark_hidden([item])
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
        "cost": format_money(project.cost),
        "estimated": format_money(project.estimated_cost),
        "supports_needed": selectors.supports_needed_text(project),
        "trace": [] if item.hidden else thread("budgeting.BudgetProject", [project.pk])[project.pk],
    }
    return render(request, "budgeting/proposals/project_detail.html", context)


@require_POST
def project_support(request, process_slug, pk):
    process = process_or_404(request, process_slug)
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
    process = process_or_404(request, process_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    phase = selectors.propose_phase(process)
    budgets = list(budget_selectors.process_budgets(process))
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
            project = services.project_submit(
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
                % {"date": format_day(project.input.due_date)},
            )
            return redirect("budgeting:project_detail", process.slug, project.pk)
    form.ask_for_image_again(request)
    context = {"process": process, "form": form, "phase": phase, "allowed": allowed}
    context.update(map_context(process.municipality_id))
    return render(request, "budgeting/proposals/project_form.html", context)


# --- Staff: review ---------------------------------------------------------------------------


@role_required(*MANAGER_ROLES)
def review_list(request, process_slug, pk):
    process = process_for_staff(request, process_slug, permissions.can_review)
    budget = budget_or_404(process, pk)
    projects = selectors.review_list(budget)
    for project in projects:
        project.estimated_text = format_money(project.estimated_cost)
        project.final_text = format_money(project.final_cost)
    return render(
        request,
        "budgeting/staff/budgets/review_list.html",
        {
            "process": process,
            "budget": budget,
            "projects": projects,
            "pending": sum(1 for p in projects if p.feasibility == Feasibility.PENDING),
            "reviewable": selectors.reviewable(budget),
        },
    )


@role_required(*MANAGER_ROLES)
def review_project(request, process_slug, pk):
    process = process_for_staff(request, process_slug, permissions.can_review)
    project = _project_or_404(process, pk)
    answer = getattr(project.input, "answer", None) if hasattr(project.input, "answer") else None
    initial = {"final_cost": money_initial(project.final_cost or project.estimated_cost)}
    if project.feasibility != Feasibility.PENDING:
        initial["feasibility"] = project.feasibility
    if answer is not None:
        initial["reason"] = answer.reason
    form = ReviewForm(request.POST or None, initial=initial)
    reviewable = selectors.reviewable(project.budget)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_review(
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
            "estimated": format_money(project.estimated_cost),
        },
    )
