"""Discussion pages: spaces, threads (with dialogue's comment block), a new thread, following;
staff pages for community managers: spaces, close and reopen, pin, the summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspraak.accounts.permissions import role_required
from samenspraak.core.forms import apply_service_errors, preview_requested, previews
from samenspraak.core.ratelimit import rate_limit
from samenspraak.dialogue.selectors import is_hidden
from samenspraak.discussions import permissions, selectors, services
from samenspraak.discussions.forms import (
    FollowForm,
    ReasonForm,
    SpaceForm,
    SummaryForm,
    ThreadForm,
)
from samenspraak.discussions.models import Frequency, Moderation, Space, SpaceKind, Thread
from samenspraak.discussions.permissions import COMMUNITY_MANAGER_ROLES
from samenspraak.organisations.selectors import current_municipality


def _space(space_slug: str) -> Space:
    space = selectors.spaces_of(current_municipality()).filter(slug=space_slug).first()
    if space is None:
        raise Http404
    return space


def _thread(space: Space, pk: int) -> Thread:
    thread = selectors.thread_get(space, pk)
    if thread is None:
        raise Http404
    return thread


def _follow_context(request, **target) -> dict:
    current = selectors.follow_of(request.user, **target)
    initial = {"frequency": current.frequency if current else Frequency.IMMEDIATE}
    return {
        "follow": current,
        "follow_form": FollowForm(initial=initial, auto_id="volgen_%s"),
        "can_follow": permissions.can_follow(request.user),
    }


# --- Public pages -----------------------------------------------------------------------------


def space_list(request):
    spaces = selectors.space_list(current_municipality())
    return render(
        request,
        "discussions/space_list.html",
        {
            "area_spaces": [s for s in spaces if s.kind == SpaceKind.AREA],
            "theme_spaces": [s for s in spaces if s.kind == SpaceKind.THEME],
            "is_manager": permissions.is_community_manager(request.user),
        },
    )


def space(request, space_slug):
    """The space with its threads: pinned first, newest activity first, 20 a page."""
    space = _space(space_slug)
    page = selectors.threads_page(space, request.GET.get("pagina"))
    context = {
        "space": space,
        "page": page,
        "can_start": permissions.can_start_thread(request.user, space),
        "is_manager": permissions.is_community_manager(request.user),
        **_follow_context(request, space=space),
    }
    return render(request, "discussions/space.html", context)


@require_http_methods(["GET", "POST"])
@rate_limit("5/10m")
def thread_create(request, space_slug):
    """A new thread. A title that already exists in the space offers that thread instead."""
    space = _space(space_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_start_thread(request.user, space):
        messages.error(request, _("In deze gespreksruimte kunt u nu geen gesprek beginnen."))
        return redirect(space.get_absolute_url())
    form = ThreadForm(request.POST or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_open(
                actor=request.user,
                space=space,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "duplicate":
                duplicate = error.params["thread"]
                form.add_error("title", _("Er is al een gesprek met dit onderwerp."))
            else:
                apply_service_errors(form, error)
        except PermissionDenied as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Uw gesprek staat online. Anderen kunnen nu reageren."))
            return redirect(thread.get_absolute_url())
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "discussions/thread_form.html",
        {"space": space, "form": form, "duplicate": duplicate},
        status=status,
    )


def thread(request, space_slug, pk):
    space = _space(space_slug)
    thread = _thread(space, pk)
    context = {
        "space": space,
        "thread": thread,
        "hidden": is_hidden(thread),
        "comments_open": permissions.comments_open(thread),
        "is_manager": permissions.is_community_manager(request.user),
        "premoderated": space.moderation == Moderation.PRE,
        "house_rules": space.rule_list(),
        **_follow_context(request, thread=thread),
    }
    return render(request, "discussions/thread.html", context)


def _follow(request, target_url: str, **target):
    if not request.user.is_authenticated:
        return redirect_to_login(target_url)
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, **target)
        messages.success(request, _("U volgt dit niet meer."))
        return redirect(target_url)
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies hoe vaak u e-mail wilt krijgen."))
        return redirect(target_url)
    services.follow(user=request.user, frequency=form.cleaned_data["frequency"], **target)
    text = {
        Frequency.IMMEDIATE: _("U volgt dit nu. U krijgt meteen e-mail bij iets nieuws."),
        Frequency.DAILY: _("U volgt dit nu. U krijgt één keer per dag een overzicht."),
        Frequency.NONE: _("U volgt dit nu. U ziet het in Mijn Samenspraak, zonder e-mail."),
    }[form.cleaned_data["frequency"]]
    messages.success(request, text)
    return redirect(target_url)


@require_POST
def follow_space(request, space_slug):
    space = _space(space_slug)
    return _follow(request, space.get_absolute_url(), space=space)


@require_POST
def follow_thread(request, space_slug, pk):
    thread = _thread(_space(space_slug), pk)
    return _follow(request, thread.get_absolute_url(), thread=thread)


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in a mail: stop following without logging in (a button, so link checkers in
    mail programs do not unsubscribe anyone)."""
    item = services.follow_from_token(token)
    name = (item.thread or item.space).__str__() if item is not None else ""
    if request.method == "POST" and item is not None:
        services.unfollow_by_token(token)
        return render(request, "discussions/unsubscribe.html", {"done": True, "name": name})
    status = 200 if item is not None else 404
    return render(
        request,
        "discussions/unsubscribe.html",
        {"item": item, "name": name, "done": False},
        status=status,
    )


