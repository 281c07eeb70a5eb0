"""Public pages: the list, an initiative's page (sign, withdraw, timeline), the start form and
the invitation for co-initiators. Every refusal is a message on the page; nothing typed is lost."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.core.responses import once_response
from samenspraak.core.trace import thread
from samenspraak.initiatives import permissions, selectors, services
from samenspraak.initiatives.forms import CouncilReactionForm, InitiativeForm
from samenspraak.initiatives.models import (
    PUBLIC_STATUSES,
    CouncilMember,
    Initiative,
    Status,
)
from samenspraak.initiatives.views.common import initiative_or_404, municipality_or_404
from samenspraak.organisations.models import Area

PAGE_SIZE = 20


def initiative_list(request):
    municipality = municipality_or_404()
    status = request.GET.get("status", "")
    if status not in PUBLIC_STATUSES:
        status = ""
    page = Paginator(selectors.public_initiatives(municipality, status=status), PAGE_SIZE)
    return render(
        request,
        "initiatives/list.html",
        {
            "page": page.get_page(request.GET.get("pagina")),
            "status": status,
            "statuses": [(s, Status(s).label) for s in PUBLIC_STATUSES],
            "own": selectors.own_initiatives(request.user, municipality),
            "can_start": not request.user.is_authenticated or permissions.can_start(request.user),
        },
    )


def initiative_detail(request, pk):
    return _detail_page(request, initiative_or_404(request, pk))


def _detail_page(request, initiative, reaction_form=None):
    """The initiative's page; `reaction_form`: a council member's posted reaction that comes
    back with its message and text."""
    user = request.user
    co = selectors.co_initiator_ids(initiative)
    bylaw = selectors.bylaw_for(initiative.municipality_id, initiative.kind)
    open_ = selectors.is_open_for_signing(initiative)
    signature = selectors.signature_of(user, initiative) if open_ else None
    problem = None
    if open_ and user.is_authenticated and signature is None:
        problem = selectors.eligibility_problem(user, bylaw)
    initiator = permissions.is_initiator(user, initiative, co)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "steps": initiative.steps.all(),
            # The golden thread for public initiatives (steps, decisions, and what other apps
            # add, such as delivery); concepts keep their own list of steps.
            "trace": thread("initiatives.Initiative", [initiative.pk])[initiative.pk]
            if initiative.is_public
            else [],
            "decisions": initiative.decisions.all(),
            "co_initiators": initiative.co_initiators.all(),
            "open": open_,
            "signature": signature,
            "eligibility_problem": problem,
            "is_initiator": initiator,
            "can_edit": permissions.can_edit(user, initiative),
            "invite_url": request.build_absolute_uri(
                reverse("initiatives:join", args=[initiative.pk, initiative.invite_token])
            )
            if initiator and initiative.status in (Status.CONCEPT, Status.IN_REVIEW)
            else "",
            "is_clerk": permissions.is_clerk(user),
            "council_reactions": initiative.council_reactions.all(),
            "reaction_form": reaction_form
            or (
                CouncilReactionForm()
                if initiative.is_public and selectors.council_member_of(user) is not None
                else None
            ),
        },
    )


def _form(request, initiative=None):
    municipality = municipality_or_404()
    bylaws = selectors.bylaws(municipality)
    initial = None
    if initiative is not None:
        initial = {
            "kind": initiative.kind,
            "title": initiative.title,
            "problem": initiative.problem,
            "proposal": initiative.proposal,
            "council_ask": initiative.council_ask,
            "area": initiative.area_id,
        }
    form = InitiativeForm(
        request.POST or None,
        initial=initial,
        bylaws=bylaws,
        areas=Area.objects.filter(municipality=municipality).select_related("parent"),
    )
    return municipality, bylaws, form


@rate_limit("10/m")
def initiative_create(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    municipality, bylaws, form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                initiator=request.user, municipality=municipality, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Uw initiatief is opgeslagen als concept. Alleen u ziet het. Nodig "
                    "mede-initiatiefnemers uit en dien het in als het klaar is."
                ),
            )
            return redirect("initiatives:detail", initiative.pk)
    problem = None
    if not permissions.can_start(request.user):
        problem = _("Alleen inwoners kunnen een burgerinitiatief beginnen.")
    elif bylaws:
        problem = selectors.eligibility_problem(request.user, bylaws[0])
    else:
        problem = _("De gemeente heeft nog geen regels voor burgerinitiatieven.")
    return render(
        request, "initiatives/form.html", {"form": form, "problem": problem, "initiative": None}
    )


@rate_limit("10/m")
def initiative_edit(request, pk):
    initiative = initiative_or_404(request, pk)
    if not permissions.can_edit(request.user, initiative):
        raise PermissionDenied
    _municipality_, _bylaws, form = _form(request, initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Uw wijzigingen zijn opgeslagen."))
            return redirect("initiatives:detail", initiative.pk)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "problem": None, "initiative": initiative},
    )


@require_POST
def initiative_submit(request, pk):
    initiative = initiative_or_404(request, pk)
    try:
        services.initiative_submit(actor=request.user, initiative=initiative)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Ingediend. De griffie controleert uw initiatief en laat u weten hoe het gaat."),
        )
    return redirect("initiatives:detail", initiative.pk)


@require_POST
def sign(request, pk):
    initiative = initiative_or_404(request, pk)
    target = redirect("initiatives:detail", initiative.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(target.url)
    try:
        new = services.signature_add(
            user=request.user, initiative=initiative, notify=request.POST.get("notify") == "on"
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return target
    if new:
        messages.success(request, _("Dank u wel. U heeft dit initiatief getekend."))
    else:
        messages.info(request, _("U had dit initiatief al getekend. Iedereen tekent één keer."))
    return target


@require_POST
def withdraw(request, pk):
    initiative = initiative_or_404(request, pk)
    target = redirect("initiatives:detail", initiative.pk)
    try:
        withdrawn = services.signature_withdraw(user=request.user, initiative=initiative)
    except PermissionDenied as error:
        if not request.user.is_authenticated:
            return redirect_to_login(target.url)
        messages.error(request, str(error))
        return target
    if withdrawn:
        messages.success(request, _("Uw handtekening is ingetrokken."))
    else:
        messages.info(request, _("U had dit initiatief niet getekend."))
    return target


def join(request, pk, token):
    """The page behind the initiator's invitation link: GET explains, POST joins."""
    try:
        initiative = Initiative.objects.get(municipality=municipality_or_404(), pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    if initiative.invite_token != token:
        raise Http404
    if request.method != "POST":
        return render(request, "initiatives/join.html", {"initiative": initiative})
    target = redirect("initiatives:detail", initiative.pk)
    return once_response(
        request,
        target,
        lambda: services.co_initiator_join(user=request.user, initiative=initiative, token=token),
        refused=_("U kunt niet meer meedoen als initiatiefnemer."),
        thanks=_("U bent nu mede-initiatiefnemer."),
        already=_("U was al initiatiefnemer."),
    )


@require_POST
def council_react(request, pk):
    """A verified council member's public reaction; a refused or too short one comes back on
    the initiative's page with the text kept."""
    initiative = initiative_or_404(request, pk)
    form = CouncilReactionForm(request.POST)
    if form.is_valid():
        try:
            services.council_reaction_post(
                user=request.user, initiative=initiative, body=form.cleaned_data["body"]
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error, default_field="body")
        else:
            messages.success(request, _("Uw reactie staat bij het initiatief."))
            return redirect("initiatives:detail", initiative.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    return _detail_page(request, initiative, reaction_form=form)


def council_list(request):
    return render(
        request,
        "initiatives/council_list.html",
        {"members": selectors.council_members(municipality_or_404())},
    )


def council_member(request, pk):
    try:
        member = selectors.council_member_get(municipality_or_404(), pk)
    except CouncilMember.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "initiatives/council_member.html",
        {"member": member, "reactions": member.reactions.all(), "answers": member.answers.all()},
    )
