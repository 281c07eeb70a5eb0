"""Pages: the questions about yourself and the public figures (residents); the figures, targets,
paper counts, publishing and the CBS import (process managers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes.models import Process
from samenspraak.representation import charts, permissions, selectors, services
from samenspraak.representation.forms import AnswerForm, ImportForm, PaperCountsForm, TargetForm
from samenspraak.representation.models import Target
from samenspraak.representation.permissions import MANAGER_ROLES
from samenspraak.representation.sections import DECLINED


def _process(slug) -> Process:
    try:
        return Process.objects.get(municipality=current_municipality(), slug=slug)
    except Process.DoesNotExist:
        raise Http404(_("Dit proces bestaat niet.")) from None


def _figures_context(figures) -> dict:
    return {
        "figures": figures,
        "rows": [
            {"comparison": comparison, "chart": charts.gap_chart(comparison)}
            for comparison in figures.comparisons
        ],
    }


# --- residents -------------------------------------------------------------------------------


@rate_limit("10/m")
def questions(request, slug):
    process = _process(slug)
    if not process.is_published:
        raise Http404(_("Dit proces bestaat niet."))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context: dict = {"process": process}
    if not permissions.can_answer(request.user, process):
        context["reason"] = _(
            "Medewerkers van de gemeente beantwoorden deze vragen niet. Zo tellen alleen "
            "inwoners mee."
        )
        return render(request, "representation/closed.html", context, status=403)
    if selectors.has_answered(process, request.user):
        context["reason"] = services.ALREADY_ANSWERED
        return render(request, "representation/closed.html", context)
    if request.method == "POST" and "nee" in request.POST:
        declined = set(request.session.get(DECLINED, []))
        declined.add(process.pk)
        request.session[DECLINED] = sorted(declined)
        messages.info(request, _("Prima. We vragen het niet meer."))
        return redirect("processes:process_detail", process.slug)
    areas = selectors.process_areas(process)
    form = AnswerForm(request.POST if request.method == "POST" else None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_submit(process=process, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        except PermissionDenied as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Dank u wel! Zo weten we beter wie er meedoen."))
            return redirect("processes:process_detail", process.slug)
    context["form"] = form
    return render(request, "representation/questions.html", context)


def figures(request, slug):
    process = _process(slug)
    setting = selectors.setting(process)
    if not permissions.can_view_figures(request.user, process, setting.published):
        raise Http404(_("Deze cijfers zijn niet openbaar."))
    context = {"process": process, "setting": setting}
    context.update(_figures_context(selectors.process_figures(process)))
    return render(request, "representation/figures.html", context)


# --- staff -----------------------------------------------------------------------------------


@role_required(*MANAGER_ROLES)
def overview(request):
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    context = {
        "municipality": municipality,
        "processes": Process.objects.filter(municipality=municipality).order_by("title"),
    }
    context.update(_figures_context(selectors.municipality_figures(municipality)))
    return render(request, "representation/overview.html", context)


@role_required(*MANAGER_ROLES)
@rate_limit("20/m")
def population_import(request):
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    table = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["table"]
        raw = upload.read(services.cbs.MAX_BYTES + 1)
        table = services.population_import(
            actor=request.user,
            municipality=municipality,
            raw=raw,
            source=form.cleaned_data["source"] or upload.name,
            request=request,
        )
        if not table.problems:
            messages.success(
                request,
                _("De bevolkingscijfers van %(count)s gebieden zijn ingelezen.")
                % {"count": len(table.rows)},
            )
    return render(request, "representation/import.html", {"form": form, "table": table})


@role_required(*MANAGER_ROLES)
@rate_limit("30/m")
def manage(request, slug):
    process = _process(slug)
    areas = selectors.process_areas(process)
    form = TargetForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_add(
                actor=request.user, process=process, request=request, **form.target_fields()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect("representation:process", process.slug)
    figures = selectors.process_figures(process)
    context = {
        "process": process,
        "setting": selectors.setting(process),
        "form": form,
        "checks": selectors.target_checks(selectors.targets(process), figures),
    }
    context.update(_figures_context(figures))
    return render(request, "representation/manage.html", context)


@require_POST
@role_required(*MANAGER_ROLES)
def publish(request, slug):
    process = _process(slug)
    published = request.POST.get("openbaar") == "ja"
    services.publish_set(actor=request.user, process=process, published=published, request=request)
    if published:
        messages.success(request, _("De cijfers staan nu op de pagina van het proces."))
    else:
        messages.success(request, _("De cijfers zijn niet meer openbaar."))
    return redirect("representation:process", process.slug)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGER_ROLES)
def target_delete(request, slug, pk):
    process = _process(slug)
    target = get_object_or_404(Target, process=process, pk=pk)
    # ?terug=: the page the link was on (the representation page, or the wizard's step).
    back = request.GET.get("terug", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("representation:process", args=[process.slug])
    if request.method != "POST":
        label = selectors.group_label(
            target.characteristic, target.value, selectors.process_areas(process)
        )
        return confirm_delete(
            request, name=_("Doel voor %(group)s") % {"group": label}, back_url=back
        )
    services.target_delete(actor=request.user, target=target, request=request)
    messages.success(request, _("Het doel is verwijderd."))
    return redirect(back)


@role_required(*MANAGER_ROLES)
@rate_limit("30/m")
def paper_counts(request, slug):
    process = _process(slug)
    areas = selectors.process_areas(process)
    current = selectors.paper_counts(process)
    form = PaperCountsForm(request.POST or None, areas=areas, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_counts_save(
                actor=request.user, process=process, counts=form.counts(), request=request
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De aantallen op papier zijn opgeslagen."))
            return redirect("representation:process", process.slug)
    return render(request, "representation/paper.html", {"process": process, "form": form})
