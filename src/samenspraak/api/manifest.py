"""What the API app adds: its audit action labels and the privacy handler for integrations.

The apps' own API routes are declared in their manifests (`api_urls`); this app mounts them.
"""

from django.utils.translation import gettext_lazy as _

from samenspraak.api import privacy
from samenspraak.api.services import AuditAction
from samenspraak.core.components import Manifest

MANIFEST = Manifest(
    app="api",
    audit_actions={
        AuditAction.CREATED: _("Koppeling (API) gemaakt"),
        AuditAction.DEACTIVATED: _("Koppeling (API) uitgezet"),
    },
    privacy=(privacy.handler(),),
)
