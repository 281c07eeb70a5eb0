"""`samenspraak demo_totp EMAIL`: the current TOTP code of a demo staff account."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samenspraak.accounts.models import User
from samenspraak.demo.generator import demo_totp_secret, is_demo_email
from samenspraak.demo.guard import require_demo_mode


def current_code(secret: str, *, at: float | None = None) -> tuple[str, int]:
    """The TOTP code for `secret` now, and the seconds it stays valid (allauth's own algorithm)."""
    now = time.time() if at is None else at
    period = mfa_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(secret, int(now) // period))
    return code, period - int(now) % period


class Command(BaseCommand):
    help = (
        "Toon de TOTP-code van dit moment voor een demo-medewerker / print the current TOTP code "
        "of a demo staff account."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        require_demo_mode()
        not_demo = _(
            "%(email)s is geen demo-account van een medewerker. Zie: samenspraak demo --logins"
        ) % {"email": email}
        if not is_demo_email(email):
            raise CommandError(not_demo)
        user = User.objects.filter(email__iexact=email).first()
        secret = demo_totp_secret(user) if user is not None and user.is_staff_role else None
        if secret is None:
            raise CommandError(not_demo)
        code, seconds = current_code(secret)
        self.stdout.write(code)
        self.stdout.write(
            _("Geldig nog %(seconds)s seconden. TOTP-geheim voor een authenticator-app: %(secret)s")
            % {"seconds": seconds, "secret": secret}
        )
