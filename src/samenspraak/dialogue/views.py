"""Comment posting, reporting and the moderator queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.dialogue import selectors, services
from samenspraak.dialogue.forms import CommentForm, DecisionForm, HouseRuleForm, ReportForm
from samenspraak.dialogue.models import Comment, HouseRule
from samenspraak.dialogue.moderation import content_type_from_key, reportable_for
from samenspraak.dialogue.permissions import (
    MODERATOR_ROLES,
    can_delete_comment,
    can_view,
    is_commentable_model,
)
from samenspraak.organisations.selectors import current_municipality

DRAFT_SESSION_KEY = "dialogue:draft:{key}:{pk}"


def draft_session_key(key: str, pk) -> str:
    return DRAFT_SESSION_KEY.format(key=key, pk=pk)


def _target_url(target) -> str:
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"


def _get_target(content_type_key: str, object_id: int, *, allowed):
    content_type = content_type_from_key(content_type_key)
    model = content_type.model_class()
    if not allowed(model):
        raise Http404
    return get_object_or_404(model._default_manager, pk=object_id)


@require_POST
@rate_limit("10/m")
def comment_create(request, content_type: str, object_id: int):
    """Post a comment; on an error go back to the target with the typed text kept."""
    target = _get_target(content_type, object_id, allowed=is_commentable_model)
    if not can_view(request.user, target):  # e.g. an input of a draft process
        raise Http404
    url = _target_url(target)
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    form = CommentForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            comment = services.comment_create(
                target=target, author=request.user, body=form.cleaned_data["body"]
            )
        except PermissionDenied as error:
            errors = [str(error) or _("U kunt hier nu niet reageren.")]
        except ValidationError as error:
            errors = [m for messages_ in error.message_dict.values() for m in messages_]
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return HttpResponseRedirect(f"{url}#{comment.anchor}")
    else:
        errors = form.errors.get("body", []) or [_("Uw reactie kon niet worden geplaatst.")]
    request.session[draft_session_key(content_type, object_id)] = {
        "body": request.POST.get("body", "")[:20000],
        "errors": [str(e) for e in errors],
    }
    return HttpResponseRedirect(f"{url}#reageren")


@require_http_methods(["GET", "POST"])
def comment_delete(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = get_object_or_404(Comment.objects.select_related("content_type"), pk=pk)
    url = _target_url(comment.target) if comment.target is not None else "/"
    if request.method != "POST":
        if not can_delete_comment(request.user, comment):
            raise PermissionDenied(_("U kunt deze reactie niet verwijderen."))
        name = Truncator(comment.body).words(12)
        return confirm_delete(request, name=name, back_url=f"{url}#{comment.anchor}")
    services.comment_delete(comment=comment, actor=request.user, request=request)
    messages.success(request, _("De reactie is verwijderd."))
    return HttpResponseRedirect(f"{url}#reacties")


@rate_limit("5/m")
def report(request, content_type: str, object_id: int):
    """Anyone may report content they can see; a moderator looks at it.

    404 exactly when the content's own page would not show it: the owning app's view rule
    (e.g. an input of a draft process), and content a moderator has already hidden.
    """
    target = _get_target(
        content_type, object_id, allowed=lambda model: reportable_for(model) is not None
    )
    if not can_view(request.user, target) or selectors.is_hidden(target):
        raise Http404
    reportable = reportable_for(type(target))
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_create(
                    target=target, reporter=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request, _("Dank u wel. Een moderator bekijkt uw melding zo snel mogelijk.")
                )
                return HttpResponseRedirect(_target_url(target))
        status = 400
    return render(
        request,
        "dialogue/report.html",
        {
            "form": form,
            "target": target,
            "label": reportable.label,
            "text": reportable.text(target),
            "target_url": _target_url(target),
        },
        status=status,
    )


def _queue(request, *, failed=None, status=200):
    municipality = current_municipality()
    rules = selectors.house_rules(municipality)
    groups = selectors.open_report_groups()
    for group in groups:
        key = (group["key"], group["object_id"])
        group["form"] = failed[1] if failed and failed[0] == key else DecisionForm(rules=rules)
    hidden = selectors.hidden_content()
    for row in hidden:
        key = (row["key"], row["object_id"])
        row["form"] = failed[1] if failed and failed[0] == key else DecisionForm(rules=rules)
    return render(
        request,
        "dialogue/moderation/queue.html",
        {"groups": groups, "hidden": hidden, "rules": rules},
        status=status,
    )


@role_required(*MODERATOR_ROLES)
def moderation_queue(request):
    return _queue(request)


@require_POST
@role_required(*MODERATOR_ROLES)
def moderation_decide(request, content_type: str, object_id: int):
    target = _get_target(
        content_type, object_id, allowed=lambda model: reportable_for(model) is not None
    )
    rules = selectors.house_rules(current_municipality())
    form = DecisionForm(request.POST, rules=rules)
    if not form.is_valid():
        return _queue(request, failed=((content_type, object_id), form), status=400)
    action = form.cleaned_data["action"]
    note = form.cleaned_data["note"]
    if action == DecisionForm.HIDE:
        services.content_hide(
            target=target,
            actor=request.user,
            rule=form.cleaned_data["rule"],
            note=note,
            request=request,
        )
        messages.success(request, _("De inhoud is verborgen."))
    elif action == DecisionForm.KEEP:
        services.content_keep(target=target, actor=request.user, note=note, request=request)
        messages.success(request, _("De inhoud blijft staan. De meldingen zijn afgehandeld."))
    else:
        services.content_restore(target=target, actor=request.user, note=note, request=request)
        messages.success(request, _("De inhoud is weer zichtbaar."))
    return redirect("dialogue:moderation_queue")


@role_required(*MODERATOR_ROLES)
def house_rule_list(request):
    return render(
        request,
        "dialogue/moderation/house_rules.html",
        {"rules": selectors.house_rules(current_municipality())},
    )


@role_required(*MODERATOR_ROLES)
def house_rule_edit(request, pk: int | None = None):
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    rule = get_object_or_404(HouseRule, pk=pk, municipality=municipality) if pk else None
    form = HouseRuleForm(request.POST or None, instance=rule)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.house_rule_save(
                    actor=request.user,
                    municipality=municipality,
                    rule=rule,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    order=form.cleaned_data["order"],
                    request=request,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De huisregel is opgeslagen."))
                return redirect("dialogue:house_rule_list")
        status = 400
    return render(
        request,
        "dialogue/moderation/house_rule_form.html",
        {"form": form, "rule": rule, "cancel_url": reverse("dialogue:house_rule_list")},
        status=status,
    )


def house_rules(request):
    """The house rules for comments, public: linked from every comment form."""
    rules = selectors.house_rules(current_municipality())
    return render(request, "dialogue/house_rules.html", {"rules": rules})
