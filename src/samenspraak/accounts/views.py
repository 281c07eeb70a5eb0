"""Mijn account: profile, verified attributes, e-mail consent, data download and deletion; and
Mijn Samenspraak, what the person did."""

import json
import time
from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account import views as allauth_views
from allauth.account.internal.stagekit import LOGIN_SESSION_KEY
from allauth.account.models import Login
from allauth.mfa.totp import views as mfa_totp_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspraak.accounts import privacy, selectors, services
from samenspraak.accounts.forms import (
    LOGIN_EMAIL_SESSION_KEY,
    NO_PASSWORD_NEEDED,
    ConsentForm,
    DeleteAccountForm,
    DemoVerificationForm,
    ProfileForm,
)
from samenspraak.core.registry import account_sections


def _overview(request, *, profile_form=None, consent_form=None, status=200):
    user = request.user
    context = {
        "profile_form": profile_form
        or ProfileForm(initial={"display_name": user.display_name}, user=user),
        "consent_form": consent_form
        or ConsentForm(initial={"kinds": sorted(selectors.user_consent_kinds(user))}),
        "attributes": selectors.user_attributes(user),
        "now": timezone.now(),
        "has_totp": selectors.user_has_totp(user),
        "demo": settings.SAMENSPRAAK_DEMO,
        "can_delete": not user.is_staff_role,
    }
    return render(request, "accounts/overview.html", context, status=status)


@login_required
def overview(request):
    return _overview(request)


@login_required
def mine(request):
    """Mijn Samenspraak: what the person did (input, supports, comments, follows, proposals,
    votes...) and what came of it. Each app that holds such things adds its section through its
    manifest's `account_sections`; this page only puts them in order."""
    sections = account_sections.collect(request.user)
    return render(request, "accounts/mine.html", {"sections": sections})


@login_required
@require_POST
def profile_update(request):
    form = ProfileForm(request.POST, user=request.user)
    if form.is_valid():
        form.save(request.user)
        services.language_remember(user=request.user, language=translation.get_language())
        messages.success(request, _("Uw publieke naam is opgeslagen."))
        return redirect("accounts:overview")
    return _overview(request, profile_form=form, status=400)


@login_required
@require_POST
def consents_update(request):
    form = ConsentForm(request.POST)
    if form.is_valid():
        form.save(request.user)
        services.language_remember(user=request.user, language=translation.get_language())
        messages.success(request, _("Uw keuzes voor e-mail zijn opgeslagen."))
        return redirect("accounts:overview")
    return _overview(request, consent_form=form, status=400)


@login_required
def demo_verify(request):
    if not settings.SAMENSPRAAK_DEMO:
        raise Http404
    form = DemoVerificationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(request, _("Uw gegevens zijn vastgelegd (demo)."))
        return redirect("accounts:overview")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/demo_verify.html", {"form": form}, status=status)


@login_required
def data_overview(request):
    return render(request, "accounts/data.html", {"handlers": privacy.handlers()})


@login_required
def data_download(request):
    """Everything we hold about the person, as one JSON file (GDPR art. 15 and 20)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "format": "samenspraak-export-1",
        **privacy.export_user_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"samenspraak-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    if request.user.is_staff_role:
        # Staff accounts carry responsibility (the audit log); an administrator ends them.
        raise PermissionDenied(
            _("Medewerkers laten hun account door een beheerder van de gemeente beëindigen.")
        )
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            services.account_anonymise(user=request.user)
            logout(request)
            messages.success(
                request, _("Uw account is verwijderd. Uw bijdragen blijven zonder uw naam staan.")
            )
            return redirect("web:home")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})


def confirm_login_code(request, *args, **kwargs):
    """allauth's code confirmation, plus a clear message when the code has expired.

    allauth silently sends the person back to the request form; we say why, and the form
    shows the e-mail address they typed (kept in the session by accounts.forms).
    """
    data = {}
    stashed = request.session.get(LOGIN_SESSION_KEY)
    if isinstance(stashed, dict) and not request.user.is_authenticated:
        # Read the stash directly: allauth's own reader drops a log-in that is too old.
        try:
            login = Login.deserialize(stashed)
        except (ValueError, KeyError, TypeError):
            login = None
        if login is not None:
            data = login.state.get("stages", {}).get("login_by_code", {}).get("data", {})
    if data:
        started = data.get("at")
        if started and time.time() - started > allauth_settings.LOGIN_BY_CODE_TIMEOUT:
            if data.get("email"):
                request.session[LOGIN_EMAIL_SESSION_KEY] = data["email"]
            messages.error(
                request,
                _(
                    "De code is verlopen. Een code is %(minutes)s minuten geldig. Vraag een nieuwe code aan."  # noqa: E501
                )
                % {"minutes": allauth_settings.LOGIN_BY_CODE_TIMEOUT // 60},
            )
    return allauth_views.confirm_login_code(request, *args, **kwargs)


def _staff_only_password_view(allauth_view):
    def view(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff_role:
            messages.info(request, NO_PASSWORD_NEEDED)
            return redirect("accounts:overview")
        return allauth_view(request, *args, **kwargs)

    view.__doc__ = "Staff only; residents log in by code and never get a password."
    return view


password_change = _staff_only_password_view(allauth_views.password_change)
password_set = _staff_only_password_view(allauth_views.password_set)


def activate_totp(request, *args, **kwargs):
    """allauth's set-up of the authenticator app. Its form takes a code from the new app, which
    proves the second factor as well as logging in with it would: the session is marked so."""
    had_totp = request.user.is_authenticated and selectors.user_has_totp(request.user)
    response = mfa_totp_views.activate_totp(request, *args, **kwargs)
    if (
        request.method == "POST"
        and not had_totp
        and request.user.is_authenticated
        and selectors.user_has_totp(request.user)
    ):
        services.second_factor_passed(request=request, user=request.user)
    return response


def admin_login(request):
    """Django's admin log-in takes a password alone; ours asks password and second factor.
    Every way into the admin goes through ours, and comes back to where it was going."""
    if request.user.is_authenticated:
        # Logged in (with the second factor, or the middleware would have stopped it) but
        # without access to the technical admin: say so, instead of a log-in loop.
        raise PermissionDenied(_("U heeft geen toegang tot het technisch beheer."))
    target = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")
