"""The second-factor step of the staff log-in, with the same lock-out as the password step."""

from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from django.core.exceptions import ValidationError

from samenspraak.accounts import selectors, services
from samenspraak.accounts.forms import LOCKED_OUT


class AuthenticateForm(AllauthAuthenticateForm):
    """A wrong authenticator code counts as a failed log-in; a locked account gets no further."""

    def clean_code(self):
        if selectors.lockout_until(self.user):
            raise ValidationError(LOCKED_OUT)
        try:
            return super().clean_code()
        except ValidationError:
            if services.login_failure_record(user=self.user):
                raise ValidationError(LOCKED_OUT) from None
            raise