# --- Staff pages (community managers; the middleware asks for the second factor) ----------


@role_required(*COMMUNITY_MANAGER_ROLES)
def manage_list(request):
    spaces = selectors.space_list(current_municipality())
    return render(request, "discussions/staff/manage_list.html", {"spaces": spaces})


def _space_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "kind": data["kind"],
        "area": data["area"] if data["kind"] == SpaceKind.AREA else None,
        "topic": data["topic"] if data["kind"] == SpaceKind.THEME else None,
        "intro": data["intro"],
        "moderation": data["moderation"],
        "is_open": data["is_open"],
        "process": data["process"],
    }


def _space_form_page(request, space: Space | None):
    municipality = current_municipality()
    if municipality is None:
        raise Http404
    initial = {"kind": SpaceKind.AREA, "moderation": Moderation.POST, "is_open": True}
    if space is not None:
        initial = {
            "name": space.name,
            "kind": space.kind,
            "area": space.area_id,
            "topic": space.topic_id,
            "intro": space.intro,
            "moderation": space.moderation,
            "is_open": space.is_open,
            "process": space.process_id,
            "house_rules": "\n".join(
                f"{title}: {text}" if text else title for title, text in space.rule_list()
            ),
        }
    form = SpaceForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and not preview_requested(request) and form.is_valid():
        try:
            rules = services.parse_house_rules(form.cleaned_data["house_rules"])
            saved = services.space_save(
                actor=request.user,
                municipality=municipality,
                space=space,
                house_rules=rules,
                request=request,
                **_space_fields(form),
            )
        except (ValidationError, PermissionDenied) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De gespreksruimte is opgeslagen."))
            return redirect(saved.get_absolute_url())
    status = 400 if form.is_bound and form.errors and not preview_requested(request) else 200
    context = {"form": form, "space": space, "previews": previews(request, form)}
    return render(request, "discussions/staff/space_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*COMMUNITY_MANAGER_ROLES)
def space_create(request):
    return _space_form_page(request, None)


@require_http_methods(["GET", "POST"])
@role_required(*COMMUNITY_MANAGER_ROLES)
def space_edit(request, pk):
    space = get_object_or_404(selectors.spaces_of(current_municipality()), pk=pk)
    return _space_form_page(request, space)


@require_http_methods(["GET", "POST"])
@role_required(*COMMUNITY_MANAGER_ROLES)
def thread_manage(request, pk):
    """Close or reopen (with a reason), pin, and write the summary of one thread."""
    thread = get_object_or_404(
        Thread.objects.select_related("space", "summary_by").filter(
            space__municipality=current_municipality()
        ),
        pk=pk,
    )
    reason_form = ReasonForm(auto_id="reden_%s")
    summary_form = SummaryForm(initial={"summary": thread.summary}, auto_id="samenvatting_%s")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("close", "reopen"):
                reason_form = ReasonForm(request.POST, auto_id="reden_%s")
                if reason_form.is_valid():
                    service = services.thread_close if action == "close" else services.thread_reopen
                    service(
                        actor=request.user,
                        thread=thread,
                        reason=reason_form.cleaned_data["reason"],
                        request=request,
                    )
                    messages.success(
                        request,
                        _("Het gesprek is gesloten.")
                        if action == "close"
                        else _("Het gesprek is weer open."),
                    )
                    return redirect(reverse("discussions:thread_manage", args=[thread.pk]))
            elif action in ("pin", "unpin"):
                services.thread_pin(
                    actor=request.user, thread=thread, pinned=action == "pin", request=request
                )
                messages.success(
                    request,
                    _("Het gesprek staat nu bovenaan.")
                    if action == "pin"
                    else _("Het gesprek staat niet meer vast bovenaan."),
                )
                return redirect(reverse("discussions:thread_manage", args=[thread.pk]))
            elif action == "summary":
                summary_form = SummaryForm(request.POST, auto_id="samenvatting_%s")
                if summary_form.is_valid():
                    services.summary_write(
                        actor=request.user,
                        thread=thread,
                        summary=summary_form.cleaned_data["summary"],
                        request=request,
                    )
                    messages.success(request, _("De samenvatting is opgeslagen."))
                    return redirect(thread.get_absolute_url())
            else:
                messages.error(request, _("Dat lukte niet. Probeer het opnieuw."))
        except ValidationError as error:
            target = summary_form if action == "summary" else reason_form
            apply_service_errors(
                target, error, default_field=action == "summary" and "summary" or "reason"
            )
    status = 400 if (reason_form.errors or summary_form.errors) else 200
    return render(
        request,
        "discussions/staff/thread_manage.html",
        {
            "thread": thread,
            "space": thread.space,
            "reason_form": reason_form,
            "summary_form": summary_form,
        },
        status=status,
    )
