"""Results pages: the public outcome of a budget, and for staff: compute, compare greedy with
Equal Shares, publish, export to Pabulib and replay a Pabulib file. Every page works without
JavaScript; bad input (a wrong file) comes back on the page with a clear message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pbengine.pabulib import PabulibError
from samenspraak.budgeting import results
from samenspraak.budgeting.budgets.views import budget_by_pk_or_404
from samenspraak.budgeting.models import Budget, ComputationState
from samenspraak.budgeting.results import computation as result_computation
from samenspraak.budgeting.results import pb_io
from samenspraak.budgeting.results.explain import money
from samenspraak.budgeting.results.forms import PabulibUploadForm
from samenspraak.core import audit
from samenspraak.processes.permissions import can_manage_process, can_manage_processes

#: How often the staff results page reloads itself while the result is being computed.
REFRESH_SECONDS = 3


def _staff_budget(request, pk) -> Budget:
    budget = budget_by_pk_or_404(request, pk)
    if not can_manage_process(request.user, budget.process):
        raise PermissionDenied
    return budget


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- public ---------------------------------------------------------------------------------


def result_page(request, pk):
    budget = budget_by_pk_or_404(request, pk)
    result = results.published_result(budget)
    if result is None:
        raise Http404
    context = {
        "budget": budget,
        "process": budget.process,
        "result": result,
        "can_manage": can_manage_process(request.user, budget.process),
    }
    context.update(results.results_page(budget, result))
    return render(request, "budgeting/results/result.html", context)


# --- staff ----------------------------------------------------------------------------------


def _login_first(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_login_first
def result_manage(request, pk):
    """Compute, compare greedy with Equal Shares, and publish."""
    budget = _staff_budget(request, pk)
    result = results.result_of(budget)
    ended = results.vote_has_ended(budget)
    computation = result_computation.computation_of(budget)
    computing = computation is not None and computation.in_progress
    comparison = None
    problem = ""
    if ended and not computing:
        try:
            comparison = results.result_compare(budget, result)
        except ValidationError as error:
            problem = _messages_of(error)
    return render(
        request,
        "budgeting/staff/results/manage.html",
        {
            "budget": budget,
            "process": budget.process,
            "result": result,
            "ended": ended,
            "comparison": comparison,
            "compare_problem": problem,
            "rule_label": budget.get_rule_display(),
            "publish_problem": results.publish_problem(result) if result else None,
            "rows": results.result_rows(result, results.result_projects(result)) if result else [],
            "spend_rows": results.spend_rows(budget, result),
            "amount_text": money(budget.amount),
            "computation": computation,
            "computing": computing,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


@require_POST
@_login_first
def result_compute(request, pk):
    """Start the computation in the background (one at a time per budget); the results page
    shows its progress and refreshes itself until it is done."""
    budget = _staff_budget(request, pk)
    try:
        computation = result_computation.computation_start(
            budget, actor=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        if computation.state == ComputationState.DONE:
            messages.success(request, _("De uitslag is berekend. Controleer hem en publiceer hem."))
        elif computation.in_progress:
            messages.info(
                request, _("De uitslag wordt berekend. Deze pagina laat zien hoe ver het is.")
            )
    return redirect("budgeting:result_manage", budget.pk)


@require_POST
@_login_first
def result_publish(request, pk):
    budget = _staff_budget(request, pk)
    result = results.result_of(budget)
    if result is None:
        messages.error(request, _("Bereken eerst de uitslag."))
        return redirect("budgeting:result_manage", budget.pk)
    try:
        results.result_publish(result, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect("budgeting:result_manage", budget.pk)
    messages.success(
        request,
        _(
            "De uitslag is gepubliceerd. Er staat een nieuwsbericht met de gekozen projecten bij "
            "het proces."
        ),
    )
    return redirect("budgeting:results", budget.pk)


@_login_first
def result_export(request, pk):
    """The published vote as an anonymised Pabulib file."""
    budget = _staff_budget(request, pk)
    try:
        text = pb_io.export_text(budget)
    except ValidationError:
        raise Http404 from None
    audit.record(request.user, "budgeting.result_exported", budget, {"format": "pabulib"}, request)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pb_io.export_filename(budget)}"'
    return response


@_login_first
def pabulib_replay(request):
    """Upload a Pabulib file and see its outcome under every rule. Nothing is stored."""
    if not can_manage_processes(request.user):
        raise PermissionDenied
    form = PabulibUploadForm(request.POST or None, request.FILES or None)
    replay = None
    file_name = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        file_name = upload.name if upload else ""
        if form.is_valid():
            try:
                replay = pb_io.replay(form.cleaned_data["file"].read())
            except PabulibError as error:
                form.add_error("file", pb_io.error_message(error))
            except (ValueError, ArithmeticError, RecursionError):
                form.add_error(
                    "file",
                    _("Met dit bestand kunnen we geen uitslag berekenen. Controleer de getallen."),
                )
    return render(
        request,
        "budgeting/staff/results/replay.html",
        {
            "form": form,
            "replay": replay,
            "file_name": file_name,
            "budget_text": money(replay.election.budget) if replay else "",
        },
        status=200,
    )
