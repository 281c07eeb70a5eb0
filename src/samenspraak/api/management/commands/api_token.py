"""Integrations for the API: ``create`` (prints the token once), ``list``, ``deactivate``.

    samenspraak api_token create "Zaaksysteem" --scopes inputs:answer updates:publish \\
        --user beheerder@voorbeeldstad.nl

The integration acts as that staff member (an administrator), who answers for it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from samenspraak.api import selectors, services
from samenspraak.api.models import Integration
from samenspraak.api.scopes import SCOPES


class Command(BaseCommand):
    help = "Create, list or switch off API integrations (tokens)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create an integration; prints its token once.")
        create.add_argument("name")
        create.add_argument(
            "--scopes", nargs="+", required=True, help=f"One or more of: {', '.join(SCOPES)}"
        )
        create.add_argument(
            "--user", required=True, help="E-mail address of the administrator it acts as."
        )
        sub.add_parser("list", help="List integrations (never their tokens).")
        deactivate = sub.add_parser("deactivate", help="Switch an integration off.")
        deactivate.add_argument("name")
        deactivate.add_argument("--user", required=True, help="E-mail address of an administrator.")

    def _user(self, email):
        from samenspraak.accounts.models import User

        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with e-mail address {email!r}.")
        return user

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except PermissionDenied as error:
            raise CommandError(str(error) or "Not allowed.") from None

    def _create(self, name, scopes, user, **options):
        integration, token = services.integration_create(
            actor=self._user(user), name=name, scopes=scopes
        )
        self.stdout.write(f"Integration {integration.name!r} created with scopes: ")
        self.stdout.write(", ".join(integration.scopes))
        self.stdout.write("Token (shown only now; store it safely):")
        self.stdout.write(token)

    def _list(self, **options):
        for integration in selectors.integration_list():
            state = "active" if integration.is_active else "off"
            creator = integration.created_by.email if integration.created_by else "-"
            used = integration.last_used_at.isoformat() if integration.last_used_at else "never"
            self.stdout.write(
                f"{integration.name}\t{state}\t{','.join(integration.scopes)}\t{creator}\t{used}"
            )

    def _deactivate(self, name, user, **options):
        try:
            integration = Integration.objects.get(name=name)
        except Integration.DoesNotExist:
            raise CommandError(f"No integration named {name!r}.") from None
        services.integration_deactivate(actor=self._user(user), integration=integration)
        self.stdout.write(f"Integration {name!r} is switched off.")
