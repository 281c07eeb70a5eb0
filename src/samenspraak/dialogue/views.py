"""Comment posting, reporting and the moderator queue."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core.confirm import confirm_delete
from samenspraak.core.forms import apply_service_errors
from samenspraak.core.ratelimit import rate_limit
from samenspraak.dialogue import selectors, services
from samenspraak.dialogue.forms import (
    CommentEditForm,
    CommentForm,
    DecisionForm,
    FilterWordForm,
    HouseRuleForm,
    MuteForm,
    ReportForm,
)
from samenspraak.dialogue.models import Comment, FilterWord, HouseRule, Mute
from samenspraak.dialogue.moderation import content_type_from_key, reportable_for
from samenspraak.dialogue.permissions import (
    MODERATOR_ROLES,
    can_delete_comment,
    can_edit_comment,
    can_moderate,
    can_view,
    is_commentable_model,
    takes_positions,
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


def _comment_on(target, pk, user) -> Comment | None:
    """The comment `pk` on `target` that `user` can see (for a reply or a quote), or None."""
    if not pk:
        return None
    comment = (
        Comment.objects.filter(
            pk=pk,
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
        )
        .select_related("parent")
        .first()
    )
    if comment is None:
        return None
    if comment.is_pending and comment.author_id != user.pk and not can_moderate(user):
        return None
    return comment


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
    form = CommentForm(request.POST, positions=takes_positions(target))
    errors: dict[str, list[str]] = {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.comment_create(
                target=target,
                author=request.user,
                body=data["body"],
                position=data.get("position") or "",
                parent=_comment_on(target, data.get("parent"), request.user),
                quoted=_comment_on(target, data.get("quoted"), request.user),
            )
        except PermissionDenied as error:
            errors = {"body": [str(error) or _("U kunt hier nu niet reageren.")]}
        except ValidationError as error:
            errors = {field: [str(m) for m in items] for field, items in error.message_dict.items()}
        else:
            if comment.is_pending:
                messages.success(
                    request,
                    _(
                        "Dank u wel. Een moderator bekijkt uw reactie eerst. Tot dan ziet "
                        "alleen u die."
                    ),
                )
            else:
                messages.success(request, _("Uw reactie is geplaatst."))
            return HttpResponseRedirect(f"{url}{comment.link_suffix}")
    else:
        errors = {field: [str(e) for e in items] for field, items in form.errors.items()} or {
            "body": [_("Uw reactie kon niet worden geplaatst.")]
        }
    request.session[draft_session_key(content_type, object_id)] = {
        "body": request.POST.get("body", "")[:20000],
        "position": request.POST.get("position", "")[:20],
        "parent": request.POST.get("parent", "")[:20],
        "quoted": request.POST.get("quoted", "")[:20],
        "errors": errors,
    }
    return HttpResponseRedirect(f"{url}#reageren")


@require_http_methods(["GET", "POST"])
@rate_limit("10/m")
def comment_edit(request, pk: int):
    """The author changes their comment within the edit window; after it, the text stays on the
    page with the reason."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = get_object_or_404(Comment.objects.select_related("content_type"), pk=pk)
    if comment.author_id != request.user.pk:
        raise PermissionDenied(_("U kunt alleen uw eigen reacties bewerken."))
    target = comment.target
    url = f"{_target_url(target)}{comment.link_suffix}" if target is not None else "/"
    comment.hidden_rule = selectors.hidden_rules_for([comment]).get(comment.pk)
    if comment.hidden_rule is not None:
        raise PermissionDenied(_("Een moderator heeft deze reactie verborgen."))
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.comment_edit(
                    comment=comment, actor=request.user, body=form.cleaned_data["body"]
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Uw reactie is bewerkt."))
                return HttpResponseRedirect(url)
        status = 400
    return render(
        request,
        "dialogue/comment_edit.html",
        {
            "form": form,
            "comment": comment,
            "back_url": url,
            "minutes": selectors.edit_minutes(),
            "open": can_edit_comment(request.user, comment, minutes=selectors.edit_minutes()),
        },
        status=status,
    )


@require_POST
@rate_limit("30/m")
def comment_react(request, pk: int):
    """Give or take back a small reaction ("Eens", "Goed punt", "Dank je"); a plain form post."""
    comment = get_object_or_404(Comment.objects.select_related("content_type"), pk=pk)
    target = comment.target
    if target is None or not can_view(request.user, target):
        raise Http404
    url = f"{_target_url(target)}{comment.link_suffix}"
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    try:
        services.reaction_toggle(
            comment=comment, user=request.user, kind=request.POST.get("kind", "")
        )
    except (PermissionDenied, ValidationError) as error:
        text = error.messages[0] if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    return HttpResponseRedirect(url)


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
        return confirm_delete(request, name=name, back_url=f"{url}{comment.link_suffix}")
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
    pending = selectors.pending_comments()
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
        {
            "groups": groups,
            "hidden": hidden,
            "rules": rules,
            "pending": pending,
            "pending_form": DecisionForm(rules=rules),
        },
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


def _comment_back(comment: Comment) -> str:
    target = comment.target
    return f"{_target_url(target)}{comment.link_suffix}" if target is not None else "/"


@require_POST
@role_required(*MODERATOR_ROLES)
def moderation_approve(request, pk: int):
    """Let a comment that waited for a moderator through."""
    comment = get_object_or_404(Comment.objects.select_related("content_type"), pk=pk)
    services.comment_approve(comment=comment, actor=request.user, request=request)
    messages.success(request, _("De reactie is goedgekeurd en voor iedereen zichtbaar."))
    if request.POST.get("next") == "comment":
        return HttpResponseRedirect(_comment_back(comment))
    return redirect("dialogue:moderation_queue")


@require_POST
@role_required(*MODERATOR_ROLES)
def moderation_mark(request, pk: int):
    """Pin or highlight a comment, or undo it (buttons next to each comment for moderators)."""
    comment = get_object_or_404(Comment.objects.select_related("content_type"), pk=pk)
    mark = request.POST.get("mark", "")
    on = request.POST.get("on") == "1"
    try:
        services.comment_mark(
            comment=comment, actor=request.user, mark=mark, on=on, request=request
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        texts = {
            ("pinned", True): _("De reactie staat nu bovenaan."),
            ("pinned", False): _("De reactie staat niet meer vast."),
            ("highlighted", True): _("De reactie is uitgelicht."),
            ("highlighted", False): _("De reactie is niet meer uitgelicht."),
        }
        messages.success(request, texts[(mark, on)])
    return HttpResponseRedirect(_comment_back(comment))


@require_http_methods(["GET", "POST"])
@role_required(*MODERATOR_ROLES)
def mute_create(request, pk: int):
    """Mute the author of comment `pk` until a day, with a reason they see."""
    comment = get_object_or_404(Comment.objects.select_related("author", "content_type"), pk=pk)
    if comment.author is None:
        raise Http404
    form = MuteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            day = form.cleaned_data["until"] + datetime.timedelta(days=1)
            until = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            try:
                services.participant_mute(
                    user=comment.author,
                    actor=request.user,
                    until=until,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De deelnemer is gedempt."))
                return redirect("dialogue:mute_list")
        status = 400
    return render(
        request,
        "dialogue/moderation/mute_form.html",
        {"form": form, "comment": comment, "back_url": _comment_back(comment)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@role_required(*MODERATOR_ROLES)
def mute_list(request):
    """The participants muted now; "Opheffen" ends a mute at once."""
    if request.method == "POST":
        mute = get_object_or_404(Mute, pk=request.POST.get("mute") or 0)
        services.mute_lift(mute=mute, actor=request.user, request=request)
        messages.success(request, _("De demping is opgeheven."))
        return redirect("dialogue:mute_list")
    return render(request, "dialogue/moderation/mutes.html", {"mutes": selectors.active_mutes()})


@require_http_methods(["GET", "POST"])
@role_required(*MODERATOR_ROLES)
def word_filter(request):
    """The municipality's word filter: comments with one of these words wait for a moderator."""
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    form = FilterWordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.filter_word_add(
                    actor=request.user,
                    municipality=municipality,
                    word=form.cleaned_data["word"],
                    request=request,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Het woord staat nu in het woordfilter."))
                return redirect("dialogue:word_filter")
        status = 400
    return render(
        request,
        "dialogue/moderation/word_filter.html",
        {"form": form, "words": selectors.filter_word_items(municipality)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@role_required(*MODERATOR_ROLES)
def word_filter_remove(request, pk: int):
    municipality = current_municipality()
    item = get_object_or_404(FilterWord, pk=pk, municipality=municipality)
    if request.method != "POST":
        return confirm_delete(request, name=item.word, back_url=reverse("dialogue:word_filter"))
    services.filter_word_remove(actor=request.user, item=item, request=request)
    messages.success(request, _("Het woord is uit het woordfilter gehaald."))
    return redirect("dialogue:word_filter")


LOG_PERIODS = (
    (7, _lazy("de laatste 7 dagen")),
    (30, _lazy("de laatste 30 dagen")),
    (365, _lazy("het laatste jaar")),
)


@role_required(*MODERATOR_ROLES)
def moderation_log(request):
    """Every moderation decision: who, when, which house rule; filtered by the query string."""
    from samenspraak.core import components

    labels = components.audit_action_labels()
    actions = [(action, labels.get(action, action)) for action in services.ModerationAction.LOGGED]
    action = request.GET.get("handeling", "")
    if action not in services.ModerationAction.LOGGED:
        action = ""
    try:
        moderator_id = int(request.GET.get("moderator") or 0)
    except ValueError:
        moderator_id = 0
    try:
        days = int(request.GET.get("periode") or 0)
    except ValueError:
        days = 0
    if days not in dict(LOG_PERIODS):
        days = 0
    rules = selectors.house_rules(current_municipality())
    rule = request.GET.get("huisregel", "")
    if rule not in {r.title for r in rules}:
        rule = ""
    entries = selectors.moderation_log(
        services.ModerationAction.LOGGED,
        action=action,
        moderator_id=moderator_id,
        rule=rule,
        days=days,
    )
    label_of = dict(actions)
    for entry in entries:
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        entry.label = label_of.get(entry.action, entry.action)
        entry.rule = str(changes.get("rule") or "")
        entry.detail = str(
            changes.get("note") or changes.get("reason") or changes.get("word") or ""
        )
    return render(
        request,
        "dialogue/moderation/log.html",
        {
            "entries": entries,
            "actions": actions,
            "moderators": selectors.moderators_in_log(services.ModerationAction.LOGGED),
            "rules": rules,
            "periods": LOG_PERIODS,
            "chosen": {"action": action, "moderator": moderator_id, "rule": rule, "days": days},
            "limit": selectors.LOG_LIMIT,
        },
    )
