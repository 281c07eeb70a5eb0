"""Voting pages: the ballot (with an account or a vote code), and staff pages for turnout,
vote codes and paper ballots. Every step works without JavaScript: "Bereken" recomputes what is
left of a knapsack budget on the server, "Verder" shows a confirmation with the choices in
hidden fields, "Stem versturen" casts the ballot, "Terug" brings the form back as it was."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.models import Role
from samenspraak.budgeting import voting
from samenspraak.budgeting.budgets.views import budget_by_pk_or_404
from samenspraak.budgeting.models import BallotType
from samenspraak.budgeting.voting import codes, paper
from samenspraak.budgeting.voting.forms import (
    BallotForm,
    CodeBallotForm,
    CodeBatchForm,
    PaperForm,
    initial_from_choices,
)
from samenspraak.core.dates import format_day
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import client_ip
from samenspraak.organisations.models import Area
from samenspraak.processes.permissions import can_manage_process


def _ballot_context(budget, projects, form, *, phase, remaining=None) -> dict:
    spent = None if remaining is None else budget.amount - remaining  # the budget bar
    context = {
        "budget": budget,
        "process": budget.process,
        "form": form,
        "rows": form.rows(),
        "phase": phase,
        "is_knapsack": budget.ballot_type == BallotType.KNAPSACK,
        "remaining": remaining,
        "remaining_text": None if remaining is None else voting.euro(abs(remaining)),
        "over": remaining is not None and remaining < 0,
        "amount_text": voting.euro(budget.amount),
        "spent": spent,
        "spent_text": None if spent is None else voting.euro(spent),
    }
    for row in context["rows"]:
        row["cost_text"] = voting.euro(row["project"].cost)
    return context


def _rows_with_costs(form) -> list[dict]:
    """The ballot's rows again (after a refused post), each with its cost in euros."""
    rows = form.rows()
    for row in rows:
        row["cost_text"] = voting.euro(row["project"].cost)
    return rows


def _confirm_rows(form) -> list[dict]:
    chosen = form.choices()
    rows = [
        {"project": p, "value": chosen[p.pk], "cost_text": voting.euro(p.cost)}
        for p in form.projects
        if p.pk in chosen
    ]
    if form.budget.ballot_type == BallotType.RANKING:
        rows.sort(key=lambda r: r["value"])
    return rows


def _step(request) -> str:
    for name in ("confirm", "edit", "calculate"):
        if name in request.POST:
            return name
    return "next"


def ballot(request, pk):
    """The ballot for a logged-in resident: cast it, or change it while the vote is open."""
    budget = budget_by_pk_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    phase = voting.vote_phase(budget)
    projects = voting.ballot_projects(budget)
    problem = None
    channel = voting.voted_channel(request.user, budget)
    if not voting.vote_is_open(budget):
        problem = _("U kunt nu niet stemmen: de stemming is gesloten.")
        if phase is not None and timezone.now() < phase.starts_at:
            problem = _("De stemming begint op %(date)s. U kunt dan stemmen.") % {
                "date": format_day(phase.starts_at)
            }
    else:
        problem = voting.online_vote_problem(request.user, budget, channel=channel)
    voted = channel is not None
    if request.method == "POST":
        form = BallotForm(request.POST, budget=budget, projects=projects)
    else:
        mine = voting.my_choices(request.user, budget) if voted else {}
        form = BallotForm(
            budget=budget, projects=projects, initial=initial_from_choices(budget, projects, mine)
        )
    remaining = None
    if budget.ballot_type == BallotType.KNAPSACK:
        chosen = (
            {int(k): 1 for k in request.POST.getlist("projects") if k.isdigit()}
            if request.method == "POST"
            else {int(k): 1 for k in form.initial.get("projects", [])}
        )
        remaining = voting.remaining(budget, projects, chosen)
    context = _ballot_context(budget, projects, form, phase=phase, remaining=remaining)
    context.update({"problem": problem, "voted": voted})
    if request.method == "POST" and problem is None and form.is_valid():
        step = _step(request)
        if step in ("edit", "calculate"):
            return render(request, "budgeting/voting/ballot.html", context)
        try:
            if step == "confirm":
                voting.cast_online(
                    budget=budget, user=request.user, choices=form.choices(), projects=projects
                )
                return redirect("budgeting:ballot_saved", budget.pk)
            voting.validate_ballot(budget, projects, form.choices())
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(
                form, error, rename={"choices": None}, refused=_("U kunt nu niet stemmen.")
            )
        else:
            context.update({"confirm_rows": _confirm_rows(form), "hidden": form.hidden_pairs()})
            return render(request, "budgeting/voting/confirm.html", context)
        context["rows"] = _rows_with_costs(form)
    return render(request, "budgeting/voting/ballot.html", context)


