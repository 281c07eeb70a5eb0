"""Public pages (process list, process page, calendar) and the staff pages (wizard, templates,
calendar with the load per area). Views are thin: selectors read, services write."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.forms import apply_service_errors, preview_requested, previews
from samenspraak.core.ratelimit import rate_limit
from samenspraak.core.registry import process_sections
from samenspraak.organisations.selectors import current_municipality
from samenspraak.processes import forms, selectors, services, wizard
from samenspraak.processes.actions import open_actions
from samenspraak.processes.models import (
    LEVEL_EXPLANATIONS,
    ParticipationLevel,
    Phase,
    Process,
)
from samenspraak.processes.permissions import (
    MANAGER_ROLES,
    can_manage_process,
    can_record_outcome,
    can_view_process,
)
from samenspraak.processes.phases import phase_kinds

PAGE_SIZE = 12
manager_required = role_required(*MANAGER_ROLES)

#: The wizard's steps with a form of processes' own (the list of steps: processes.wizard, where
#: other apps' steps join through their manifest).
FORM_STEPS = {"doel": forms.GoalForm, "niveau": forms.LevelForm, "toezegging": forms.CommitmentForm}


def _municipality_or_404():
    municipality = current_municipality()
    if municipality is None:
        raise Http404(_("Er is nog geen gemeente ingesteld."))
    return municipality


def ladder(level: str) -> list[dict]:
    return [
        {
            "value": value,
            "label": label,
            "explanation": LEVEL_EXPLANATIONS[ParticipationLevel(value)],
            "current": value == level,
        }
        for value, label in ParticipationLevel.choices
    ]


def _process_page_context(request, process, at=None) -> dict:
    return {
        "process": process,
        "ladder": ladder(process.level),
        "timeline": selectors.timeline(process, at),
        "current_phase": selectors.current_phase(process, at),
        "state": selectors.process_state(process, at),
    }


# --- Public pages ------------------------------------------------------------------------


def process_list(request):
    municipality = current_municipality()
    form = forms.ProcessFilterForm(request.GET or None, municipality=municipality)
    filters = form.cleaned_data if form.is_valid() else {}
    processes = selectors.process_list(
        municipality=municipality,
        area=filters.get("area"),
        topic=filters.get("topic"),
        level=filters.get("level", ""),
        when=filters.get("when", ""),
    )
    page = Paginator(processes, PAGE_SIZE).get_page(request.GET.get("pagina"))
    now = timezone.now()
    for process in page.object_list:
        process.current = selectors.current_phase(process, now)
        process.state = selectors.process_state(process, now)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "processes/process_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def process_detail(request, slug):
    try:
        process = selectors.process_get(municipality=current_municipality(), slug=slug)
    except Process.DoesNotExist:
        raise Http404(_("Dit proces bestaat niet.")) from None
    if not can_view_process(request.user, process):
        raise Http404(_("Dit proces bestaat niet."))
    context = _process_page_context(request, process)
    context["sections"] = process_sections.collect(request, process)
    context["actions"] = open_actions(request, process)
    context["next_phase"] = selectors.next_phase(process)
    context["can_manage"] = can_manage_process(request.user, process)
    return render(request, "processes/process_detail.html", context)


def _calendar_context(request, municipality, *, staff=False):
    form = forms.CalendarFilterForm(request.GET or None, municipality=municipality)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    start = forms.day_start(today.replace(day=1) - datetime.timedelta(days=62 if staff else 0))
    end = forms.day_start(today + datetime.timedelta(days=366))
    rows = selectors.calendar_rows(
        municipality=municipality,
        start=start,
        end=end,
        area=filters.get("area"),
        topic=filters.get("topic"),
        department=filters.get("department"),
    )
    context = {"form": form, "months": selectors.calendar_months(rows), "now": timezone.now()}
    if staff:
        context["loads"] = selectors.area_load(rows)
        context["threshold"] = selectors.OVER_ASKED_THRESHOLD
    return context


def calendar(request):
    municipality = current_municipality()
    return render(request, "processes/calendar.html", _calendar_context(request, municipality))


# --- Staff pages -------------------------------------------------------------------------


def _managed_process(request, slug) -> Process:
    municipality = _municipality_or_404()
    try:
        return selectors.process_get(municipality=municipality, slug=slug)
    except Process.DoesNotExist:
        raise Http404(_("Dit proces bestaat niet.")) from None


def _step_url(process, step):
    return reverse("processes:manage_step", args=[process.slug, step])


# The phase service speaks of moments, the form of days.
PHASE_FIELDS: dict[str, str | None] = {"starts_at": "first_day", "ends_at": "last_day"}


def _wizard_context(request, process, step) -> dict:
    return wizard.context(process, step, wizard.steps(request.user))


@manager_required
def manage_list(request):
    municipality = _municipality_or_404()
    mine = request.GET.get("van") == "mij"
    processes = selectors.staff_process_list(
        municipality=municipality, user=request.user, mine=mine
    )
    page = Paginator(processes, 50).get_page(request.GET.get("pagina"))
    return render(request, "processes/manage/list.html", {"page": page, "mine": mine})


@manager_required
@rate_limit("30/m")
def manage_new(request):
    municipality = _municipality_or_404()
    form = forms.GoalForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and not preview_requested(request) and form.is_valid():
        data = dict(form.cleaned_data)
        areas, topics = data.pop("areas"), data.pop("topics")
        try:
            process = services.process_create(
                actor=request.user, municipality=municipality, areas=areas, topics=topics, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(_step_url(process, "niveau"))
    context = _wizard_context(request, None, "doel")
    context.update(form=form, previews=previews(request, form))
    return render(request, "processes/manage/step_form.html", context)


@manager_required
@rate_limit("60/m")
def manage_step(request, slug, step):
    all_steps = wizard.steps(request.user)
    current = next((item for item in all_steps if item.key == step), None)
    if current is None:
        raise Http404(_("Deze stap bestaat niet."))
    process = _managed_process(request, slug)
    if current.added is not None:
        return wizard.added_step(request, process, current, all_steps)
    if step in FORM_STEPS:
        return _form_step(request, process, step)
    if step == "fasen":
        return _phases_step(request, process)
    context = _wizard_context(request, process, step)
    context.update(_process_page_context(request, process))
    context["problems"] = services.publish_problems(process)
    if step == "publiceren" and request.method == "POST":
        try:
            services.process_publish(actor=request.user, process=process)
        except ValidationError as error:
            context["problems"] = error.messages
        else:
            messages.success(request, _("Het proces is gepubliceerd. Iedereen kan het nu zien."))
            return redirect("processes:process_detail", process.slug)
    template = "preview" if step == "voorbeeld" else "publish"
    return render(request, f"processes/manage/step_{template}.html", context)


def _form_step(request, process, step):
    form_class = FORM_STEPS[step]
    kwargs = {"instance": process}
    if form_class is forms.GoalForm:
        kwargs["municipality"] = process.municipality
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and not preview_requested(request) and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        areas, topics = data.pop("areas", None), data.pop("topics", None)
        # Read the stored process again: a failed form must not leave edits on this one.
        fresh = Process.objects.get(pk=process.pk)
        try:
            services.process_update(
                actor=request.user, process=fresh, areas=areas, topics=topics, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect(_step_url(fresh, wizard.next_key(step, wizard.steps(request.user))))
    context = _wizard_context(request, process, step)
    context.update(form=form, previews=previews(request, form))
    if step == "niveau":
        context["ladder"] = ladder(process.level)
        # The areas are chosen in the step before: what happened there earlier.
        context["earlier"] = selectors.earlier_in_areas(process)
        context["earlier_areas"] = ", ".join(area.name for area in process.areas.all())
    return render(request, "processes/manage/step_form.html", context)


def _phases_step(request, process):
    form = forms.PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_add(actor=request.user, process=process, **form.phase_fields())
        except ValidationError as error:
            apply_service_errors(form, error, rename=PHASE_FIELDS)
        else:
            messages.success(request, _("De fase is toegevoegd."))
            return redirect(_step_url(process, "fasen"))
    context = _wizard_context(request, process, "fasen")
    context.update(form=form, timeline=selectors.timeline(process), kinds=phase_kinds.all())
    return render(request, "processes/manage/step_phases.html", context)


@manager_required
def manage_phase_edit(request, slug, pk):
    process = _managed_process(request, slug)
    phase = get_object_or_404(Phase, pk=pk, process=process)
    form = forms.PhaseForm(request.POST or None, initial=forms.PhaseForm.initial_for(phase))
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_update(actor=request.user, phase=phase, **form.phase_fields())
        except ValidationError as error:
            apply_service_errors(form, error, rename=PHASE_FIELDS)
        else:
            messages.success(request, _("De fase is aangepast."))
            return redirect(_step_url(process, "fasen"))
    return render(
        request,
        "processes/manage/phase_edit.html",
        {"process": process, "phase": phase, "form": form},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def manage_phase_delete(request, slug, pk):
    process = _managed_process(request, slug)
    phase = get_object_or_404(Phase, pk=pk, process=process)
    if request.method != "POST":
        return confirm_delete(request, name=phase.title, back_url=_step_url(process, "fasen"))
    try:
        services.phase_delete(actor=request.user, phase=phase)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De fase is verwijderd."))
    return redirect(_step_url(process, "fasen"))


@manager_required
@require_POST
def manage_unpublish(request, slug):
    process = _managed_process(request, slug)
    services.process_unpublish(actor=request.user, process=process)
    messages.success(request, _("Het proces is weer een concept en niet meer openbaar."))
    return redirect(_step_url(process, "publiceren"))


@manager_required
def manage_outcome(request, slug):
    process = _managed_process(request, slug)
    if not can_record_outcome(request.user, process):
        messages.warning(request, _("De uitkomst vult u in als alle fasen voorbij zijn."))
        return redirect("processes:manage_list")
    form = forms.OutcomeForm(request.POST or None, instance=Process.objects.get(pk=process.pk))
    if request.method == "POST" and not preview_requested(request) and form.is_valid():
        services.process_set_outcome(
            actor=request.user, process=process, outcome=form.cleaned_data["outcome"]
        )
        messages.success(request, _("De uitkomst is opgeslagen."))
        return redirect("processes:process_detail", process.slug)
    context = {"process": process, "form": form, "previews": previews(request, form)}
    return render(request, "processes/manage/outcome.html", context)


@manager_required
def manage_save_template(request, slug):
    process = _managed_process(request, slug)
    form = forms.SaveTemplateForm(request.POST or None, initial={"name": process.title})
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save_from_process(
                actor=request.user, process=process, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het sjabloon is opgeslagen."))
            return redirect("processes:manage_templates")
    return render(
        request, "processes/manage/save_template.html", {"process": process, "form": form}
    )


@manager_required
def manage_templates(request):
    municipality = _municipality_or_404()
    form = forms.ImportTemplateForm()
    return render(
        request,
        "processes/manage/templates.html",
        {"templates": selectors.templates_available(municipality), "import_form": form},
    )


@manager_required
@require_POST
@rate_limit("20/m")
def manage_template_import(request):
    municipality = _municipality_or_404()
    form = forms.ImportTemplateForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read(services.designs.MAX_BYTES + 1)
        try:
            template = services.template_import_json(
                actor=request.user, municipality=municipality, raw=raw
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _("Het sjabloon ‘%(name)s’ is ingelezen.") % {"name": template.name},
            )
            return redirect("processes:manage_templates")
    return render(
        request,
        "processes/manage/templates.html",
        {"templates": selectors.templates_available(municipality), "import_form": form},
        status=400,
    )


@manager_required
def manage_template_export(request, pk):
    municipality = _municipality_or_404()
    template = get_object_or_404(selectors.templates_available(municipality), pk=pk)
    response = HttpResponse(
        services.template_export_json(template), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{template.key}.json"'
    return response


@manager_required
@rate_limit("30/m")
def manage_from_template(request):
    municipality = _municipality_or_404()
    templates = selectors.templates_available(municipality)
    form = forms.StartFromTemplateForm(
        request.POST or None,
        templates=templates,
        initial={"template": request.GET.get("sjabloon"), "start_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_start_from_template(
                actor=request.user,
                template=form.cleaned_data["template"],
                municipality=municipality,
                start_date=form.cleaned_data["start_date"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Het concept is gemaakt. Loop de stappen na en pas aan wat nodig is.")
            )
            return redirect(_step_url(process, "doel"))
    return render(request, "processes/manage/from_template.html", {"form": form})


@manager_required
def manage_calendar(request):
    municipality = _municipality_or_404()
    return render(
        request,
        "processes/manage/calendar.html",
        _calendar_context(request, municipality, staff=True),
    )
