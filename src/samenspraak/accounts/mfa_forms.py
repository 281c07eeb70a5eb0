"""The second-factor step of the staff log-in, with the same lock-out as the password step."""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from django.core.exceptions import ValidationError

from samenspraak.accounts import selectors, services
from samenspraak.accounts.forms import locked_out_message
from samenspraak.core.ratelimit import client_ip


class AuthenticateForm(AllauthAuthenticateForm):
    """A wrong authenticator code counts as a failed log-in for this address from this source;
    a source that failed too often waits, even with the right code."""

    def clean_code(self):
        request = context.request
        source = client_ip(request) if request is not None else None
        until = selectors.lockout_until(email=self.user.email, ip_address=source)
        if until:
            raise ValidationError(locked_out_message(until))
        try:
            return super().clean_code()
        except ValidationError:
            until = services.login_failure_record(
                email=self.user.email, ip_address=source, user=self.user
            )
            if until:
                raise ValidationError(locked_out_message(until)) from None
            raise
