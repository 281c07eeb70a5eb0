from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "samenspraak.initiatives"
    verbose_name = _("Burgerinitiatieven")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.initiatives.manifest import MANIFEST

        components.register(MANIFEST)