def ballot_saved(request, pk):
    budget = budget_by_pk_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not voting.has_voted(request.user, budget):
        return redirect("budgeting:ballot", budget.pk)
    phase = voting.vote_phase(budget)
    return render(
        request,
        "budgeting/voting/saved.html",
        {
            "budget": budget,
            "process": budget.process,
            "phase": phase,
            "open": voting.vote_is_open(budget),
        },
    )


def _check_before_confirm(budget, projects, choices: dict, text: str) -> None:
    """Before the confirm step: the ballot's rules and the code, every problem at once."""
    errors = {}
    try:
        voting.validate_ballot(budget, projects, choices)
    except ValidationError as error:
        errors.update({f: m[0] for f, m in error.message_dict.items()})
    _code, code_problem = codes.code_lookup(budget, text)
    if code_problem:
        errors["code"] = code_problem
    if errors:
        raise ValidationError(errors)


def _count_wrong_guess(error: ValidationError, client: str) -> None:
    """A code that does not exist counts towards blocking this client (codes.guessing_blocked);
    a used code or the block itself does not."""
    code_errors = error.message_dict.get("code", [])
    not_a_guess = (codes.USED_MESSAGE(), codes.BLOCKED_MESSAGE())
    if code_errors and code_errors[0] not in not_a_guess:
        codes.record_wrong_guess(client)


def vote_code(request, pk):
    """Voting with a code from a letter, without an account: code and ballot, confirm, done."""
    budget = budget_by_pk_or_404(request, pk)
    phase = voting.vote_phase(budget)
    projects = voting.ballot_projects(budget)
    problem = None
    if not voting.vote_is_open(budget):
        problem = _("U kunt nu niet stemmen: de stemming is gesloten.")
    form = CodeBallotForm(request.POST or None, budget=budget, projects=projects)
    remaining = None
    if budget.ballot_type == BallotType.KNAPSACK:
        chosen = {int(k): 1 for k in request.POST.getlist("projects") if k.isdigit()}
        remaining = voting.remaining(budget, projects, chosen)
    context = _ballot_context(budget, projects, form, phase=phase, remaining=remaining)
    context["problem"] = problem
    if request.method == "POST" and problem is None and form.is_valid():
        step = _step(request)
        if step in ("edit", "calculate"):
            return render(request, "budgeting/voting/code_ballot.html", context)
        client = client_ip(request)
        try:
            if codes.guessing_blocked(client):
                raise ValidationError({"code": codes.BLOCKED_MESSAGE()})
            text = form.cleaned_data.get("code", "")
            if step == "confirm":
                voting.cast_with_code(
                    budget=budget,
                    code=text,
                    choices=form.choices(),
                    projects=projects,
                    user=request.user,
                )
                return redirect("budgeting:vote_code_done", budget.pk)
            _check_before_confirm(budget, projects, form.choices(), text)
        except ValidationError as error:
            _count_wrong_guess(error, client)
            apply_service_errors(form, error, rename={"choices": None})
        except PermissionDenied as error:
            apply_service_errors(form, error, refused=_("U kunt nu niet stemmen."))
        else:
            context.update(
                {
                    "confirm_rows": _confirm_rows(form),
                    "hidden": form.hidden_pairs(),
                    "code": codes.display(codes.normalise(text)),
                }
            )
            return render(request, "budgeting/voting/code_confirm.html", context)
        context["rows"] = _rows_with_costs(form)
    return render(request, "budgeting/voting/code_ballot.html", context)


def vote_code_done(request, pk):
    budget = budget_by_pk_or_404(request, pk)
    return render(
        request, "budgeting/voting/code_done.html", {"budget": budget, "process": budget.process}
    )


# --- staff ------------------------------------------------------------------------------------


def _staff_budget(request, pk):
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    budget = budget_by_pk_or_404(request, pk)
    if not can_manage_process(request.user, budget.process):
        raise PermissionDenied
    return budget, None


