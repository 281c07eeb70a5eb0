from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "samenspraak.assemblies"
    label = "assemblies"
    verbose_name = _("Burgerberaden")

    def ready(self):
        from samenspraak.assemblies.manifest import MANIFEST
        from samenspraak.core import components

        components.register(MANIFEST)
