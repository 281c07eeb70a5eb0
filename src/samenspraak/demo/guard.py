"""The demo never runs where real people's data lives."""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def require_demo_mode() -> None:
    """Raise CommandError (exit code 1) unless settings.SAMENSPRAAK_DEMO is on."""
    if not getattr(settings, "SAMENSPRAAK_DEMO", False):
        raise CommandError(
            _(
                "De demo staat uit (SAMENSPRAAK_DEMO is niet aan). Demogegevens en "
                "demo-inloggegevens zijn er nooit in productie."
            )
        )
