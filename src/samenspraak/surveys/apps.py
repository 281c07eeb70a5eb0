from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samenspraak.surveys"
    verbose_name = _("Enquêtes")

    def ready(self):
        from samenspraak.core import components
        from samenspraak.surveys.manifest import MANIFEST

        components.register(MANIFEST)
