from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samenspraak.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from samenspraak.api import checks  # noqa: F401 (checks register themselves)
        from samenspraak.api.manifest import MANIFEST
        from samenspraak.core import components

        components.register(MANIFEST)
