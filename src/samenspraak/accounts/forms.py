"""Forms for log-in, sign-up and the account pages. Writes go through accounts.services."""

from allauth.account import forms as allauth_forms
from allauth.core import context
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenspraak.accounts import selectors, services
from samenspraak.accounts.models import NotificationKind, User
from samenspraak.accounts.services import AgeClaim
from samenspraak.accounts.signup_forms import DisplayNameForm
from samenspraak.organisations.models import Area

#: The e-mail address someone typed to get a log-in code, so it is filled in again when the
#: code expires or was typed wrong too often.
LOGIN_EMAIL_SESSION_KEY = "samenspraak.accounts.login_email"

STAFF_NEEDS_PASSWORD = _(
    "Medewerkers van de gemeente loggen in met hun wachtwoord en een tweede factor. "
    "Vul ook uw wachtwoord in."
)
LOCKED_OUT = _(
    "Er is te vaak een verkeerd wachtwoord ingevuld voor dit account. Het account is daarom "
    "een kwartier geblokkeerd. Probeer het daarna opnieuw of neem contact op met de beheerder."
)


def _remembered_email() -> str:
    request = context.request
    return request.session.get(LOGIN_EMAIL_SESSION_KEY, "") if request else ""


def _remember_email(email: str) -> None:
    request = context.request
    if request is not None and email:
        request.session[LOGIN_EMAIL_SESSION_KEY] = email


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request else None


class LoginForm(allauth_forms.LoginForm):
    """One form for everyone: residents leave the password empty and get a code by e-mail;
    staff fill in their password (then the second factor). Staff cannot log in by code alone,
    and repeated wrong passwords lock a staff account for a while."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mailadres")
        # A label, not a placeholder: placeholders vanish while typing and are hard to read.
        self.fields["login"].widget.attrs.pop("placeholder", None)
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
        password = self.cleaned_data.get("password")
        user = selectors.user_by_email(email)
        staff = user is not None and user.is_active and user.is_staff_role
        if not password:
            if staff:
                raise ValidationError(STAFF_NEEDS_PASSWORD)
            cleaned = super().clean()
            if not self._errors:
                _remember_email(email)
            return cleaned
        if staff and selectors.lockout_until(user):
            raise ValidationError(LOCKED_OUT)
        try:
            return super().clean()
        except ValidationError:
            if staff and services.login_failure_record(
                user=user, ip_address=_client_ip(self.request)
            ):
                raise ValidationError(LOCKED_OUT) from None
            raise


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        if not self.is_bound and not self.initial.get("email"):
            self.initial["email"] = _remembered_email()

    def clean_email(self):
        email = self.cleaned_data.get("email")
        user = selectors.user_by_email(email)
        if user is not None and user.is_active and user.is_staff_role:
            raise ValidationError(STAFF_NEEDS_PASSWORD)
        email = super().clean_email()
        _remember_email(email)
        return email


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
