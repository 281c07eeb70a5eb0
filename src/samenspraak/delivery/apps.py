from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "samenspraak.delivery"
    verbose_name = _("Uitvoering")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.delivery.manifest import MANIFEST

        components.register(MANIFEST)
