from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samenspraak.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_used
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from samenspraak.accounts import privacy, services
        from samenspraak.accounts.manifest import MANIFEST
        from samenspraak.core import components
        from samenspraak.core.ratelimit import client_ip

        components.register(MANIFEST)
        checks.register(privacy.check_coverage)

        def clear_failures(sender, request, user, **kwargs):
            # A full log-in (password and second factor) ends the count of failed attempts
            # from this source; a stranger's count elsewhere stays.
            services.login_failures_clear(
                user=user, ip_address=client_ip(request) if request is not None else None
            )
            # The address remembered for a failed code attempt is no longer needed.
            if request is not None and hasattr(request, "session"):
                request.session.pop("samenspraak.accounts.login_email", None)

        def count_failure(sender, credentials, request=None, **kwargs):
            # Every route that checks a password (allauth's log-in, Django's authenticate())
            # counts a failure for the typed address from this source, whatever the address.
            email = next(
                (
                    credentials[name]
                    for name in ("email", "username", "login")
                    if isinstance(credentials.get(name), str) and credentials[name]
                ),
                None,
            )
            if email is not None:
                services.login_failure_record(
                    email=email, ip_address=client_ip(request) if request is not None else None
                )

        def second_factor_used(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                services.second_factor_passed(request=request, user=user)

        user_logged_in.connect(
            clear_failures, weak=False, dispatch_uid="samenspraak.accounts.clear_failures"
        )
        user_login_failed.connect(
            count_failure, weak=False, dispatch_uid="samenspraak.accounts.count_failure"
        )
        authenticator_used.connect(
            second_factor_used, weak=False, dispatch_uid="samenspraak.accounts.second_factor"
        )
