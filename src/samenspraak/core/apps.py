from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samenspraak.core"
    verbose_name = _("Basis")

    def ready(self):
        from samenspraak.core import checks, components, links, media, signals  # noqa: F401 (checks)
        from samenspraak.core.manifest import MANIFEST

        components.register(MANIFEST)
        signals.connect()
