from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "samenspraak.information"
    verbose_name = _("Informatie")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.information.manifest import MANIFEST

        components.register(MANIFEST)
