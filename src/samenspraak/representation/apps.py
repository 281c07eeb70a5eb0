from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "samenspraak.representation"
    verbose_name = _("Wie doen er mee")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.representation.manifest import MANIFEST

        components.register(MANIFEST)
