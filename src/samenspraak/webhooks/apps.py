from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "samenspraak.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.webhooks import checks  # noqa: F401 (checks register themselves)
        from samenspraak.webhooks.manifest import MANIFEST

        components.register(MANIFEST)