def staff_voting(request, pk):
    """Turnout per channel and area, and the ways in for codes and paper ballots. Counts only."""
    budget, response = _staff_budget(request, pk)
    if response:
        return response
    return render(
        request,
        "budgeting/staff/voting/overview.html",
        {
            "budget": budget,
            "process": budget.process,
            "phase": voting.vote_phase(budget),
            "turnout": voting.turnout(budget),
            "ballots": voting.ballot_count(budget),
            "batches": list(budget.code_batches.order_by("-created_at")),
        },
    )


def staff_codes(request, pk):
    """Generate a batch of codes; the letters come back as a download, once, never stored."""
    budget, response = _staff_budget(request, pk)
    if response:
        return response
    areas = Area.objects.filter(municipality_id=budget.process.municipality_id)
    form = CodeBatchForm(request.POST or None, request.FILES or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            addresses = codes.parse_addresses(data["addresses"]) if data.get("addresses") else None
            batch, letters = codes.generate_batch(
                budget=budget,
                label=data["label"],
                created_by=request.user,
                count=data.get("count"),
                addresses=addresses,
                area=data.get("area"),
            )
        except ValidationError as error:
            apply_service_errors(form, error, rename={"choices": None})
        else:
            if data["format"] == "csv":
                body, kind, ext = codes.letters_csv(budget, letters), "text/csv", "csv"
            else:
                body, kind, ext = codes.letters_pdf(budget, letters), "application/pdf", "pdf"
            download = HttpResponse(body, content_type=kind)
            download["Content-Disposition"] = (
                f'attachment; filename="stemcodes-{budget.pk}-{batch.pk}.{ext}"'
            )
            download["Cache-Control"] = "no-store"
            return download
    if request.method == "POST" and request.FILES.get("addresses") and form.errors:
        form.add_error(
            "addresses",
            _("Kies het bestand opnieuw: een browser stuurt een bestand maar één keer mee."),
        )
    return render(
        request,
        "budgeting/staff/voting/codes.html",
        {"budget": budget, "process": budget.process, "form": form},
    )


def staff_paper(request, pk):
    """Enter a paper sheet; the page lists sheets waiting for a second person (numbers only)
    and sheets whose two entries differ (side by side, to correct)."""
    budget, response = _staff_budget(request, pk)
    if response:
        return response
    projects = voting.ballot_projects(budget)
    form = PaperForm(request.POST or None, budget=budget, projects=projects)
    result = None
    final = voting.RESULT_FINAL_MESSAGE() if voting.results_exist(budget) else ""
    if request.method == "POST" and final:
        messages.error(request, final)
        return redirect("budgeting:staff_paper", budget.pk)
    if request.method == "POST" and form.is_valid():
        try:
            result = paper.enter_sheet(
                budget=budget,
                sheet=form.cleaned_data.get("sheet", ""),
                choices=form.choices(),
                user=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error, rename={"choices": None})
        else:
            text = {
                paper.Status.WAITING: _(
                    "Biljet %(sheet)s is ingevoerd. Een collega voert het nog een keer in."
                ),
                paper.Status.COUNTED: _(
                    "Biljet %(sheet)s is twee keer hetzelfde ingevoerd en telt nu mee."
                ),
                paper.Status.CONFLICT: _(
                    "Biljet %(sheet)s is anders ingevoerd dan door uw collega. "
                    "Bekijk het biljet opnieuw."
                ),
            }[result.status] % {"sheet": result.entry.sheet}
            level = messages.WARNING if result.status == paper.Status.CONFLICT else messages.SUCCESS
            messages.add_message(request, level, text)
            return redirect("budgeting:staff_paper", budget.pk)
    waiting, conflicts = paper.open_sheets(budget)
    titles = {p.pk: p.input.title for p in projects}
    for sheet in conflicts:
        for entry in sheet.entries:
            entry.readable = sorted(
                ((titles.get(int(pk), pk), value) for pk, value in entry.choices.items()),
                key=lambda pair: str(pair[0]),
            )
    context = _ballot_context(budget, projects, form, phase=voting.vote_phase(budget))
    context.update(
        {
            "waiting": waiting,
            "conflicts": conflicts,
            "counted": paper.counted_sheets(budget),
            "final": final,
        }
    )
    return render(request, "budgeting/staff/voting/paper.html", context)


def is_resident(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.RESIDENT)
