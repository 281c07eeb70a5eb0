"""Pages for citizen initiatives: the public list and page (sign, withdraw, timeline), the
start form for residents, and the clerk's pages (check, paper lists, agenda queue, meetings,
decisions). Every refusal is a plain message on the page; nothing typed is lost."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.core.responses import once_response
from samenspraak.initiatives import permissions, selectors, services
from samenspraak.initiatives.forms import (
    ByLawForm,
    DecisionForm,
    InitiativeForm,
    MeetingForm,
    PaperListForm,
    ReviewForm,
    ScheduleForm,
)
from samenspraak.initiatives.models import (
    PUBLIC_STATUSES,
    Initiative,
    InitiativeKind,
    Meeting,
    Status,
)
from samenspraak.initiatives.permissions import CLERK_ROLES, COUNCIL_ROLES
from samenspraak.organisations.models import Area
from samenspraak.organisations.selectors import current_municipality

PAGE_SIZE = 20


def _municipality():
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    return municipality


def _initiative(request, pk) -> Initiative:
    try:
        initiative = selectors.initiative_get(_municipality(), pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    co = selectors.co_initiator_ids(initiative)
    if not (
        permissions.can_view(request.user, initiative)
        or permissions.is_initiator(request.user, initiative, co)
    ):
        raise Http404
    return initiative


# --- Public ---------------------------------------------------------------------------------


def initiative_list(request):
    municipality = _municipality()
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
    initiative = _initiative(request, pk)
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
        },
    )


def _form(request, initiative=None):
    municipality = _municipality()
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
    initiative = _initiative(request, pk)
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
    initiative = _initiative(request, pk)
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
    initiative = _initiative(request, pk)
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
    initiative = _initiative(request, pk)
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
        initiative = Initiative.objects.get(municipality=_municipality(), pk=pk)
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


# --- Clerk (griffie) and council -------------------------------------------------------------


@role_required(*CLERK_ROLES)
def review_list(request):
    municipality = _municipality()
    return render(
        request,
        "initiatives/staff/review_list.html",
        {
            "in_review": selectors.in_review(municipality),
            "collecting": selectors.collecting(municipality),
        },
    )


@role_required(*CLERK_ROLES)
def review(request, pk):
    initiative = _initiative(request, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_review(
                actor=request.user,
                initiative=initiative,
                admit=form.cleaned_data["decision"] == "admit",
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Uw besluit is vastgelegd en openbaar."))
            return redirect("initiatives:review_list")
    return render(
        request, "initiatives/staff/review.html", {"initiative": initiative, "form": form}
    )


@role_required(*CLERK_ROLES)
def paper_list(request, pk):
    initiative = _initiative(request, pk)
    form = PaperListForm(request.POST or None, initial={"received_on": timezone.localdate()})
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.paper_list_enter(
                actor=request.user,
                initiative=initiative,
                received_on=form.cleaned_data["received_on"],
                lines=form.cleaned_data["lines"],
                request=request,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            form = PaperListForm(initial={"received_on": form.cleaned_data["received_on"]})
    return render(
        request,
        "initiatives/staff/paper_list.html",
        {"initiative": initiative, "form": form, "result": result},
    )


@role_required(*COUNCIL_ROLES)
def queue(request):
    municipality = _municipality()
    return render(
        request,
        "initiatives/staff/queue.html",
        {
            "queue": selectors.agenda_queue(municipality),
            "decisions": selectors.decisions(municipality)[:20],
            "is_clerk": permissions.is_clerk(request.user),
        },
    )


@role_required(*COUNCIL_ROLES)
def meetings(request):
    municipality = _municipality()
    is_clerk = permissions.is_clerk(request.user)
    form = MeetingForm(request.POST or None) if is_clerk else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.meeting_save(
                    actor=request.user,
                    municipality=municipality,
                    title=form.cleaned_data["title"],
                    starts_at=form.starts_at(),
                    location=form.cleaned_data["location"],
                    agenda_url=form.cleaned_data["agenda_url"],
                    request=request,
                )
            except (ValidationError, PermissionDenied) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De vergadering is opgeslagen."))
                return redirect("initiatives:meetings")
    return render(
        request,
        "initiatives/staff/meetings.html",
        {"meetings": selectors.meetings(municipality), "form": form, "now": timezone.now()},
    )


@role_required(*CLERK_ROLES)
def schedule(request, pk):
    initiative = _initiative(request, pk)
    upcoming = Meeting.objects.filter(
        municipality=initiative.municipality_id, starts_at__gte=timezone.now()
    ).order_by("starts_at")
    form = ScheduleForm(request.POST or None, meetings=upcoming)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_schedule(
                actor=request.user,
                initiative=initiative,
                meeting=form.cleaned_data["meeting"],
                request=request,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het initiatief staat op de agenda."))
            return redirect("initiatives:queue")
    return render(
        request,
        "initiatives/staff/schedule.html",
        {"initiative": initiative, "form": form, "has_meetings": upcoming.exists()},
    )


@role_required(*CLERK_ROLES)
def decide(request, pk):
    initiative = _initiative(request, pk)
    form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user, initiative=initiative, request=request, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het besluit van de raad is vastgelegd en openbaar."))
            return redirect("initiatives:queue")
    return render(
        request, "initiatives/staff/decide.html", {"initiative": initiative, "form": form}
    )


@role_required(*CLERK_ROLES)
def bylaw(request):
    """What the participation by-law says, one form per kind of initiative; each saves alone
    (its button names the kind), so a mistake in one never loses what was typed in another."""
    municipality = _municipality()
    existing = {b.kind: b for b in selectors.bylaws(municipality)}
    posted = request.POST.get("kind") if request.method == "POST" else None
    forms_by_kind = []
    for kind, label in InitiativeKind.choices:
        current = existing.get(kind)
        initial = (
            {
                "signatures_needed": current.signatures_needed,
                "collect_days": current.collect_days,
                "minimum_age": current.minimum_age,
                "postcodes": current.postcodes,
            }
            if current
            else None
        )
        data = request.POST if posted == kind else None
        forms_by_kind.append((kind, label, ByLawForm(data, initial=initial, prefix=kind)))
    for kind, _label, form in forms_by_kind:
        if kind == posted and form.is_valid():
            try:
                services.bylaw_save(
                    actor=request.user,
                    municipality=municipality,
                    kind=kind,
                    request=request,
                    **form.cleaned_data,
                )
            except (ValidationError, PermissionDenied) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De regels zijn opgeslagen."))
                return redirect("initiatives:bylaw")
    return render(request, "initiatives/staff/bylaw.html", {"forms": forms_by_kind})
