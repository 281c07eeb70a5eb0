"""The clerk's (griffie) and council members' pages: check, paper lists, agenda queue, meetings,
scheduling, decisions, the by-law."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.permissions import role_required
from samenspraak.core.forms import apply_service_errors
from samenspraak.initiatives import permissions, selectors, services
from samenspraak.initiatives.forms import (
    ByLawForm,
    CouncilMemberForm,
    DecisionForm,
    MeetingForm,
    PaperListForm,
    ReviewForm,
    ScheduleForm,
)
from samenspraak.initiatives.models import (
    InitiativeKind,
    Meeting,
)
from samenspraak.initiatives.permissions import CLERK_ROLES, COUNCIL_ROLES
from samenspraak.initiatives.views.common import initiative_or_404, municipality_or_404


@role_required(*CLERK_ROLES)
def review_list(request):
    municipality = municipality_or_404()
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
    initiative = initiative_or_404(request, pk)
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
    initiative = initiative_or_404(request, pk)
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
        {
            "initiative": initiative,
            "form": form,
            "result": result,
            "lists": list(initiative.paper_lists.order_by("received_on", "pk")),
            "retention_days": services.paper_retention_days(),
        },
    )


@role_required(*COUNCIL_ROLES)
def queue(request):
    municipality = municipality_or_404()
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
    municipality = municipality_or_404()
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
    initiative = initiative_or_404(request, pk)
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
    initiative = initiative_or_404(request, pk)
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
    municipality = municipality_or_404()
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


@role_required(*CLERK_ROLES)
def council_members(request):
    """The clerk verifies council members' public profiles (and changes them)."""
    municipality = municipality_or_404()
    from samenspraak.organisations.models import Area, Topic

    form = CouncilMemberForm(
        request.POST or None,
        accounts=selectors.council_member_accounts(),
        areas=Area.objects.filter(municipality=municipality).order_by("name"),
        topics=Topic.objects.filter(municipality=municipality).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.council_member_save(
                actor=request.user, municipality=municipality, request=request, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het profiel van het raadslid is openbaar."))
            return redirect("initiatives:council_members")
    return render(
        request,
        "initiatives/staff/council_members.html",
        {"form": form, "members": selectors.council_members(municipality)},
    )
