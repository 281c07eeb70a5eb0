"""Pages for input: list, detail, submit, support; staff inbox, answer, offline input; figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.consultation import permissions, selectors, services
from samenspraak.consultation.forms import (
    AnswerForm,
    AnswerTemplateForm,
    AssignForm,
    InboxFilterForm,
    InputFilterForm,
    InputForm,
    OfflineInputForm,
    TemplatePickForm,
)
from samenspraak.consultation.models import SUPPORT, AnswerTemplate, Input, InputStatus
from samenspraak.consultation.permissions import ANSWER_ROLES, REGISTER_ROLES
from samenspraak.core import maps
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.dates import format_day
from samenspraak.core.forms import apply_service_errors, preview_requested, previews
from samenspraak.core.ratelimit import rate_limit
from samenspraak.core.registry import input_sections
from samenspraak.core.responses import once_response
from samenspraak.core.trace import thread
from samenspraak.dialogue.selectors import mark_hidden
from samenspraak.organisations.models import Area, Topic
from samenspraak.organisations.selectors import current_municipality, map_context
from samenspraak.processes.models import Process

PAGE_SIZE = 20


def _process(request, slug) -> Process:
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    process = get_object_or_404(
        Process.objects.prefetch_related("phases"), municipality=municipality, slug=slug
    )
    if not permissions.can_view_inputs(request.user, process):
        raise Http404
    return process


def _areas(process):
    return Area.objects.filter(municipality_id=process.municipality_id).select_related("parent")


def _topics(process):
    return Topic.objects.filter(municipality_id=process.municipality_id)


#: The filter form as drawn, per language and `InputFilterForm.render_key` (the values given
#: and the area and topic choices, so a changed area is a new key, never an old drawing). Drawing
#: its five fields through the widget templates cost as much as the rest of the list (#11).
_DRAWN_FILTERS: dict[tuple, str] = {}
_DRAWN_FILTERS_MAX = 256


def _filter_fields(form) -> str:
    key = form.render_key()
    if key is None:
        return render_to_string("consultation/_filter_fields.html", {"form": form})
    key = (get_language(), key)
    drawn = _DRAWN_FILTERS.get(key)
    if drawn is None:
        drawn = render_to_string("consultation/_filter_fields.html", {"form": form})
        if len(_DRAWN_FILTERS) >= _DRAWN_FILTERS_MAX:
            _DRAWN_FILTERS.clear()
        _DRAWN_FILTERS[key] = drawn
    return drawn


#: ?weergave=kaart shows the input list as a map (with the same inputs as text); the list is
#: the default.
MAP_VIEW = "kaart"


def input_list(request, process_slug):
    process = _process(request, process_slug)
    areas, topics = _areas(process), _topics(process)
    form = InputFilterForm(request.GET or None, areas=areas, topics=topics)
    filters = form.cleaned_data if form.is_valid() else {}
    inputs = selectors.input_list(
        process=process,
        status=filters.get("status", ""),
        outcome=filters.get("outcome", ""),
        area=filters.get("area"),
        topic=filters.get("topic"),
        sort=filters.get("sort") or "new",
    )
    as_map = request.GET.get("weergave") == MAP_VIEW
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("weergave", None)
    phase = selectors.collect_phase(process)
    context = {
        "process": process,
        "form": form,
        "filter_fields": _filter_fields(form),
        "query": query.urlencode(),
        "as_map": as_map,
        "phase": phase,
        "can_submit": phase is not None
        and (not request.user.is_authenticated or permissions.can_submit(request.user, phase)),
    }
    if as_map:
        points, total = selectors.input_map(inputs)
        points = _map_points(process, points)
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
        page = selectors.input_page(inputs, request.GET.get("pagina"), PAGE_SIZE)
        mark_hidden(page.object_list)
        context["page"] = page
    return render(request, "consultation/input_list.html", context)


#: The text list under the map shows this many of its dots per page (all of them, page by page).
MAP_LIST_SIZE = 50


def _map_points(process, points) -> list[dict]:
    """What the map and its text list show per input (core.maps.dots), with its status."""
    pattern = maps.url_pattern("consultation:input_detail", process.slug)
    rows = maps.dots(
        ((p.pk, p.title, p.latitude, p.longitude, p.place_name) for p in points), pattern
    )
    labels = {value: str(label) for value, label in InputStatus.choices}
    for row, point in zip(rows, points, strict=True):
        row["status"] = point.status
        row["status_label"] = labels.get(point.status, point.status)
    return rows


def input_detail(request, process_slug, pk):
    process = _process(request, process_slug)
    try:
        item = selectors.input_get(process=process, pk=pk)
    except Input.DoesNotExist:
        raise Http404 from None
    mark_hidden([item])
    context = {
        "process": process,
        "input": item,
        "answer": getattr(item, "answer", None) if hasattr(item, "answer") else None,
        "has_supported": selectors.has_supported(request.user, item),
        "can_support": permissions.can_support(request.user, item),
        "support_open": item.phase.kind and _support_open(item),
        "can_answer": permissions.can_answer(request.user, item),
        "is_author": request.user.is_authenticated and item.author_id == request.user.pk,
        "sections": input_sections.collect(request, item),
        "trace": [] if item.hidden else thread("consultation.Input", [item.pk])[item.pk],
    }
    return render(request, "consultation/input_detail.html", context)


def _support_open(item) -> bool:
    from samenspraak.processes.phases import phase_allows

    return phase_allows(item.phase, SUPPORT)


@require_POST
def input_support(request, process_slug, pk):
    process = _process(request, process_slug)
    item = get_object_or_404(Input.objects.select_related("phase__process"), process=process, pk=pk)
    return support_response(
        request,
        item,
        redirect("consultation:input_detail", process.slug, item.pk),
        refused=_("U kunt deze inbreng nu niet steunen."),
        thanks=_("Dank u wel. U steunt deze inbreng."),
        already=_("U steunde deze inbreng al. Iedereen kan één keer steunen."),
    )


@require_POST
def input_support_withdraw(request, process_slug, pk):
    """Take back one's support (from Mijn Samenspraak or the input's page), then go back where
    the person came from (`next`, on this site) with a message."""
    process = _process(request, process_slug)
    item = get_object_or_404(Input.objects.select_related("phase__process"), process=process, pk=pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("consultation:input_detail", args=[process.slug, item.pk])
    return once_response(
        request,
        redirect(back),
        lambda: services.support_withdraw(user=request.user, input=item),
        refused=_("U kunt uw steun nu niet intrekken: de fase om te steunen is voorbij."),
        thanks=_("U steunt „%(title)s” niet meer.") % {"title": item.title},
        already=_("U steunde „%(title)s” niet.") % {"title": item.title},
    )


def support_response(request, item: Input, target, *, refused: str, thanks: str, already: str):
    """Record the signed-in resident's support for an input and say how it went, then go to
    `target`; anyone not signed in logs in first."""
    return once_response(
        request,
        target,
        lambda: services.input_support(user=request.user, input=item),
        refused=refused,
        thanks=thanks,
        already=already,
    )


@rate_limit("5/m")
def input_submit(request, process_slug):
    process = _process(request, process_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    phase = selectors.collect_phase(process)
    areas, topics = _areas(process), _topics(process)
    allowed = phase is not None and permissions.can_submit(request.user, phase)
    form = InputForm(request.POST or None, request.FILES or None, areas=areas, topics=topics)
    if request.method == "POST" and form.is_valid():
        try:
            if phase is None:
                raise PermissionDenied(
                    _("U kunt nu geen inbreng geven: de inbrengfase loopt niet.")
                )
            item = services.input_submit(author=request.user, phase=phase, **form.service_fields())
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error, refused=_("U kunt nu geen inbreng geven."))
        else:
            messages.success(
                request,
                _("Dank u wel voor uw inbreng. De gemeente reageert uiterlijk op %(date)s.")
                % {"date": format_day(item.due_date)},
            )
            return redirect("consultation:input_detail", process.slug, item.pk)
    form.ask_for_image_again(request)
    context = {"process": process, "form": form, "phase": phase, "allowed": allowed}
    context.update(map_context(process.municipality_id))
    return render(request, "consultation/input_form.html", context, status=200)


# --- Public figures -----------------------------------------------------------------------------


def figures(request):
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    overall, rows = selectors.municipality_figures(municipality)
    return render(
        request,
        "consultation/figures.html",
        {"overall": overall, "rows": rows, "municipality": municipality},
    )


# --- Staff --------------------------------------------------------------------------------------


@role_required(*ANSWER_ROLES)
def inbox(request):
    form = InboxFilterForm(request.GET or None, processes=selectors.inbox_processes())
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    items = selectors.inbox(
        user=request.user,
        mine=filters.get("mine", False),
        overdue=filters.get("overdue", False),
        process=filters.get("process"),
        today=today,
    )
    page = Paginator(items, 50).get_page(request.GET.get("pagina"))
    for item in page.object_list:
        item.days_left = (item.due_date - today).days
        item.days_late = -item.days_left
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "consultation/staff/inbox.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


FILL_IN = "invullen"  # the button that puts the chosen standard answer into the form
ANSWER_FIELDS = ("outcome", "body", "reason")


@role_required(*ANSWER_ROLES)
def answer(request, pk):
    """Answer an input. "Standaardantwoord invullen" (POST, or ?sjabloon= from a link) fills in
    the standard answer's text and outcome and keeps the rest that was typed; nothing is
    published until "Antwoord publiceren"."""
    item = get_object_or_404(
        Input.objects.select_related("process", "phase__process", "author", "owner", "area"),
        pk=pk,
    )
    existing = selectors.answer_of(item)
    templates = selectors.answer_templates(item.process.municipality_id)
    filling = request.method == "POST" and FILL_IN in request.POST
    pick = TemplatePickForm(request.POST if filling else (request.GET or None), templates=templates)
    initial = {}
    if existing:
        initial = {"outcome": existing.outcome, "body": existing.body, "reason": existing.reason}
    if filling:  # keep what was typed, then put the standard answer over text and outcome
        initial = {name: request.POST.get(name, "") for name in ANSWER_FIELDS}
    chosen = pick.cleaned_data.get("sjabloon") if pick.is_valid() else None
    if chosen is not None:
        initial["body"] = chosen.body
        if chosen.outcome:
            initial["outcome"] = chosen.outcome
    form = AnswerForm(None if filling else (request.POST or None), initial=initial)
    if (
        request.method == "POST"
        and not filling
        and not preview_requested(request)
        and form.is_valid()
    ):
        try:
            services.input_answer(actor=request.user, input=item, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het antwoord is gepubliceerd."))
            return redirect("consultation:inbox")
    return render(
        request,
        "consultation/staff/answer.html",
        {
            "input": item,
            "process": item.process,
            "form": form,
            "pick": pick,
            "chosen": chosen,
            "previews": previews(request, form),
            "has_templates": templates.exists(),
            "existing": existing,
            "assign": AssignForm(
                initial={"owner": item.owner_id}, staff=selectors.staff_who_answer()
            ),
            "today": timezone.localdate(),
        },
    )


@require_POST
@role_required(*ANSWER_ROLES)
def assign(request, pk):
    item = get_object_or_404(Input, pk=pk)
    form = AssignForm(request.POST, staff=selectors.staff_who_answer())
    if form.is_valid():
        try:
            services.input_assign(actor=request.user, input=item, owner=form.cleaned_data["owner"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De behandelaar is aangepast."))
    else:
        messages.error(request, _("Kies een behandelaar uit de lijst."))
    return redirect("consultation:answer", item.pk)


@require_POST
@role_required(*ANSWER_ROLES)
def start(request, pk):
    item = get_object_or_404(Input, pk=pk)
    services.input_start(actor=request.user, input=item)
    messages.success(request, _("De inbreng is in behandeling."))
    return redirect("consultation:answer", item.pk)


@role_required(*REGISTER_ROLES)
def register_offline(request, process_slug):
    process = _process(request, process_slug)
    phases = selectors.collect_phases(process)
    if not phases:
        raise Http404
    form = OfflineInputForm(
        request.POST or None,
        request.FILES or None,
        areas=_areas(process),
        topics=_topics(process),
        phases=phases,
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        phase = next((p for p in phases if p.pk == data.get("phase")), phases[-1])
        try:
            item = services.input_register_offline(
                actor=request.user,
                phase=phase,
                channel=data["channel"],
                received_on=data["received_on"],
                submitter_name=data.get("submitter_name", ""),
                request=request,
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De inbreng is ingevoerd."))
            return redirect("consultation:input_detail", process.slug, item.pk)
    context = {"process": process, "form": form, "offline": True}
    context.update(map_context(process.municipality_id))
    return render(request, "consultation/staff/offline_form.html", context)


def _template_form_page(request, form, template=None):
    municipality = current_municipality()
    if request.method == "POST" and not preview_requested(request) and form.is_valid():
        try:
            services.answer_template_save(
                actor=request.user,
                municipality=municipality,
                template=template,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het standaardantwoord is opgeslagen."))
            return redirect("consultation:answer_templates")
    return render(
        request,
        "consultation/staff/answer_templates.html",
        {
            "templates": selectors.answer_templates(municipality),
            "form": form,
            "previews": previews(request, form),
            "editing": template,
        },
    )


@role_required(*ANSWER_ROLES)
def answer_templates(request):
    """Standard answers: the list, and a form to add one."""
    if current_municipality() is None:
        raise Http404
    return _template_form_page(request, AnswerTemplateForm(request.POST or None))


@role_required(*ANSWER_ROLES)
def answer_template_edit(request, pk):
    template = get_object_or_404(AnswerTemplate, pk=pk, municipality=current_municipality())
    initial = {"title": template.title, "outcome": template.outcome, "body": template.body}
    return _template_form_page(
        request, AnswerTemplateForm(request.POST or None, initial=initial), template
    )


@require_http_methods(["GET", "POST"])
@role_required(*ANSWER_ROLES)
def answer_template_delete(request, pk):
    template = get_object_or_404(AnswerTemplate, pk=pk, municipality=current_municipality())
    if request.method != "POST":
        back = reverse("consultation:answer_templates")
        return confirm_delete(request, name=template.title, back_url=back)
    services.answer_template_delete(actor=request.user, template=template, request=request)
    messages.success(request, _("Het standaardantwoord is verwijderd."))
    return redirect("consultation:answer_templates")
