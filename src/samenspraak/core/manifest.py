"""What core adds: labels for the audit log actions its own hooks record (core.signals)."""

from django.utils.translation import gettext_lazy as _

from samenspraak.core.audit import Action
from samenspraak.core.components import Manifest

MANIFEST = Manifest(
    app="core",
    audit_actions={
        Action.ADMIN_ADDITION: _("Toegevoegd in Django-beheer"),
        Action.ADMIN_CHANGE: _("Gewijzigd in Django-beheer"),
        Action.ADMIN_DELETION: _("Verwijderd in Django-beheer"),
        Action.ADMIN_OTHER: _("Andere handeling in Django-beheer"),
        Action.ROLE_CHANGED: _("Rol gewijzigd"),
        Action.STAFF_LOGGED_IN: _("Ingelogd"),
        Action.STAFF_LOGGED_OUT: _("Uitgelogd"),
        Action.STAFF_LOGIN_FAILED: _("Inloggen mislukt"),
    },
)
