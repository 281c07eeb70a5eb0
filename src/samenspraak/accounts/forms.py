"""Forms for log-in, sign-up and the account pages. Writes go through accounts.services."""

import math

from allauth.account import forms as allauth_forms
from allauth.core import context
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspraak.accounts import selectors, services
from samenspraak.accounts.models import NotificationKind, User
from samenspraak.accounts.services import AgeClaim
from samenspraak.accounts.signup_forms import DisplayNameForm
from samenspraak.core.forms import state_limit
from samenspraak.core.ratelimit import client_ip, wait_text
from samenspraak.organisations.models import Area

#: The e-mail address someone typed to get a log-in code, so it is filled in again when the
#: code expires or was typed wrong too often.
LOGIN_EMAIL_SESSION_KEY = "samenspraak.accounts.login_email"

NO_PASSWORD_NEEDED = _("U heeft geen wachtwoord nodig: u logt in met een code die wij u mailen.")


def locked_out_message(until) -> str:
    """Too many failures for this address from this source: how long to wait. The same text
    for every address, known or not."""
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return "{} {}".format(
        _("U heeft te vaak een verkeerd wachtwoord of een verkeerde code ingevuld."),
        wait_text(seconds),
    )


def _remembered_email() -> str:
    request = context.request
    return request.session.get(LOGIN_EMAIL_SESSION_KEY, "") if request else ""


def _remember_email(email: str) -> None:
    request = context.request
    if request is not None and email:
        request.session[LOGIN_EMAIL_SESSION_KEY] = email


def _source(request) -> str | None:
    return client_ip(request) if request is not None else None


def _is_staff(user) -> bool:
    return user is not None and user.is_active and user.is_staff_role


class LoginForm(allauth_forms.LoginForm):
    """One form for everyone: residents leave the password empty and get a code by e-mail;
    staff fill in their password (then the second factor).

    The answer never tells whether an address belongs to a staff account: staff who leave the
    password empty get the same "code sent" page, and an e-mail (no code) saying they log in
    with their password. Failed passwords are counted per address and source for everyone
    (the user_login_failed signal, accounts.apps), and a source that failed too often waits.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mailadres")
        # A label, not a placeholder: placeholders vanish while typing and are hard to read.
        self.fields["login"].widget.attrs.pop("placeholder", None)
        state_limit(self.fields["login"])
        self.fields["password"] = forms.CharField(
            label=_("Wachtwoord (alleen voor medewerkers van de gemeente)"),
            required=False,
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            help_text=_("Inwoners laten dit leeg: u krijgt dan een code per e-mail."),
        )
        if not self.is_bound and not self.initial.get("login"):
            self.initial["login"] = _remembered_email()

    def clean(self):
        if self._errors:
            return self.cleaned_data
        email = self.cleaned_data.get("login")
        if not self.cleaned_data.get("password"):
            cleaned = super().clean()
            if _is_staff(getattr(self, "user", None)):
                self.user = None  # no code for staff; allauth mails them as for an unknown address
            if not self._errors:
                _remember_email(email)
            return cleaned
        source = _source(self.request)
        until = selectors.lockout_until(email=email, ip_address=source)
        if until:
            raise ValidationError(locked_out_message(until))
        try:
            return super().clean()
        except ValidationError:
            until = selectors.lockout_until(email=email, ip_address=source)
            if until:
                raise ValidationError(locked_out_message(until)) from None
            raise


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        state_limit(self.fields["email"])
        self.fields["email"].widget.attrs.pop("placeholder", None)
        if not self.is_bound and not self.initial.get("email"):
            self.initial["email"] = _remembered_email()

    def clean_email(self):
        email = super().clean_email()
        if _is_staff(getattr(self, "_user", None)):
            self._user = None  # as LoginForm: the same answer, and no code, for staff
        _remember_email(email)
        return email


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """Only staff have a password to reset. For a resident's address the same "sent" page
    follows, and the mail explains they log in with a code (accounts.adapter)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_limit(self.fields["email"])

    def clean_email(self):
        email = super().clean_email()
        self.users = [user for user in self.users if _is_staff(user)]
        return email


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    """A reset link never gives a resident a password (say, one sent while they were staff)."""

    def clean(self):
        cleaned = super().clean()
        if self.user is not None and not _is_staff(self.user):
            raise ValidationError(NO_PASSWORD_NEEDED)
        return cleaned


class ProfileForm(DisplayNameForm):
    def save(self, user: User) -> User:
        return services.profile_update(user=user, display_name=self.cleaned_data["display_name"])


class ConsentForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Ik wil een e-mail krijgen over"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def save(self, user: User) -> set[str]:
        return services.consents_set(user=user, kinds=self.cleaned_data["kinds"])


class DemoVerificationForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("In welk gebied woont u?"),
        queryset=Area.objects.all(),
        empty_label=_("Kies een gebied"),
        error_messages={"required": _("Kies het gebied waar u woont.")},
    )
    age_claim = forms.ChoiceField(
        label=_("Hoe oud bent u?"),
        choices=[
            (AgeClaim.UNDER_16, _("Jonger dan 16 jaar")),
            (AgeClaim.AGE_16_PLUS, _("16 of 17 jaar")),
            (AgeClaim.AGE_18_PLUS, _("18 jaar of ouder")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies uw leeftijd.")},
    )

    def save(self, user: User):
        return services.demo_verify(
            user=user, area=self.cleaned_data["area"], age_claim=self.cleaned_data["age_claim"]
        )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn account. Ik begrijp dat dit niet ongedaan kan worden."),
        error_messages={
            "required": _("Zet een vinkje als u zeker weet dat u uw account wilt verwijderen.")
        },
    )
