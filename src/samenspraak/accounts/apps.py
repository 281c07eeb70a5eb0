from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samenspraak.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from samenspraak.accounts import privacy, selectors, services

        privacy.register(
            "account",
            label=_("Account, inloggegevens en toestemmingen"),
            exporter=selectors.account_export,
            anonymiser=services.account_records_erase,
            covers=[
                "accounts.VerifiedAttribute.user",
                "accounts.NotificationConsent.user",
                "accounts.LoginFailure.user",
                "account.EmailAddress.user",
                "mfa.Authenticator.user",
                "sessions.Session.session_data",
                "django_tasks_database.DBTaskResult.args_kwargs",
                "core.AuditLogEntry.target_repr",
                "admin.LogEntry.object_repr",
                # Exported; kept after erasure (privacy.RETAINED_AFTER_ERASURE says why).
                "core.AuditLogEntry.actor",
                "admin.LogEntry.user",
            ],
        )
        checks.register(privacy.check_coverage)

        def clear_failures(sender, request, user, **kwargs):
            # A full log-in (password and second factor) ends the count of failed attempts.
            services.login_failures_clear(user=user)
            # The address remembered for a failed code attempt is no longer needed.
            if request is not None and hasattr(request, "session"):
                request.session.pop("samenspraak.accounts.login_email", None)

        user_logged_in.connect(
            clear_failures, weak=False, dispatch_uid="samenspraak.accounts.clear_failures"
        )
