from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samenspraak.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from samenspraak.api import checks, privacy  # noqa: F401 (checks register themselves)

        privacy.register()
