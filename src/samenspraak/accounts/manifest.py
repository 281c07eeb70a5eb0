"""What accounts adds: the account's own privacy handler and its audit action label."""

from django.utils.translation import gettext_lazy as _

from samenspraak.accounts import privacy, selectors, services
from samenspraak.core.components import Manifest

MANIFEST = Manifest(
    app="accounts",
    audit_actions={services.LOCKED_OUT_ACTION: _("Inloggen tijdelijk geblokkeerd")},
    privacy=(
        privacy.handler(
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
        ),
    ),
)
