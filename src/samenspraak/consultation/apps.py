from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "samenspraak.consultation"
    verbose_name = _("Inbreng en enquêtes")

    def ready(self):
        from samenspraak.consultation.manifest import MANIFEST
        from samenspraak.core import components

        components.register(MANIFEST)
