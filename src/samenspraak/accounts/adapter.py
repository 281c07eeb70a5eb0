"""How allauth talks to Samenspraak: Dutch messages, display names, and e-mail via the queue."""

import time

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from samenspraak.accounts import selectors, services
from samenspraak.accounts.models import Role
from samenspraak.accounts.permissions import is_staff_member
from samenspraak.core import components
from samenspraak.core.mail import send_mail_later
from samenspraak.core.ratelimit import client_ip
from samenspraak.organisations.selectors import site_name

UNKNOWN_ACCOUNT_MAIL = "account/email/unknown_account"
LOGIN_METHOD_MAIL = "account/email/login_method"

#: Where staff land after their password and second factor when no ?next= says otherwise
#: (the staff start page, web.staff); residents go to settings.LOGIN_REDIRECT_URL. A component's
#: own landing for the person (core.components.LoginLanding, e.g. a council member's page)
#: goes first.
STAFF_LOGIN_REDIRECT_URL = "staff:index"

#: A log-in this recent counts as a re-authentication for setting up the first second factor.
FRESH_LOGIN_SECONDS = 5 * 60


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dit account bestaat niet meer of is uitgeschakeld."),
        "email_password_mismatch": _(
            "Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
        ),
        "incorrect_code": _(
            "Deze code klopt niet. Kijk nog eens goed in de e-mail en typ de code opnieuw."
        ),
        "too_many_login_attempts": _(
            "U heeft te vaak een verkeerde code of een verkeerd wachtwoord ingevuld. "
            "Vraag een nieuwe code aan of probeer het over een kwartier opnieuw."
        ),
        "rate_limited": _(
            "U heeft dit te vaak kort na elkaar geprobeerd. Wacht een paar minuten en probeer "
            "het dan opnieuw."
        ),
        "invalid_or_expired_key": _("Deze link of code is niet meer geldig. Vraag een nieuwe aan."),
    }

    def get_login_redirect_url(self, request):
        """allauth asks this only when the log-in carries no safe ?next=."""
        landing = components.login_landing(request.user)
        if landing:
            return landing
        if is_staff_member(request.user):
            return reverse(STAFF_LOGIN_REDIRECT_URL)
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request) -> str:
        """allauth's rate limits count per client with the same rule as ours (one function)."""
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth counts failed log-ins per e-mail address; we count them per address *and*
        source, so a stranger's failures never stop the owner logging in from elsewhere."""
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}|{client_ip(request)}"
        )

    def send_mail(self, template_prefix, email, context):
        """Render allauth's mail as usual, then queue it: a request never waits for SMTP."""
        context = {**context, "samenspraak_site_name": site_name()}
        if template_prefix == UNKNOWN_ACCOUNT_MAIL:
            template_prefix, context = self._login_method_mail(email, context)
        message = self.render_mail(template_prefix, email, context)
        body, html = message.body, None
        if isinstance(message, EmailMultiAlternatives):
            for content, mimetype in message.alternatives:
                if mimetype == "text/html":
                    html = content
        if getattr(message, "content_subtype", "plain") == "html":
            html, body = message.body, strip_tags(message.body)
        send_mail_later(
            message.subject, body, list(message.to), html=html, from_email=message.from_email
        )

    def _login_method_mail(self, email, context):
        """Staff asking for a log-in code and residents asking for a password reset get the
        same page as anyone (so nobody learns which addresses are staff), and allauth mails
        them as if the account were unknown. Tell the owner how they do log in instead."""
        user = selectors.user_by_email(email)
        if user is None or not user.is_active:
            return UNKNOWN_ACCOUNT_MAIL, context
        login_url = settings.SAMENSPRAAK_SITE_URL + reverse("account_login")
        return LOGIN_METHOD_MAIL, {**context, "staff": user.is_staff_role, "login_url": login_url}

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A staff member sent straight from the password log-in to set up the first second
        factor is not asked for the password again; changing an existing factor still is."""
        request = self.request
        user = getattr(request, "user", None)
        if (
            app == "allauth.mfa"
            and user is not None
            and user.is_authenticated
            and not selectors.user_has_totp(user)
        ):
            from allauth.account.internal.flows.reauthentication import (
                get_authentication_records,
            )

            records = get_authentication_records(request, user)
            if records and time.time() - records[-1]["at"] < FRESH_LOGIN_SECONDS:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def save_user(self, request, user, form, commit=True):
        """Sign-up makes a resident with a public display name and no password."""
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        user.role = Role.RESIDENT
        services.language_remember(user=user, language=translation.get_language())
        if commit:
            user.save()
        return user
