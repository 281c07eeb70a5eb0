"""Conversation pages: voting and adding statements, the opinion groups (public); staff pages:
create, seed, moderate, import and export Polis data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts.permissions import is_staff_member
from samenspraak.conversations import charts, permissions, selectors, services
from samenspraak.conversations.forms import StatementForm, VoteForm
from samenspraak.conversations.models import Statement
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit


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
