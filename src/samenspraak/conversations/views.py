"""Conversation pages: voting and adding statements, the opinion groups (public); staff pages:
create, seed, moderate, import and export Polis data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts.permissions import is_staff_member, role_required
from samenspraak.conversations import charts, permissions, selectors, services
from samenspraak.conversations.forms import (
    ConversationForm,
    PolisImportForm,
    SeedForm,
    StatementForm,
    VoteForm,
)
from samenspraak.conversations.models import Statement
from samenspraak.conversations.permissions import MANAGER_ROLES
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.organisations.selectors import current_municipality


def _conversation(request, process_slug, pk):
    process = selectors.process_by_slug(process_slug)
    conversation = selectors.conversation_detail(process, pk)
    if not permissions.can_view(request.user, conversation):
        raise Http404
    return conversation


def _page(request, conversation, form=None, status=200):
    statements = list(selectors.accepted_statements(conversation))
    mine = selectors.votes_of(request.user, conversation)
    for statement in statements:
        statement.my_vote = mine.get(statement.pk)
        statement.total = statement.n_agree + statement.n_disagree + statement.n_pass
    can_vote = permissions.can_vote(request.user, conversation)
    context = {
        "conversation": conversation,
        "process": conversation.process,
        "statements": statements,
        "voted": len(mine),
        "can_vote": can_vote,
        "can_add": permissions.can_add_statement(request.user, conversation),
        "is_staff": is_staff_member(request.user),
        "form": form if form is not None else StatementForm(),
        "phase_open": conversation.phase.is_active(),
    }
    return render(request, "conversations/conversation.html", context, status=status)


def conversation(request, process_slug, pk):
    return _page(request, _conversation(request, process_slug, pk))


@require_POST
@rate_limit("60/m")
def vote(request, process_slug, pk, statement_pk):
    conversation = _conversation(request, process_slug, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("conversations:conversation", args=[process_slug, pk]))
    statement = get_object_or_404(Statement, conversation=conversation, pk=statement_pk)
    statement.conversation = conversation
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies eens, oneens of sla over."))
    else:
        try:
            services.vote_cast(
                user=request.user, statement=statement, value=form.cleaned_data["stem"]
            )
        except PermissionDenied:
            messages.error(request, _("U kunt nu niet stemmen in dit gesprek."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Uw stem is opgeslagen: %(text)s") % {"text": statement.text}
            )
    url = reverse("conversations:conversation", args=[process_slug, pk])
    return redirect(f"{url}#stelling-{statement.pk}")


@require_POST
@rate_limit("10/m")
def add_statement(request, process_slug, pk):
    conversation = _conversation(request, process_slug, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("conversations:conversation", args=[process_slug, pk]))
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            services.statement_submit(
                user=request.user, conversation=conversation, text=form.cleaned_data["text"]
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(
                form,
                error,
                default_field="text",
                refused=_("U kunt in dit gesprek geen stellingen toevoegen."),
            )
        else:
            messages.success(
                request,
                _(
                    "Dank u wel! Uw stelling is ontvangen. Na beoordeling kunnen anderen erover "
                    "stemmen."
                ),
            )
            return redirect("conversations:conversation", process_slug=process_slug, pk=pk)
    return _page(request, conversation, form=form, status=400)


def opinion_groups(request, process_slug, pk):
    conversation = _conversation(request, process_slug, pk)
    row = selectors.opinion_groups(conversation)
    result = row.result if row is not None and row.result else None
    groups = []
    if result:
        for group in result["groups"]:
            groups.append({**group, "letter": charts.letter(group["id"])})
    return render(
        request,
        "conversations/opinion_groups.html",
        {
            "conversation": conversation,
            "process": conversation.process,
            "row": row,
            "result": result,
            "groups": groups,
            "map": charts.opinion_map(result) if result else None,
            "computing": row is not None and row.in_progress,
        },
    )


# --- staff -----------------------------------------------------------------------------------


def _data(request):
    return request.POST if request.method == "POST" else None


@role_required(*MANAGER_ROLES)
def manage_list(request):
    municipality = current_municipality()
    phases = selectors.free_phases(municipality)
    form = ConversationForm(_data(request), phases=phases)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        phase = data["phase"]
        try:
            created = services.conversation_create(
                actor=request.user, process=phase.process, request=request, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is gemaakt. Zet er nu stellingen in."))
            return redirect("conversations:manage", pk=created.pk)
    return render(
        request,
        "conversations/manage_list.html",
        {
            "conversations": selectors.staff_conversations(municipality),
            "form": form,
            "has_phases": phases.exists(),
        },
    )


@role_required(*MANAGER_ROLES)
def manage(request, pk):
    conversation = selectors.staff_conversation(pk)
    seed_form = SeedForm()
    import_form = PolisImportForm()
    if request.method == "POST" and "seed" in request.POST:
        seed_form = SeedForm(request.POST)
        if seed_form.is_valid():
            try:
                services.statement_seed(
                    actor=request.user,
                    conversation=conversation,
                    text=seed_form.cleaned_data["text"],
                    request=request,
                )
            except ValidationError as error:
                apply_service_errors(seed_form, error, default_field="text")
            else:
                messages.success(request, _("De stelling is geplaatst."))
                return redirect("conversations:manage", pk=pk)
    elif request.method == "POST" and "import" in request.POST:
        import_form = PolisImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            files = {
                "comments.csv": import_form.cleaned_data["comments"],
                "votes.csv": import_form.cleaned_data.get("votes"),
                "participants-votes.csv": import_form.cleaned_data.get("participants_votes"),
            }
            try:
                counts = services.polis_import(
                    actor=request.user,
                    conversation=conversation,
                    files={k: v for k, v in files.items() if v},
                    request=request,
                )
            except ValidationError as error:
                apply_service_errors(import_form, error)
            else:
                messages.success(
                    request,
                    _("Geïmporteerd: %(statements)d stellingen en %(votes)d stemmen.") % counts,
                )
                return redirect("conversations:manage", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conversations/manage.html",
        {
            "conversation": conversation,
            "process": conversation.process,
            "pending": list(selectors.pending_statements(conversation)),
            "statements": list(selectors.accepted_statements(conversation)),
            "seed_form": seed_form,
            "import_form": import_form,
            "row": selectors.opinion_groups(conversation),
        },
        status=status,
    )


@require_POST
@role_required(*MANAGER_ROLES)
def moderate(request, pk, statement_pk):
    conversation = selectors.staff_conversation(pk)
    statement = get_object_or_404(Statement, conversation=conversation, pk=statement_pk)
    statement.conversation = conversation
    accept = request.POST.get("besluit") == "plaatsen"
    services.statement_moderate(
        actor=request.user, statement=statement, accept=accept, request=request
    )
    if accept:
        messages.success(request, _("Geplaatst: %(text)s") % {"text": statement.text})
    else:
        messages.success(request, _("Afgewezen: %(text)s") % {"text": statement.text})
    return redirect("conversations:manage", pk=pk)


@role_required(*MANAGER_ROLES)
def export_zip(request, pk):
    conversation = selectors.staff_conversation(pk)
    response = HttpResponse(
        selectors.polis_export_zip(conversation), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="stellingen-{conversation.pk}-polis.zip"'
    )
    return response
