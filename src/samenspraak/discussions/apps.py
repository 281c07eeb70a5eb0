from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "samenspraak.discussions"
    verbose_name = _("Gespreksruimtes")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.discussions.manifest import MANIFEST

        components.register(MANIFEST)
