"""Burgerberaad pages: the assembly, registration with a code, the publication and how to
re-run the draw (public); the staff page that sets it up and runs it step by step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.assemblies import codes, permissions, selectors, services, tasks
from samenspraak.assemblies.forms import (
    AddressFileForm,
    AssemblyForm,
    CallForm,
    DrawForm,
    InvitationForm,
    NewAssemblyForm,
    QuotaForm,
    RegistrationForm,
    SeedForm,
    StaffRegistrationForm,
)
from samenspraak.assemblies.letters import letters_pdf, outcome_letters_pdf
from samenspraak.assemblies.models import Stage
from samenspraak.assemblies.permissions import MANAGER_ROLES
from samenspraak.core.dates import format_day
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.links import absolute_url
from samenspraak.core.ratelimit import rate_limit
from samenspraak.organisations.selectors import current_municipality

MAX_ADDRESS_FILE = 30 * 1024 * 1024


def _assembly(request, process_slug, pk):
    process = selectors.process_by_slug(process_slug)
    assembly = selectors.assembly_detail(process, pk)
    if not permissions.can_view(request.user, assembly):
        raise Http404
    return assembly


def assembly(request, process_slug, pk):
    item = _assembly(request, process_slug, pk)
    return render(
        request,
        "assemblies/assembly.html",
        {
            "assembly": item,
            "process": item.process,
            "open": permissions.registration_open(item),
            "features": selectors.features(item),
        },
    )


def _register_page(request, item, form, status=200):
    return render(
        request,
        "assemblies/register.html",
        {
            "assembly": item,
            "process": item.process,
            "form": form,
            "open": permissions.registration_open(item),
            "feature_fields": [form[name] for name in form.feature_names],
        },
        status=status,
    )


@rate_limit("10/m")
def register(request, process_slug, pk):
    item = _assembly(request, process_slug, pk)
    features = selectors.features(item)
    if request.method != "POST":
        initial = {"code": codes.normalise(request.GET.get("code", ""))[:20]}
        return _register_page(request, item, RegistrationForm(initial=initial, features=features))
    form = RegistrationForm(request.POST, features=features)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_create(
                assembly=item,
                code=data["code"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                characteristics=form.characteristics(),
                consent=data["consent"],
                user=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(
                form, error, refused=_("Aanmelden voor dit burgerberaad kan nu niet.")
            )
        else:
            return redirect("assemblies:registered", process_slug=process_slug, pk=pk)
    return _register_page(request, item, form, status=400)


def registered(request, process_slug, pk):
    item = _assembly(request, process_slug, pk)
    return render(
        request, "assemblies/registered.html", {"assembly": item, "process": item.process}
    )


def publication(request, process_slug, pk):
    item = _assembly(request, process_slug, pk)
    data = selectors.publication(item, selectors.draw_of(item))
    if data is None:
        raise Http404
    probabilities = sorted(data["probabilities"].items())
    panel = set(data["panel"])
    return render(
        request,
        "assemblies/publication.html",
        {
            "assembly": item,
            "process": item.process,
            "data": data,
            "counts": [
                {
                    "feature": q["feature"],
                    "value": q["value"],
                    "min": q["min"],
                    "max": q["max"],
                    "panel": data["panel_counts"][q["feature"]][q["value"]],
                    "pool": data["pool_counts"][q["feature"]][q["value"]],
                }
                for q in data["quotas"]
            ],
            "probabilities": [
                {"id": pid, "percent": p * 100, "on_panel": pid in panel}
                for pid, p in probabilities
            ],
            "lottery": [
                {
                    "number": i + 1,
                    "percent": entry["probability"] * 100,
                    "size": len(entry["panel"]),
                }
                for i, entry in enumerate(data["lottery"])
            ],
            "lowest": data["lowest"] * 100,
            "highest": data["highest"] * 100,
            "drawn_number": next(
                i + 1 for i, e in enumerate(data["lottery"]) if e["panel"] == data["panel"]
            ),
        },
    )


def publication_json(request, process_slug, pk):
    item = _assembly(request, process_slug, pk)
    data = selectors.publication(item, selectors.draw_of(item))
    if data is None:
        raise Http404
    body = {
        "assembly": item.pk,
        "algorithm": data["algorithm"],
        "panelSize": data["panel_size"],
        "seed": data["seed"],
        "commitment": data["commitment"],
        "panel": data["panel"],
        "reserves": data["reserves"],
        "probabilities": data["probabilities"],
        "lottery": data["lottery"],
        "quotas": data["quotas"],
    }
    response = JsonResponse(body, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="burgerberaad-{item.pk}-loting.json"'
    return response


def rerun(request, process_slug, pk):
    item = _assembly(request, process_slug, pk)
    data = selectors.publication(item, selectors.draw_of(item))
    return render(
        request,
        "assemblies/rerun.html",
        {"assembly": item, "process": item.process, "data": data},
    )


# --- staff -----------------------------------------------------------------------------------


def _data(request):
    return request.POST if request.method == "POST" else None


@role_required(*MANAGER_ROLES)
def manage_list(request):
    municipality = current_municipality()
    phases = selectors.free_phases(municipality)
    form = NewAssemblyForm(
        _data(request),
        phases=phases,
        initial={
            "panel_size": 24,
            "reserve_size": 6,
            "algorithm": "leximin",
            "household_rule": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        phase = data.pop("phase")
        try:
            created = services.assembly_create(
                actor=request.user, process=phase.process, phase=phase, request=request, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het burgerberaad is gemaakt. Stel nu de quota in."))
            return redirect("assemblies:manage", pk=created.pk)
    return render(
        request,
        "assemblies/manage_list.html",
        {
            "assemblies": selectors.staff_assemblies(municipality),
            "form": form,
            "has_phases": phases.exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _manage_page(request, item, status=200, **forms):
    draw = selectors.draw_of(item)
    context = {
        "assembly": item,
        "process": item.process,
        "counts": selectors.counts(item),
        "areas": selectors.invitations_per_area(item) if item.stage != Stage.SETUP else [],
        "summary": selectors.registrations_summary(item),
        "draw": draw,
        "pool": selectors.staff_pool(item) if draw is not None and draw.state == "done" else None,
        "settings_form": forms.get("settings_form")
        or AssemblyForm(initial={f: getattr(item, f) for f in services.SETTINGS}),
        "quota_form": forms.get("quota_form")
        or QuotaForm(initial={"quotas": selectors.quota_text(item.quotas.all())}),
        "address_form": forms.get("address_form") or AddressFileForm(),
        "invitation_form": forms.get("invitation_form") or InvitationForm(),
        "seed_form": forms.get("seed_form") or SeedForm(),
        "draw_form": forms.get("draw_form") or DrawForm(),
        "action_error": forms.get("action_error"),
        "refresh": draw is not None and draw.in_progress,
        "reach": selectors.outcome_reach(item) if item.stage == Stage.PUBLISHED else None,
        "registration_url": absolute_url(
            reverse("assemblies:register", args=[item.process.slug, item.pk])
        ),
    }
    return render(request, "assemblies/manage.html", context, status=status)


@role_required(*MANAGER_ROLES)
def manage(request, pk):
    item = selectors.staff_assembly(pk)
    if request.method == "POST":
        form = AssemblyForm(request.POST)
        if form.is_valid():
            try:
                services.assembly_update(
                    actor=request.user, assembly=item, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De instellingen zijn opgeslagen."))
                return redirect("assemblies:manage", pk=pk)
        item.refresh_from_db()
        return _manage_page(request, item, status=400, settings_form=form)
    return _manage_page(request, item)


@require_POST
@role_required(*MANAGER_ROLES)
def quotas(request, pk):
    item = selectors.staff_assembly(pk)
    form = QuotaForm(request.POST)
    if form.is_valid():
        try:
            services.quotas_save(
                actor=request.user,
                assembly=item,
                text=form.cleaned_data["quotas"],
                derive="derive" in request.POST,
                request=request,
            )
        except ValidationError as error:
            apply_service_errors(form, error, default_field="quotas")
        else:
            messages.success(request, _("De quota zijn opgeslagen."))
            return redirect(reverse("assemblies:manage", args=[pk]) + "#quota")
    return _manage_page(request, item, status=400, quota_form=form)


@require_POST
@role_required(*MANAGER_ROLES)
def addresses(request, pk):
    item = selectors.staff_assembly(pk)
    form = AddressFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_ADDRESS_FILE:
            form.add_error("file", _("Het bestand is groter dan 30 MB."))
        else:
            try:
                n = services.addresses_upload(
                    actor=request.user, assembly=item, raw=upload.read(), request=request
                )
            except ValidationError as error:
                apply_service_errors(form, error, default_field="file")
            else:
                messages.success(request, _("%(n)d adressen geladen.") % {"n": n})
                return redirect(reverse("assemblies:manage", args=[pk]) + "#adressen")
    return _manage_page(request, item, status=400, address_form=form)


@require_POST
@role_required(*MANAGER_ROLES)
def invitations(request, pk):
    item = selectors.staff_assembly(pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            made = services.invitations_draw(
                actor=request.user,
                assembly=item,
                count=form.cleaned_data["count"],
                seed=form.cleaned_data["seed"],
                request=request,
            )
        except ValidationError as error:
            apply_service_errors(form, error, default_field="count")
        else:
            messages.success(
                request,
                _("%(n)d adressen zijn verloot. Download nu de brieven.") % {"n": len(made)},
            )
            return redirect(reverse("assemblies:manage", args=[pk]) + "#uitnodigingen")
    return _manage_page(request, item, status=400, invitation_form=form)


@role_required(*MANAGER_ROLES)
def staff_register(request, pk):
    """Staff enter a registration received by phone or on paper, with the code of the letter:
    the same checks and household rule as online, recorded in the audit log."""
    item = selectors.staff_assembly(pk)
    features = selectors.features(item)
    form = StaffRegistrationForm(request.POST or None, features=features)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_create(
                    assembly=item,
                    code=data["code"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    characteristics=form.characteristics(),
                    consent=data["consent"],
                    language=data["language"],
                    actor=request.user,
                    request=request,
                )
            except (ValidationError, PermissionDenied) as error:
                apply_service_errors(
                    form, error, refused=_("Aanmelden voor dit burgerberaad kan nu niet.")
                )
            else:
                messages.success(
                    request,
                    _("De aanmelding van %(name)s is opgeslagen.") % {"name": data["name"]},
                )
                return redirect("assemblies:staff_register", pk=pk)
    return render(
        request,
        "assemblies/staff_register.html",
        {
            "assembly": item,
            "process": item.process,
            "form": form,
            "open": permissions.registration_open(item),
            "feature_fields": [form[name] for name in form.feature_names],
        },
        status=status,
    )


@role_required(*MANAGER_ROLES)
def letters(request, pk):
    item = selectors.staff_assembly(pk)
    rows = selectors.letters(item)
    if not rows:
        raise Http404
    services.letters_downloaded(actor=request.user, assembly=item, request=request)
    municipality = current_municipality()
    pdf = letters_pdf(
        municipality=municipality.name if municipality else "",
        title=item.title,
        intro=item.intro,
        url=absolute_url(reverse("assemblies:register", args=[item.process.slug, item.pk])),
        closes=format_day(item.phase.last_day),
        one_per_address=item.household_rule,
        letters=rows,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="burgerberaad-{item.pk}-brieven.pdf"'
    return response


def _step(request, pk, action, success: str):
    item = selectors.staff_assembly(pk)
    try:
        action(item)
    except ValidationError as error:
        return _manage_page(request, item, status=400, action_error=" ".join(error.messages))
    messages.success(request, success)
    return redirect(reverse("assemblies:manage", args=[pk]) + "#loting")


@require_POST
@role_required(*MANAGER_ROLES)
def close(request, pk):
    return _step(
        request,
        pk,
        lambda item: services.registration_close(
            actor=request.user, assembly=item, request=request
        ),
        _("Aanmelden is gesloten."),
    )


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(*MANAGER_ROLES)
def commit(request, pk):
    """Fix the seed: only its hash is stored. The seed is shown this once (not in a message or
    the session), with a download, because staff need it again to start the draw."""
    item = selectors.staff_assembly(pk)
    form = SeedForm(request.POST)
    if form.is_valid():
        try:
            seed = services.seed_commit(
                actor=request.user, assembly=item, seed=form.cleaned_data["seed"], request=request
            )
        except ValidationError as error:
            apply_service_errors(form, error, default_field="seed")
        else:
            return _no_store(
                render(
                    request,
                    "assemblies/seed_committed.html",
                    {
                        "assembly": item,
                        "process": item.process,
                        "seed": seed,
                        "generated": not form.cleaned_data["seed"].strip(),
                    },
                )
            )
    return _manage_page(request, item, status=400, seed_form=form)


@require_POST
@role_required(*MANAGER_ROLES)
def seed_download(request, pk):
    """The seed as a text file, sent back from the page that showed it once. Nothing is read
    from the database but the hash: a seed that does not match it is refused."""
    item = selectors.staff_assembly(pk)
    try:
        seed = services.seed_check(item, request.POST.get("seed", ""))
    except ValidationError as error:
        return _manage_page(request, item, status=400, action_error=" ".join(error.messages))
    text = _(
        "Geheim lotnummer voor de loting van het panel van: %(title)s\n%(seed)s\n\n"
        "Vingerafdruk (SHA-256), staat op de openbare pagina:\n%(hash)s\n\n"
        "Bewaar dit bestand goed en deel het met niemand tot de loting. Zonder dit lotnummer "
        "kan het panel niet geloot worden.\n"
    ) % {"title": item.title, "seed": seed, "hash": item.seed_commitment}
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="burgerberaad-{item.pk}-lotnummer.txt"'
    return _no_store(response)


@require_POST
@role_required(*MANAGER_ROLES)
def draw(request, pk):
    item = selectors.staff_assembly(pk)
    form = DrawForm(request.POST)
    try:
        services.draw_check(item)  # why not now comes before what is typed
    except ValidationError as error:
        return _manage_page(request, item, status=400, action_error=" ".join(error.messages))
    if not form.is_valid():
        return _manage_page(request, item, status=400, draw_form=form)
    try:
        row = tasks.draw_schedule(
            actor=request.user, assembly=item, seed=form.cleaned_data["seed"], request=request
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            apply_service_errors(form, error, default_field="seed")
            return _manage_page(request, item, status=400, draw_form=form)
        return _manage_page(request, item, status=400, action_error=" ".join(error.messages))
    row.refresh_from_db()
    if row.state == "done":
        messages.success(request, _("Het panel is geloot. Kijk het na en publiceer het."))
    elif row.state == "failed":
        messages.error(request, _("De loting is niet gelukt. Hieronder staat waarom."))
    else:
        messages.success(
            request, _("De loting is gestart. Deze pagina ververst zichzelf tot het panel er is.")
        )
    return redirect(reverse("assemblies:manage", args=[pk]) + "#loting")


@require_POST
@role_required(*MANAGER_ROLES)
def publish(request, pk):
    return _step(
        request,
        pk,
        lambda item: services.publish(actor=request.user, assembly=item, request=request),
        _("Het panel, de loting en het lotnummer zijn gepubliceerd."),
    )


# --- the outcome for volunteers without an e-mail address -----------------------------------


@role_required(*MANAGER_ROLES)
def outcome_letters(request, pk):
    """The outcome as letters (PDF) for every volunteer without an e-mail address."""
    item = selectors.staff_assembly(pk)
    if item.stage != Stage.PUBLISHED:
        raise Http404
    rows = selectors.outcome_letters(item)
    if not rows:
        raise Http404
    services.outcome_letters_downloaded(
        actor=request.user, assembly=item, letters=len(rows), request=request
    )
    municipality = current_municipality()
    pdf = outcome_letters_pdf(
        municipality=municipality.name if municipality else "",
        title=item.title,
        # In each letter's language (reverse gives /en/... for English).
        link=lambda: absolute_url(
            reverse("assemblies:publication", args=[item.process.slug, item.pk])
        ),
        letters=rows,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="burgerberaad-{item.pk}-uitslag.pdf"'
    return response


@role_required(*MANAGER_ROLES)
@rate_limit("120/m")
def call_list(request, pk):
    """Volunteers with only a phone number: name, number, outcome, and a "gebeld" mark."""
    item = selectors.staff_assembly(pk)
    if item.stage != Stage.PUBLISHED:
        raise Http404
    error = ""
    if request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            called = form.cleaned_data["gebeld"] == "ja"
            try:
                registration = services.outcome_called(
                    actor=request.user,
                    assembly=item,
                    member_id=form.cleaned_data["lid"],
                    called=called,
                    request=request,
                )
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                if called:
                    message = _("%(name)s staat op gebeld.") % {"name": registration.name}
                else:
                    message = _("%(name)s staat weer op niet gebeld.") % {"name": registration.name}
                messages.success(request, message)
                anchor = f"#lid-{form.cleaned_data['lid']}"
                return redirect(reverse("assemblies:call_list", args=[pk]) + anchor)
        else:
            error = " ".join(form.non_field_errors())
    return render(
        request,
        "assemblies/call_list.html",
        {
            "assembly": item,
            "process": item.process,
            "members": selectors.call_list(item),
            "error": error,
        },
        status=400 if error else 200,
    )
